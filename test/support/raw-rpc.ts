/**
 * A bare JSON-RPC 2.0 WebSocket client for wire-level tests: what goes out is exactly what the test
 * wrote (frames, batches, garbage), and every reply and notification is kept as parsed JSON.
 */
import WebSocket from 'ws';

/** A JSON-RPC error object. */
export interface WireError {
  code: number;
  message: string;
  data?: unknown;
}

/** One response frame: `result` or `error`. */
export interface WireResponse {
  jsonrpc: '2.0';
  id: number | string | null;
  result?: unknown;
  error?: WireError;
}

/** One subscription notification frame. */
export interface WireNotification {
  jsonrpc: '2.0';
  method: string;
  params: { subscription: string; result: unknown };
}

/** Thrown by `RawRpc.request` when the node answers with an error. */
export class WireRpcError extends Error {
  constructor(
    readonly method: string,
    readonly error: WireError,
  ) {
    super(`${method}: ${error.code}: ${error.message}${error.data === undefined ? '' : ` (${JSON.stringify(error.data)})`}`);
    this.name = 'WireRpcError';
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export class RawRpc {
  /** Every frame received that is not a response to `call`/`request` (batches, replies to raw frames). */
  readonly unmatched: unknown[] = [];
  private nextId = 1;
  private readonly pending = new Map<number, (r: WireResponse) => void>();
  private readonly notifications = new Map<string, unknown[]>();
  private readonly waiters = new Map<string, (() => void)[]>();
  private closed: Promise<void>;

  private constructor(readonly ws: WebSocket) {
    this.closed = new Promise((resolve) => ws.once('close', () => resolve()));
    ws.on('message', (data) => this.onFrame(String(data)));
    ws.on('error', () => {});
    ws.once('close', () => {
      for (const resolve of this.pending.values()) resolve({ jsonrpc: '2.0', id: null, error: { code: -1, message: 'socket closed' } });
      this.pending.clear();
      for (const list of this.waiters.values()) for (const wake of list) wake();
    });
  }

  static async connect(url: string, timeoutMs = 10_000): Promise<RawRpc> {
    const ws = new WebSocket(url, { perMessageDeflate: false, maxPayload: 64 * 1024 * 1024 });
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`cannot connect to ${url}`)), timeoutMs);
      ws.once('open', () => {
        clearTimeout(t);
        resolve();
      });
      ws.once('error', (e) => {
        clearTimeout(t);
        reject(e);
      });
    });
    return new RawRpc(ws);
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  private onFrame(text: string): void {
    let msg: unknown;
    try {
      msg = JSON.parse(text);
    } catch {
      this.unmatched.push(text);
      return;
    }
    if (isRecord(msg) && typeof msg.method === 'string' && isRecord(msg.params) && typeof msg.params.subscription === 'string') {
      const id = msg.params.subscription;
      const list = this.notifications.get(id) ?? [];
      list.push(msg.params.result);
      this.notifications.set(id, list);
      for (const w of this.waiters.get(id) ?? []) w();
      this.waiters.delete(id);
      return;
    }
    if (isRecord(msg) && typeof msg.id === 'number' && this.pending.has(msg.id)) {
      const resolve = this.pending.get(msg.id)!;
      this.pending.delete(msg.id);
      resolve(msg as unknown as WireResponse);
      return;
    }
    this.unmatched.push(msg);
  }

  /** Sends one request and resolves with the whole response (result or error). */
  call(method: string, params: unknown = [], timeoutMs = 15_000): Promise<WireResponse> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no answer in ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, (r) => {
        clearTimeout(t);
        resolve(r);
      });
      this.ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    });
  }

  /** Sends one request; resolves with its result, rejects with `WireRpcError` on an error reply. */
  async request<T = unknown>(method: string, params: unknown = []): Promise<T> {
    const r = await this.call(method, params);
    if (r.error) throw new WireRpcError(method, r.error);
    return r.result as T;
  }

  /** Subscribes; resolves with the subscription id. */
  async subscribe(method: string, params: unknown = []): Promise<string> {
    const id = await this.request<string>(method, params);
    if (typeof id !== 'string') throw new Error(`${method}: expected a subscription id, got ${JSON.stringify(id)}`);
    return id;
  }

  /** Notifications received so far for subscription `id`. */
  received(id: string): unknown[] {
    return this.notifications.get(id) ?? [];
  }

  /** Waits until subscription `id` has received at least `count` notifications; returns them. */
  async waitFor(id: string, count: number, timeoutMs = 15_000): Promise<unknown[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received(id).length < count) {
      if (!this.isOpen) throw new Error(`socket closed while waiting for ${count} notifications on ${id}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${count} notifications on ${id} (got ${this.received(id).length})`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        const list = this.waiters.get(id) ?? [];
        list.push(() => {
          clearTimeout(t);
          resolve();
        });
        this.waiters.set(id, list);
      });
    }
    return this.received(id);
  }

  /** Sends a raw frame as it is (text or bytes). */
  sendRaw(frame: string | Buffer): void {
    this.ws.send(frame);
  }

  /** Sends a raw frame and waits for the next unmatched frame (the reply to it). */
  async rawExchange(frame: string, timeoutMs = 15_000): Promise<unknown> {
    const before = this.unmatched.length;
    this.ws.send(frame);
    const deadline = Date.now() + timeoutMs;
    while (this.unmatched.length === before) {
      if (Date.now() > deadline) throw new Error('no reply to raw frame');
      if (!this.isOpen) throw new Error('socket closed');
      await new Promise((r) => setTimeout(r, 5));
    }
    return this.unmatched[before];
  }

  /** Closes the socket with a handshake and waits until it is closed. */
  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    this.ws.close();
    await this.closed;
  }

  /** Drops the TCP connection without a close handshake (an abrupt client disconnect). */
  terminate(): void {
    this.ws.terminate();
  }
}
