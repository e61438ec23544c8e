import { randomBytes } from 'node:crypto';
import { RpcError } from './errors.ts';
import type { RpcContext, RpcLogger, RpcSubscribeMethod, SubscriptionIdFormat, SubscriptionSink } from './types.ts';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A fresh random subscription id: 16 alphanumeric chars (Substrate) or `0x` + 32 hex digits (Ethereum). */
export function newSubscriptionId(format: SubscriptionIdFormat): string {
  if (format === 'hex') return `0x${randomBytes(16).toString('hex')}`;
  let id = '';
  while (id.length < 16) {
    // 248 = 4 * 62: rejecting bytes above it keeps the alphabet uniform.
    for (const b of randomBytes(24)) if (b < 248 && id.length < 16) id += ALPHANUMERIC[b % 62];
  }
  return id;
}

/** Writes one notification frame; returns nothing, the connection handles backpressure. */
export type NotificationWriter = (notification: string, id: string, result: unknown) => void;

/** A subscription whose id is about to be sent: `activate` after writing it, `cancel` if it never reaches the client. */
export interface CreatedSubscription {
  readonly id: string;
  activate(): void;
  cancel(): void;
}

interface Subscription {
  readonly id: string;
  readonly method: string;
  readonly sink: Sink;
}

/** Sink with a queue: sends before `activate()` wait until the id has been written to the socket. */
class Sink implements SubscriptionSink {
  private queue: unknown[] | null = [];
  private cleanup: (() => void) | null = null;
  private cleanedUp = false;
  closed = false;

  constructor(
    private readonly notification: string,
    readonly id: string,
    private readonly write: NotificationWriter,
    private readonly onEnd: (sink: Sink) => void,
    private readonly log: RpcLogger,
  ) {}

  send(result: unknown): void {
    if (this.closed) return;
    if (this.queue) this.queue.push(result);
    else this.write(this.notification, this.id, result);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.onEnd(this);
    this.runCleanup();
  }

  /** Flushes queued sends (even of a sink closed meanwhile); called once the id was written. */
  activate(): void {
    const queued = this.queue ?? [];
    this.queue = null;
    for (const r of queued) this.write(this.notification, this.id, r);
  }

  setCleanup(fn: () => void): void {
    this.cleanup = fn;
    if (this.closed) this.runCleanup();
  }

  /** Runs the handler's cleanup exactly once, whichever way the subscription ended. */
  private runCleanup(): void {
    const fn = this.cleanup;
    if (this.cleanedUp || !fn) return;
    this.cleanedUp = true;
    this.cleanup = null;
    try {
      fn();
    } catch (err) {
      this.log('error', 'subscription cleanup threw', { subscription: this.id, err: String(err) });
    }
  }
}

/** The subscriptions of one connection: creation with limits, unsubscribe, teardown on close. */
export class SubscriptionRegistry {
  private readonly subs = new Map<string, Subscription>();
  private pendingCount = 0;
  private closedAll = false;

  constructor(
    private readonly limit: number,
    private readonly defaultIdFormat: SubscriptionIdFormat,
    private readonly write: NotificationWriter,
    private readonly log: RpcLogger,
  ) {}

  /** Live subscriptions, including ones whose handler is still running. */
  get size(): number {
    return this.subs.size + this.pendingCount;
  }

  /**
   * Runs the subscribe handler and registers the subscription. Returns the id and an
   * `activate` to call once the response with the id has been written.
   */
  async create(name: string, method: RpcSubscribeMethod, params: unknown[], ctx: RpcContext): Promise<CreatedSubscription> {
    if (this.closedAll) throw RpcError.internal('Connection closed');
    if (this.size >= this.limit) throw RpcError.tooManySubscriptions(this.limit);
    let id = newSubscriptionId(method.idFormat ?? this.defaultIdFormat);
    while (this.subs.has(id)) id = newSubscriptionId(method.idFormat ?? this.defaultIdFormat);
    const sink = new Sink(method.notification, id, this.write, (s) => this.subs.delete(s.id), this.log);
    this.pendingCount++;
    let cleanup: () => void;
    try {
      cleanup = await method.handler(params, sink, ctx);
    } catch (err) {
      sink.closed = true; // later sends from a failed handler go nowhere
      throw err;
    } finally {
      this.pendingCount--;
    }
    sink.setCleanup(typeof cleanup === 'function' ? cleanup : () => {});
    if (this.closedAll) sink.close(); // the socket went away while the handler ran
    else if (!sink.closed) this.subs.set(id, { id, method: name, sink });
    return { id, activate: () => sink.activate(), cancel: () => sink.close() };
  }

  /** Ends a subscription if it exists on this connection and was made by one of `methods`. */
  unsubscribe(id: string, methods: ReadonlySet<string>): boolean {
    const sub = this.subs.get(id);
    if (!sub || !methods.has(sub.method)) return false;
    sub.sink.close();
    return true;
  }

  /** Ends every subscription (socket closed); each cleanup runs exactly once. */
  closeAll(): void {
    this.closedAll = true;
    for (const sub of [...this.subs.values()]) sub.sink.close();
  }
}
