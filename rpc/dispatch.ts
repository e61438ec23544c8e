import { RpcError } from './errors.ts';
import type { MethodRegistry } from './methods.ts';
import type { CreatedSubscription, SubscriptionRegistry } from './subscriptions.ts';
import type { JsonRpcId, RpcContext, RpcLogger } from './types.ts';

/** One client connection as the dispatcher sees it; HTTP sessions have no subscriptions. */
export interface RpcSession {
  readonly ctx: RpcContext;
  readonly subscriptions: SubscriptionRegistry | null;
}

/**
 * The answer to one frame. `body` is null when nothing must be sent (notifications).
 * The transport must call `settle(true)` right after writing `body` (this releases the
 * notifications of new subscriptions) or `settle(false)` when it could not.
 */
export interface DispatchResult {
  readonly body: string | null;
  settle(delivered: boolean): void;
}

interface Outcome {
  response: string | null;
  created: CreatedSubscription | null;
}

const NO_SUBS = (): void => {};

/** Serializes an error response; unserializable `data` (BigInt, cycles) is dropped. */
export function errorResponse(id: JsonRpcId, err: RpcError): string {
  try {
    return JSON.stringify({ jsonrpc: '2.0', id, error: err.toJSON() });
  } catch {
    return JSON.stringify({ jsonrpc: '2.0', id, error: { code: err.code, message: String(err.message) } });
  }
}

function isId(v: unknown): v is JsonRpcId {
  return v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
}

/** Params normalization: missing/null → [], array as is, a by-name object → [object]. */
function normalizeParams(p: unknown): unknown[] | null {
  if (p === undefined || p === null) return [];
  if (Array.isArray(p)) return p;
  return typeof p === 'object' ? [p] : null;
}

/**
 * Transport-independent JSON-RPC 2.0 processing: parsing, validation, batches,
 * method execution, error mapping and the response size limits. Never throws.
 */
export class RpcDispatcher {
  constructor(
    private readonly methods: MethodRegistry,
    private readonly maxResponseBytes: number,
    private readonly maxBatchSize: number,
    private readonly log: RpcLogger,
  ) {}

  /** Processes one WebSocket frame or HTTP body. */
  async handle(text: string, session: RpcSession): Promise<DispatchResult> {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return { body: errorResponse(null, RpcError.parseError()), settle: NO_SUBS };
    }
    if (!Array.isArray(value)) {
      const out = await this.one(value, session);
      return { body: out.response, settle: (ok) => settleAll([out.created], ok) };
    }
    if (value.length === 0) return { body: errorResponse(null, RpcError.invalidRequest()), settle: NO_SUBS };
    if (value.length > this.maxBatchSize) {
      return { body: errorResponse(null, RpcError.batchTooBig(this.maxBatchSize)), settle: NO_SUBS };
    }
    const outs = await Promise.all(value.map((entry: unknown) => this.one(entry, session)));
    const created = outs.map((o) => o.created);
    const parts = outs.flatMap((o) => (o.response === null ? [] : [o.response]));
    if (parts.length === 0) return { body: null, settle: (ok) => settleAll(created, ok) };
    const body = `[${parts.join(',')}]`;
    if (this.tooBig(body)) {
      settleAll(created, false);
      return { body: errorResponse(null, RpcError.batchResponseTooBig(this.maxResponseBytes)), settle: NO_SUBS };
    }
    return { body, settle: (ok) => settleAll(created, ok) };
  }

  /** Calls a plain method directly (used by `GET /health`); throws RpcError. */
  async call(name: string, params: unknown[], ctx: RpcContext): Promise<unknown> {
    const m = this.methods.get(name);
    if (!m || m.kind !== 'call') throw RpcError.methodNotFound(name);
    return m.method.handler(params, ctx);
  }

  private async one(req: unknown, session: RpcSession): Promise<Outcome> {
    if (typeof req !== 'object' || req === null || Array.isArray(req)) return fail(null, RpcError.invalidRequest());
    const r = req as Record<string, unknown>;
    const notification = !Object.hasOwn(r, 'id');
    if (!notification && !isId(r.id)) return fail(null, RpcError.invalidRequest('invalid id'));
    const id = notification ? null : (r.id as JsonRpcId);
    if (r.jsonrpc !== '2.0') return fail(id, RpcError.invalidRequest('jsonrpc must be "2.0"'));
    if (typeof r.method !== 'string') return fail(id, RpcError.invalidRequest('method must be a string'));
    const params = normalizeParams(r.params);
    const reply = (e: RpcError): Outcome => (notification ? { response: null, created: null } : fail(id, e));
    if (!params) return reply(RpcError.invalidParams('params must be an array or an object'));
    const m = this.methods.get(r.method);
    if (!m) return reply(RpcError.methodNotFound(r.method));
    let created: CreatedSubscription | null = null;
    let result: unknown;
    try {
      const subs = session.subscriptions;
      if (m.kind === 'call') {
        result = await m.method.handler(params, session.ctx);
      } else if (!subs) {
        throw RpcError.subscriptionsUnavailable();
      } else if (m.kind === 'subscribe') {
        // A subscription whose id nobody will read is useless: skip it.
        if (notification) return { response: null, created: null };
        created = await subs.create(m.name, m.method, params, session.ctx);
        result = created.id;
      } else {
        const subId = params[0];
        if (typeof subId !== 'string' && typeof subId !== 'number') throw RpcError.invalidParams('expected a subscription id');
        result = typeof subId === 'string' && subs.unsubscribe(subId, m.subscribeMethods);
      }
    } catch (err) {
      if (!(err instanceof RpcError)) {
        this.log('error', 'RPC handler threw', { method: r.method, connectionId: session.ctx.connectionId, err: errText(err) });
      }
      return reply(RpcError.from(err));
    }
    if (notification) return { response: null, created: null };
    const body = this.success(id, result, r.method);
    if (body) return { response: body, created };
    created?.cancel(); // the client never learns the id
    return fail(id, RpcError.responseTooBig(this.maxResponseBytes));
  }

  /** The success response, an internal error if unserializable, or null if over the size limit. */
  private success(id: JsonRpcId, result: unknown, method: string): string | null {
    let body: string;
    try {
      body = JSON.stringify({ jsonrpc: '2.0', id, result: result === undefined ? null : result });
    } catch (err) {
      this.log('error', 'RPC result is not serializable', { method, err: errText(err) });
      return errorResponse(id, RpcError.internal('Failed to serialize the response'));
    }
    return this.tooBig(body) ? null : body;
  }

  private tooBig(body: string): boolean {
    // A UTF-16 unit is at most 3 UTF-8 bytes, so short strings skip the byte count.
    return body.length * 3 > this.maxResponseBytes && Buffer.byteLength(body) > this.maxResponseBytes;
  }
}

function fail(id: JsonRpcId, err: RpcError): Outcome {
  return { response: errorResponse(id, err), created: null };
}

function settleAll(created: (CreatedSubscription | null)[], delivered: boolean): void {
  for (const c of created) {
    if (delivered) c?.activate();
    else c?.cancel();
  }
}

/** Error text for logs: the stack when there is one. */
export function errText(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}
