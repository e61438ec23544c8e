/**
 * Plumbing of the Ethereum handlers, Chopsticks style like `rpc/substrate/shared.ts`: handlers take the node
 * context first, module exports are named by their wire names, and `bindHandlers` (`rpc/bind-handlers.ts`) turns
 * modules into the server's `RpcMethodTable`.
 */
import type { EthChainApi } from '../../node/chain-api.ts';
import type { CallHandlerOf, SubscribeHandlerOf } from '../bind-handlers.ts';
import type { RpcLogger } from '../types.ts';
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
export type EthCallHandler = CallHandlerOf<EthContext>;

/** A subscription handler (`eth_subscribe`). */
export type EthSubscribeHandler = SubscribeHandlerOf<EthContext>;

/** Declares a call handler. */
export function call(handler: EthCallHandler['handler'], opts: { unsafe?: boolean } = {}): EthCallHandler {
  return opts.unsafe ? { kind: 'call', unsafe: true, handler } : { kind: 'call', handler };
}

/** Declares a subscription handler. */
export function subscription(spec: Omit<EthSubscribeHandler, 'kind'>): EthSubscribeHandler {
  return { kind: 'subscribe', ...spec };
}
