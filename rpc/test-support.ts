import WebSocket, { type ClientOptions } from 'ws';
import { RpcError } from './errors.ts';
import { RpcServer, type RpcServerOptions } from './server.ts';
import type { RpcLogger, RpcMethodTable } from './types.ts';

/** Counters the test table updates, so tests can check cleanups and calls. */
export interface TestProbe {
  cleanups: number;
  subscribed: number;
  logs: { level: string; msg: string; fields?: Record<string, unknown> }[];
}

/**
 * A small handler table for the transport tests: `echo`, `fail_async` (RpcError),
 * `boom` (plain Error), `admin_secret` (unsafe), `big` (a string of n chars) and
 * `counter_subscribe` (a notification every 10 ms, the first one sent from inside the handler).
 */
export function testTable(probe: TestProbe): RpcMethodTable {
  return {
    echo: { kind: 'call', handler: (params) => params },
    fail_async: {
      kind: 'call',
      handler: async () => {
        await new Promise((r) => setTimeout(r, 1));
        throw new RpcError(1234, 'nope', { reason: 'test' });
      },
    },
    boom: { kind: 'call', handler: () => { throw new Error('kaboom'); } },
    admin_secret: { kind: 'call', unsafe: true, handler: () => 'secret' },
    big: { kind: 'call', handler: (params) => 'x'.repeat(Math.min(Math.max(Number(params[0]) || 0, 0), 1_000_000)) },
    counter_subscribe: {
      kind: 'subscribe',
      notification: 'counter_tick',
      unsubscribe: ['counter_unsubscribe'],
      handler: (params, sink) => {
        if (params[0] === 'reject') throw RpcError.invalidParams('rejected on purpose');
        probe.subscribed++;
        let n = 0;
        sink.send(n++); // sent inside the handler: must arrive after the id
        const timer = setInterval(() => sink.send(n++), 10);
        return () => {
          probe.cleanups++;
          clearInterval(timer);
        };
      },
    },
    hex_subscribe: {
      kind: 'subscribe',
      notification: 'hex_tick',
      unsubscribe: ['hex_unsubscribe'],
      idFormat: 'hex',
      handler: (_params, sink) => {
        sink.send('hello');
        return () => {
          probe.cleanups++;
        };
      },
    },
  };
}

/** Starts a server on 127.0.0.1:0 with the test table; options override the defaults. */
export async function startTestServer(overrides: Partial<RpcServerOptions> = {}): Promise<{ server: RpcServer; probe: TestProbe; url: string; wsUrl: string }> {
  const probe: TestProbe = { cleanups: 0, subscribed: 0, logs: [] };
  const logger: RpcLogger = (level, msg, fields) => {
    probe.logs.push(fields ? { level, msg, fields } : { level, msg });
  };
  const server = await RpcServer.start({ port: 0, methods: testTable(probe), exposeUnsafe: false, cors: 'all', logger, ...overrides });
  return { server, probe, url: `http://127.0.0.1:${server.port}`, wsUrl: `ws://127.0.0.1:${server.port}` };
}

/** A raw WebSocket client that records every frame it receives, parsed. */
export class RawWsClient {
  readonly frames: unknown[] = [];
  // Far from the small ids that fuzzed frames tend to use.
  private nextId = 1_000_000_001;
  private waiters: (() => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(String(data)));
      for (const w of this.waiters.splice(0)) w();
    });
  }

  /** Opens a connection; rejects with the handshake error (e.g. "Unexpected server response: 403"). */
  static connect(url: string, opts: ClientOptions = {}): Promise<RawWsClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, opts);
      ws.once('open', () => resolve(new RawWsClient(ws)));
      ws.once('error', reject);
    });
  }

  /** Sends a raw frame. */
  send(frame: string): void {
    this.ws.send(frame);
  }

  /** Sends a request with a fresh numeric id and resolves with its response. */
  async call(method: string, params?: unknown): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    this.send(JSON.stringify(params === undefined ? { jsonrpc: '2.0', id, method } : { jsonrpc: '2.0', id, method, params }));
    return (await this.waitFor((f) => isObj(f) && f.id === id)) as Record<string, unknown>;
  }

  /** Resolves with the first frame (already received or future) that matches. */
  waitFor(pred: (f: unknown) => boolean, timeoutMs = 3000): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for a frame')), timeoutMs);
      const check = (): void => {
        const hit = this.frames.find(pred);
        if (hit !== undefined) {
          clearTimeout(timer);
          resolve(hit);
        } else this.waiters.push(check);
      };
      check();
    });
  }

  /** Closes and waits for the close event; resolves with the close code. */
  close(): Promise<number> {
    return new Promise((resolve) => {
      if (this.ws.readyState === WebSocket.CLOSED) return resolve(1006);
      this.ws.once('close', (code) => resolve(code));
      this.ws.close();
    });
  }
}

/** True for non-null, non-array objects. */
export function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** POSTs a JSON-RPC body and returns status, headers and parsed JSON (null for an empty body). */
export async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; json: unknown }> {
  const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: res.status, headers: res.headers, json };
}

/** Polls `cond` every 10 ms until it holds; throws after `timeoutMs`. */
export async function until(cond: () => boolean, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await sleep(10);
  }
}

/** Waits a little for asynchronous effects. */
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
