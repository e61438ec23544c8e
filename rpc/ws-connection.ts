import type { RawData, WebSocket } from 'ws';
import { errText, errorResponse, type RpcDispatcher, type RpcSession } from './dispatch.ts';
import { RpcError } from './errors.ts';
import { SubscriptionRegistry } from './subscriptions.ts';
import type { RpcContext, RpcLogger, SubscriptionIdFormat } from './types.ts';

/** Limits and collaborators shared by every WebSocket connection of a server. */
export interface WsConnectionDeps {
  readonly dispatcher: RpcDispatcher;
  readonly maxRequestBytes: number;
  readonly maxResponseBytes: number;
  /** Above this many bytes queued for a slow client the connection is dropped. */
  readonly maxBufferedBytes: number;
  readonly maxSubscriptions: number;
  /** Requests processed at once; beyond it the socket stops being read (TCP backpressure). */
  readonly maxInFlight: number;
  readonly idFormat: SubscriptionIdFormat;
  readonly log: RpcLogger;
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/**
 * One JSON-RPC WebSocket connection: requests are processed concurrently (pipelining),
 * responses go out as they complete, subscriptions live until unsubscribe or close.
 */
export class WsConnection {
  /** Cleared by each keepalive ping, set by the pong (or any frame) that follows. */
  alive = true;
  private readonly session: RpcSession;
  private readonly subs: SubscriptionRegistry;
  private inFlight = 0;

  constructor(
    readonly ws: WebSocket,
    readonly ctx: RpcContext,
    private readonly deps: WsConnectionDeps,
    onClose: (conn: WsConnection) => void,
  ) {
    this.subs = new SubscriptionRegistry(deps.maxSubscriptions, deps.idFormat, (n, id, r) => this.notify(n, id, r), deps.log);
    this.session = { ctx, subscriptions: this.subs };
    ws.on('message', (data) => this.onMessage(data));
    ws.on('pong', () => {
      this.alive = true;
    });
    ws.on('error', (err) => deps.log('info', 'WebSocket error', { connectionId: ctx.connectionId, err: err.message }));
    ws.once('close', () => {
      this.subs.closeAll();
      onClose(this);
    });
  }

  /** Number of live subscriptions. */
  get subscriptions(): number {
    return this.subs.size;
  }

  private onMessage(data: RawData): void {
    this.alive = true;
    const buf = toBuffer(data);
    if (buf.length > this.deps.maxRequestBytes) {
      this.send(errorResponse(null, RpcError.requestTooBig(this.deps.maxRequestBytes)));
      return;
    }
    if (++this.inFlight >= this.deps.maxInFlight) this.ws.pause();
    this.deps.dispatcher
      .handle(buf.toString('utf8'), this.session)
      .then((out) => out.settle(out.body !== null && this.send(out.body)))
      .catch((err: unknown) => this.deps.log('error', 'WebSocket dispatch failed', { err: errText(err) }))
      .finally(() => {
        if (--this.inFlight < this.deps.maxInFlight && this.ws.isPaused) this.ws.resume();
      });
  }

  private notify(notification: string, subscription: string, result: unknown): void {
    let frame: string;
    try {
      frame = JSON.stringify({ jsonrpc: '2.0', method: notification, params: { subscription, result } });
    } catch (err) {
      this.deps.log('error', 'notification is not serializable', { notification, err: errText(err) });
      return;
    }
    if (frame.length * 3 > this.deps.maxResponseBytes && Buffer.byteLength(frame) > this.deps.maxResponseBytes) {
      this.deps.log('warn', 'notification dropped: bigger than the response limit', { notification, bytes: Buffer.byteLength(frame) });
      return;
    }
    this.send(frame);
  }

  /** Queues a frame; false if the socket is gone. Drops the connection if the client cannot keep up. */
  private send(frame: string): boolean {
    const ws = this.ws;
    if (ws.readyState !== ws.OPEN) return false;
    ws.send(frame);
    if (ws.bufferedAmount > this.deps.maxBufferedBytes) {
      this.deps.log('warn', 'dropping slow WebSocket client', {
        connectionId: this.ctx.connectionId,
        bufferedBytes: ws.bufferedAmount,
        limit: this.deps.maxBufferedBytes,
      });
      ws.terminate();
    }
    return true;
  }
}
