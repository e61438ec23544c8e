/**
 * Plumbing shared by the Substrate-compatible RPC handlers: the handler shape (Chopsticks style: the
 * node context first, then the params; `rpc/bind-handlers.ts` binds them into the server's table), block
 * lookups and the error codes Substrate uses.
 */
import { u8aToHex } from '@polkadot/util';
import type { BlockInfo, ChainApi, StateView } from '../../node/chain-api.ts';
import { RpcError } from '../errors.ts';
import type { CallHandlerOf, SubscribeHandlerOf } from '../bind-handlers.ts';
import type { RpcLogger } from '../types.ts';

/** What every handler receives besides its params: the node and the options the server was started with. */
export interface SubstrateContext {
  readonly chain: ChainApi;
  /** `--dev`: a development node that expects no peers. */
  readonly dev: boolean;
  /** `system_version`. */
  readonly version: string;
  /** `system_localListenAddresses` (multiaddrs); empty while the node has no p2p layer. */
  readonly listenAddresses: readonly string[];
  /** Best block number when the RPC layer was created (`system_syncState.startingBlock`). */
  readonly startingBlock: number;
  readonly log: RpcLogger;
}

/** A request/response handler. */
export type CallHandler = CallHandlerOf<SubstrateContext>;

/** A subscription handler; it may throw `RpcError` (then no subscription is created) and returns its cleanup. */
export type SubscribeHandler = SubscribeHandlerOf<SubstrateContext>;

/** One handler; the name of the export that holds it is its wire name. */
export type Handler = CallHandler | SubscribeHandler;

/** Declares a call handler. */
export function call(handler: CallHandler['handler'], opts: { unsafe?: boolean } = {}): CallHandler {
  return opts.unsafe ? { kind: 'call', unsafe: true, handler } : { kind: 'call', handler };
}

/** Declares a subscription handler. */
export function subscription(spec: Omit<SubscribeHandler, 'kind'>): SubscribeHandler {
  return { kind: 'subscribe', ...spec };
}

/** Substrate's error-code bases (`sc-rpc-api/src/error.rs`): author 1000, chain 3000, state 4000. */
export const ErrorCode = {
  /** `author`: the extrinsic could not be verified or decoded by the pool. */
  VERIFICATION_ERROR: 1002,
  /** `state`: `state_queryStorage` got a block range it cannot resolve. */
  INVALID_BLOCK_RANGE: 4001,
  /** `state`: a count above the maximum (`state_getKeysPaged`). */
  INVALID_COUNT: 4002,
  /** `state`: any client error (unknown block, runtime call failed, …). */
  STATE_CLIENT_ERROR: 4003,
} as const;

/** 4003 `Client error: …`, the code Substrate's state RPCs use for every client failure. */
export function clientError(message: string): RpcError {
  return new RpcError(ErrorCode.STATE_CLIENT_ERROR, `Client error: ${message}`);
}

/** The error Substrate's state RPCs give for a block hash the node does not know. */
export function unknownBlock(hash: Uint8Array): RpcError {
  return clientError(`UnknownBlock: Header was not found in the database: ${u8aToHex(hash)}`);
}

/** The block `hash` names, the best block when it is omitted, or undefined when unknown. */
export async function blockOrBest(chain: ChainApi, hash: Uint8Array | undefined): Promise<BlockInfo | undefined> {
  return hash === undefined ? chain.best() : chain.blockByHash(hash);
}

/** The state at `hash` (best when omitted); an unknown block is a 4003 error, as in Substrate. */
export async function stateOrThrow(chain: ChainApi, hash: Uint8Array | undefined): Promise<StateView> {
  // Resolve the best block now rather than inside stateAt() so the view and the hash we report agree.
  const at = hash ?? chain.best().hash;
  const view = await chain.stateAt(at);
  if (!view) throw unknownBlock(at);
  return view;
}

/** Throws the unknown-block error unless the node knows `hash` (no-op when omitted). */
export async function assertKnownBlock(chain: ChainApi, hash: Uint8Array | undefined): Promise<void> {
  if (hash !== undefined && !(await chain.blockByHash(hash))) throw unknownBlock(hash);
}

/** Lexicographic byte order, the order of keys in the trie. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a[i] - b[i];
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** Whether `key` starts with `prefix`. */
export function startsWith(key: Uint8Array, prefix: Uint8Array): boolean {
  if (key.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (key[i] !== prefix[i]) return false;
  return true;
}

/** `0x`-prefixed lowercase hex, or null for a missing value (the JSON form of `Option<Bytes>`). */
export function hexOrNull(value: Uint8Array | undefined | null): string | null {
  return value ? u8aToHex(value) : null;
}

/** The error message of anything thrown. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
