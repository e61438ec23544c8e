/**
 * What the RPC layer and the CLI see of the node: blocks, state at any block, the pool, block production, and
 * notifications. Implemented by `Chain` + `TxPool` + `BlockAuthor` in this folder.
 */
import type { RuntimeApis } from '../runtime/apis.ts';
import type { Runtime } from '../runtime/runtime.ts';
import type { StateReader } from '../runtime/state/overlay.ts';
import type { TransactionValidityError } from '../runtime/validity.ts';

export interface HeaderJson {
  parentHash: string;
  /** hex quantity, e.g. "0x1a" */
  number: string;
  stateRoot: string;
  extrinsicsRoot: string;
  digest: { logs: string[] };
}

export interface BlockInfo {
  hash: Uint8Array;
  number: number;
  /** SCALE-encoded header. */
  header: Uint8Array;
  headerJson: HeaderJson;
  /** Extrinsics, each with its own length prefix, exactly as included. */
  extrinsics: Uint8Array[];
  stateRoot: Uint8Array;
}

/** Read access to the state of one block. */
export interface StateView {
  readonly blockHash: Uint8Array;
  get(key: Uint8Array): Promise<Uint8Array | undefined>;
  /** Sorted keys with `prefix`, strictly greater than `startKey`, at most `count`. */
  keysPaged(prefix: Uint8Array, count: number, startKey?: Uint8Array): Promise<Uint8Array[]>;
  /** Runs a runtime API (`state_call`) against this block's state. */
  call(method: string, data: Uint8Array): Promise<Uint8Array>;
}

export type ChainEvent =
  | { type: 'newBlock'; block: BlockInfo; best: boolean }
  | { type: 'finalized'; block: BlockInfo };

/** Status updates of a watched transaction, as `author_extrinsicUpdate` reports them. */
export type TxStatus =
  | 'future'
  | 'ready'
  | { broadcast: string[] }
  | { inBlock: string }
  | { retracted: string }
  | { finalityTimeout: string }
  | { finalized: string }
  | { usurped: string }
  | 'dropped'
  | 'invalid';

export interface PoolApi {
  /** Validates and adds; resolves with the tx hash or rejects with a `PoolError` (codes 1002, 1010-1016). */
  submit(bytes: Uint8Array, watch?: (status: TxStatus) => void): Promise<Uint8Array>;
  /** Stops status updates for a watched tx. */
  unwatch(hash: Uint8Array, watch: (status: TxStatus) => void): void;
  pending(): Uint8Array[];
  /** Removes these transactions and those that depend on them (the sender's later nonces); returns the removed hashes. */
  remove(hashes: Uint8Array[]): Uint8Array[];
  /** The next nonce of an account, counting its transactions in the pool. */
  nextNonce(account: Uint8Array): number;
}

/** A transaction rejected by the pool: the JSON-RPC error code and Substrate's message and data. */
export interface PoolRejection {
  code: 1002 | 1010 | 1011 | 1012 | 1013 | 1014 | 1016;
  message: string;
  data?: string;
  validity?: TransactionValidityError;
}

export interface ChainApi {
  readonly runtime: Runtime;
  readonly apis: RuntimeApis;
  readonly genesisHash: Uint8Array;
  readonly chainName: string;
  readonly chainType: 'Development' | 'Local' | 'Live' | { Custom: string };
  readonly properties: Record<string, unknown>;
  best(): BlockInfo;
  finalized(): BlockInfo;
  blockByHash(hash: Uint8Array): Promise<BlockInfo | undefined>;
  hashAt(number: number): Promise<Uint8Array | undefined>;
  /** State at a block (best when omitted); undefined for an unknown block. */
  stateAt(hash?: Uint8Array): Promise<StateView | undefined>;
  /** Subscribes to block events; returns the unsubscribe function. */
  on(listener: (event: ChainEvent) => void): () => void;
  readonly pool: PoolApi;
  /** Manual block production (dev_newBlock): builds `count` blocks now, resolves with their hashes. */
  produceBlocks(count: number): Promise<Uint8Array[]>;
  /** Dev: writes raw storage into the best state as a new block (dev_setStorage). */
  setStorage(pairs: [Uint8Array, Uint8Array | null][]): Promise<Uint8Array>;
  /** Dev: moves the timestamp the author uses (dev_timeTravel), ms since epoch. */
  timeTravel(timestampMs: number): void;
  readonly peerId: string;
  readonly nodeName: string;
  readonly isValidator: boolean;
}

/**
 * What the Ethereum RPC needs beyond `ChainApi`: the runtime's synchronous state readers (the EVM pallets read
 * through them) and automine control for `evm_setAutomine`.
 */
export interface EthChainApi extends ChainApi {
  /** The best block's live state (it moves when a block is imported). */
  bestStateReader(): StateReader;
  /** A block's full state as a runtime reader (materialized from the trie for old blocks; a few are cached). */
  stateReaderAt(hash: Uint8Array): Promise<StateReader | undefined>;
  /** `evm_setAutomine`: when on, a block is authored as soon as the pool has a ready transaction. */
  setAutomine(on: boolean): void;
  /** Whether blocks are authored on demand (instant seal or automine). */
  automine(): boolean;
  /** Dev (`evm_revert`): makes the canonical block `hash` the best block again. */
  revertTo(hash: Uint8Array): Promise<void>;
}
