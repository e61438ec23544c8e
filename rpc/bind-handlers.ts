/**
 * Chopsticks-style handler modules → the server's `RpcMethodTable`: each namespace module exports handlers named by
 * their wire names, each taking the namespace's context first; binding closes them over that context.
 */
import type { RpcContext, RpcMethodTable, SubscriptionSink } from './types.ts';

/** A request/response handler over context `C`. */
export interface CallHandlerOf<C> {
  readonly kind: 'call';
  /** Hidden unless the server exposes unsafe methods (`--rpc-methods unsafe` or `--dev`). */
  readonly unsafe?: boolean;
  readonly handler: (c: C, params: unknown[], rpc: RpcContext) => unknown;
}

/** A subscription handler over context `C`; it may throw `RpcError` (then no subscription is created) and returns its cleanup. */
export interface SubscribeHandlerOf<C> {
  readonly kind: 'subscribe';
  readonly unsafe?: boolean;
  /** `method` of the notifications, e.g. `chain_newHead`. */
  readonly notification: string;
  /** Every unsubscribe name (with its aliases) that may end this subscription. */
  readonly unsubscribe: readonly string[];
  readonly handler: (c: C, params: unknown[], sink: SubscriptionSink, rpc: RpcContext) => (() => void) | Promise<() => void>;
}

function isHandler<C>(v: unknown): v is CallHandlerOf<C> | SubscribeHandlerOf<C> {
  if (typeof v !== 'object' || v === null) return false;
  const h = v as { kind?: unknown; handler?: unknown };
  return (h.kind === 'call' || h.kind === 'subscribe') && typeof h.handler === 'function';
}

/**
 * Binds the handlers exported by each module (`import * as ChainRPC`) to `c`. Exports that are not handlers are
 * ignored; a name defined twice is a bug and fails at startup (`namespace` names it in the error). `idFormat`
 * is the subscription id format of the namespace (Ethereum clients expect hex ids).
 */
export function bindHandlers<C>(c: C, modules: readonly object[], opts: { namespace: string; idFormat?: 'hex' }): RpcMethodTable {
  const table: RpcMethodTable = {};
  for (const mod of modules) {
    for (const [name, h] of Object.entries(mod)) {
      if (!isHandler<C>(h)) continue;
      if (Object.hasOwn(table, name)) throw new Error(`${opts.namespace} RPC: method ${name} is defined twice`);
      const unsafe = h.unsafe ? { unsafe: true } : {};
      if (h.kind === 'call') {
        const handler = h.handler;
        table[name] = { kind: 'call', ...unsafe, handler: (params, rpc) => handler(c, params, rpc) };
      } else {
        const handler = h.handler;
        table[name] = {
          kind: 'subscribe',
          ...unsafe,
          notification: h.notification,
          unsubscribe: [...h.unsubscribe],
          ...(opts.idFormat ? { idFormat: opts.idFormat } : {}),
          handler: (params, sink, rpc) => handler(c, params, sink, rpc),
        };
      }
    }
  }
  return table;
}
