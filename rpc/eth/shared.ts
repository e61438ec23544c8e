/**
 * Plumbing of the Ethereum handlers, Chopsticks style like `rpc/substrate/shared.ts`: handlers take the node
 * context first, module exports are named by their wire names, and `bindEthHandlers` turns modules into the
 * server's `RpcMethodTable`.
 */
import type { EthChainApi } from '../../node/chain-api.ts';
import type { RpcContext, RpcLogger, RpcMethodTable, SubscriptionSink } from '../types.ts';
import type { EthBackend } from './backend.ts';
import type { EvmApi } from './evm-api.ts';
import type { FilterManager } from './filters.ts';

/** What every Ethereum handler receives besides its params. */
export interface EthContext {
  readonly backend: EthBackend;
  readonly chain: EthChainApi;
  readonly evm: EvmApi;
  readonly filters: FilterManager;
  /** `web3_clientVersion`. */
  readonly clientVersion: string;
  /** `--dev`: `evm_*` methods are exposed (with the server's unsafe switch). */
  readonly dev: boolean;
  readonly log: RpcLogger;
  /** `evm_increaseTime`: the total offset added to the block clock, ms. */
  clockOffsetMs: number;
  /** `evm_snapshot` ids → the best block hash they saved, in order (a revert drops it and every later one). */
  readonly snapshots: Map<number, Uint8Array>;
  nextSnapshot: number;
}

/** A request/response handler. */
export interface EthCallHandler {
  readonly kind: 'call';
  readonly unsafe?: boolean;
  readonly handler: (c: EthContext, params: unknown[], rpc: RpcContext) => unknown;
}

/** A subscription handler (`eth_subscribe`). */
export interface EthSubscribeHandler {
  readonly kind: 'subscribe';
  readonly notification: string;
  readonly unsubscribe: readonly string[];
  readonly handler: (c: EthContext, params: unknown[], sink: SubscriptionSink, rpc: RpcContext) => (() => void) | Promise<() => void>;
}

/** Declares a call handler. */
export function call(handler: EthCallHandler['handler'], opts: { unsafe?: boolean } = {}): EthCallHandler {
  return opts.unsafe ? { kind: 'call', unsafe: true, handler } : { kind: 'call', handler };
}

/** Declares a subscription handler. */
export function subscription(spec: Omit<EthSubscribeHandler, 'kind'>): EthSubscribeHandler {
  return { kind: 'subscribe', ...spec };
}

function isHandler(v: unknown): v is EthCallHandler | EthSubscribeHandler {
  if (typeof v !== 'object' || v === null) return false;
  const h = v as { kind?: unknown; handler?: unknown };
  return (h.kind === 'call' || h.kind === 'subscribe') && typeof h.handler === 'function';
}

/** Binds the handlers exported by each module to `c`; a name defined twice fails at startup. */
export function bindEthHandlers(c: EthContext, modules: readonly object[]): RpcMethodTable {
  const table: RpcMethodTable = {};
  for (const mod of modules) {
    for (const [name, h] of Object.entries(mod)) {
      if (!isHandler(h)) continue;
      if (Object.hasOwn(table, name)) throw new Error(`Ethereum RPC: method ${name} is defined twice`);
      if (h.kind === 'call') {
        const fn = h.handler;
        table[name] = { kind: 'call', ...(h.unsafe ? { unsafe: true } : {}), handler: (params, rpc) => fn(c, params, rpc) };
      } else {
        const fn = h.handler;
        table[name] = {
          kind: 'subscribe',
          notification: h.notification,
          unsubscribe: [...h.unsubscribe],
          idFormat: 'hex',
          handler: (params, sink, rpc) => fn(c, params, sink, rpc),
        };
      }
    }
  }
  return table;
}
