/**
 * An in-memory fake of `ChainApi` for the unit tests of the Substrate handlers: blocks are plain
 * objects with a key→value map each, the pool records what it is given, runtime calls are a table.
 * It exercises handler logic only; end-to-end tests run the real node.
 */
import { hexToU8a, stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import type { BlockInfo, ChainApi, ChainEvent, HeaderJson, PoolApi, PoolRejection, StateView, TxStatus } from '../../node/chain-api.ts';
import type { RuntimeVersionValue } from '../../pallets/system/types.ts';
import type { ApiMethod, RuntimeApis } from '../../runtime/apis.ts';
import type { Runtime } from '../../runtime/runtime.ts';
import { u32 } from '../../runtime/scale/codec.ts';
import type { RpcContext, RpcMethodTable, SubscriptionSink } from '../types.ts';

/** Storage of one fake block: hex key → value. */
type Storage = Map<string, Uint8Array>;

interface FakeBlock {
  info: BlockInfo;
  storage: Storage;
}

/** The runtime version the fake reports (snake_case, as the runtime holds it). */
export const FAKE_VERSION: RuntimeVersionValue = {
  spec_name: 'trainchain',
  impl_name: 'trainchain-node',
  authoring_version: 1,
  spec_version: 100,
  impl_version: 1,
  apis: [
    [blake2AsU8a('Core', 64), 5],
    [blake2AsU8a('Metadata', 64), 2],
  ],
  transaction_version: 1,
  system_version: 1,
};

/** `b"meta" ++ 14 ++ …`: enough bytes to check `state_getMetadata` passes them through. */
export const FAKE_METADATA_V14 = u8aConcat(stringToU8a('meta'), new Uint8Array([14, 1, 2, 3]));

/** A pool that records submissions and lets the test drive statuses. */
export class FakePool implements PoolApi {
  /** When set, the next `submit` rejects with it (then it is cleared). */
  rejectNext: PoolRejection | undefined;
  /** Status sent synchronously from inside `submit`, before it resolves (as a real pool sends `ready`). */
  statusOnSubmit: TxStatus | undefined;
  readonly submitted: Uint8Array[] = [];
  readonly watchers = new Map<string, (status: TxStatus) => void>();
  readonly unwatched: string[] = [];
  readonly nonces = new Map<string, number>();

  async submit(bytes: Uint8Array, watch?: (status: TxStatus) => void): Promise<Uint8Array> {
    const rejection = this.rejectNext;
    if (rejection) {
      this.rejectNext = undefined;
      throw rejection;
    }
    const hash = blake2AsU8a(bytes, 256);
    this.submitted.push(bytes);
    if (watch) {
      this.watchers.set(u8aToHex(hash), watch);
      if (this.statusOnSubmit !== undefined) watch(this.statusOnSubmit);
    }
    return hash;
  }

  /** Hashes handed to `remove`, hex. */
  readonly removed: string[] = [];

  remove(hashes: Uint8Array[]): Uint8Array[] {
    this.removed.push(...hashes.map((h) => u8aToHex(h)));
    return hashes;
  }

  unwatch(hash: Uint8Array, watch: (status: TxStatus) => void): void {
    const key = u8aToHex(hash);
    if (this.watchers.get(key) === watch) this.watchers.delete(key);
    this.unwatched.push(key);
  }

  pending(): Uint8Array[] {
    return [...this.submitted];
  }

  nextNonce(account: Uint8Array): number {
    return this.nonces.get(u8aToHex(account)) ?? 0;
  }

  /** Sends `status` to the watcher of the tx with this hash. */
  emit(hash: string, status: TxStatus): void {
    this.watchers.get(hash)?.(status);
  }
}

/** A runtime API method entry for the fake's `apis.methods` (only its presence matters to the handlers). */
function apiMethod(): ApiMethod {
  return { inputs: [], output: u32, docs: [], call: () => 0 };
}

/** A `StateView` over one fake block's map; `sloppyKeys` makes `keysPaged` break its promises (unsorted, including `startKey`). */
class FakeStateView implements StateView {
  constructor(
    readonly blockHash: Uint8Array,
    private readonly storage: Storage,
    private readonly chain: FakeChain,
  ) {}

  async get(key: Uint8Array): Promise<Uint8Array | undefined> {
    const delay = this.chain.readDelayMs?.(this.blockHash) ?? 0;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    return this.storage.get(u8aToHex(key));
  }

  async keysPaged(prefix: Uint8Array, count: number, startKey?: Uint8Array): Promise<Uint8Array[]> {
    const p = u8aToHex(prefix);
    const start = startKey ? u8aToHex(startKey) : undefined;
    // Lowercase hex strings of equal-width bytes sort like the bytes (a shorter key that is a prefix sorts first in both).
    const all = [...this.storage.keys()].filter((k) => k.startsWith(p)).sort();
    const page = all.filter((k) => start === undefined || k > start).slice(0, count);
    // A careless backend: the start key itself, a key from outside the prefix, and no order.
    if (this.chain.sloppyKeys) {
      if (start !== undefined && this.storage.has(start)) page.push(start);
      const outside = [...this.storage.keys()].find((k) => !k.startsWith(p));
      if (outside) page.push(outside);
      page.reverse();
    }
    return page.map((k) => hexToU8a(k));
  }

  async call(method: string, data: Uint8Array): Promise<Uint8Array> {
    const fn = this.chain.calls.get(method);
    if (!fn) throw new Error(`Exported method ${method} is not found`);
    return fn(data, this.blockHash);
  }
}

/** The fake node. Blocks are built with `addBlock`; events go to the `on` listeners synchronously. */
export class FakeChain implements ChainApi {
  readonly runtime: Runtime;
  readonly apis: RuntimeApis;
  readonly genesisHash: Uint8Array;
  readonly chainName = 'TrainChain Test';
  chainType: ChainApi['chainType'] = 'Development';
  readonly properties = { ss58Format: 42, tokenDecimals: 18, tokenSymbol: 'TRAIN' };
  readonly pool = new FakePool();
  readonly peerId = '12D3KooWTestPeer';
  readonly nodeName = 'trainchain-test';
  isValidator = true;
  /** Runtime API implementations answered by `StateView.call`. */
  readonly calls = new Map<string, (data: Uint8Array, at: Uint8Array) => Uint8Array>();
  /** See `FakeStateView`. */
  sloppyKeys = false;
  /** Makes storage reads at a block take this long (to test ordering of async reads). */
  readDelayMs: ((blockHash: Uint8Array) => number) | undefined;
  readonly produced: number[] = [];
  readonly storageWrites: [Uint8Array, Uint8Array | null][][] = [];
  timestamp = 0;

  private readonly byHash = new Map<string, FakeBlock>();
  private readonly canonical: FakeBlock[] = [];
  private bestBlock: FakeBlock;
  private finalizedBlock: FakeBlock;
  private readonly listeners = new Set<(event: ChainEvent) => void>();
  private salt = 0;

  constructor(genesis: Record<string, string> = {}) {
    this.runtime = { version: FAKE_VERSION } as Runtime;
    const methods = new Map<string, ApiMethod>();
    for (const name of ['Core_version', 'AccountNonceApi_account_nonce', 'TransactionPaymentApi_query_info', 'TransactionPaymentApi_query_fee_details']) {
      methods.set(name, apiMethod());
    }
    this.apis = {
      metadata: { v14: FAKE_METADATA_V14, v15: FAKE_METADATA_V14, typeCount: 0 },
      methods,
      call: () => {
        throw new Error('not used by the RPC layer');
      },
    };
    const storage: Storage = new Map(Object.entries(genesis).map(([k, v]) => [k, hexToU8a(v)]));
    const g = this.makeBlock(new Uint8Array(32), 0, storage, []);
    this.genesisHash = g.info.hash;
    this.byHash.set(u8aToHex(g.info.hash), g);
    this.canonical.push(g);
    this.bestBlock = g;
    this.finalizedBlock = g;
  }

  private makeBlock(parent: Uint8Array, number: number, storage: Storage, extrinsics: Uint8Array[]): FakeBlock {
    const hash = blake2AsU8a(u8aConcat(parent, new Uint8Array([number & 0xff, number >> 8, this.salt++])), 256);
    const headerJson: HeaderJson = {
      parentHash: u8aToHex(parent),
      number: `0x${number.toString(16)}`,
      stateRoot: u8aToHex(blake2AsU8a(hash)),
      extrinsicsRoot: u8aToHex(new Uint8Array(32)),
      digest: { logs: [] },
    };
    return { info: { hash, number, header: new Uint8Array(), headerJson, extrinsics, stateRoot: new Uint8Array(32) }, storage };
  }

  /**
   * Builds a block on `parent` (the best block by default) with the given writes (`null` deletes) and
   * emits `newBlock`. A block becomes the best (and canonical) unless `best: false`.
   */
  addBlock(writes: Record<string, string | null> = {}, opts: { parent?: Uint8Array; best?: boolean; extrinsics?: Uint8Array[] } = {}): BlockInfo {
    const parent = opts.parent ? this.byHash.get(u8aToHex(opts.parent)) : this.bestBlock;
    if (!parent) throw new Error('unknown parent');
    const storage: Storage = new Map(parent.storage);
    for (const [k, v] of Object.entries(writes)) {
      if (v === null) storage.delete(k);
      else storage.set(k, hexToU8a(v));
    }
    const block = this.makeBlock(parent.info.hash, parent.info.number + 1, storage, opts.extrinsics ?? []);
    this.byHash.set(u8aToHex(block.info.hash), block);
    const best = opts.best ?? true;
    if (best) {
      this.canonical.length = block.info.number;
      this.canonical.push(block);
      this.bestBlock = block;
    }
    this.emit({ type: 'newBlock', block: block.info, best });
    return block.info;
  }

  /** Marks a block finalized and emits `finalized`. */
  finalize(hash: Uint8Array): void {
    const block = this.byHash.get(u8aToHex(hash));
    if (!block) throw new Error('unknown block');
    this.finalizedBlock = block;
    this.emit({ type: 'finalized', block: block.info });
  }

  /** Number of live `on` listeners (to check cleanups). */
  get listenerCount(): number {
    return this.listeners.size;
  }

  private emit(event: ChainEvent): void {
    for (const l of [...this.listeners]) l(event);
  }

  best(): BlockInfo {
    return this.bestBlock.info;
  }

  finalized(): BlockInfo {
    return this.finalizedBlock.info;
  }

  async blockByHash(hash: Uint8Array): Promise<BlockInfo | undefined> {
    return this.byHash.get(u8aToHex(hash))?.info;
  }

  async hashAt(number: number): Promise<Uint8Array | undefined> {
    return this.canonical[number]?.info.hash;
  }

  async stateAt(hash?: Uint8Array): Promise<StateView | undefined> {
    const block = hash ? this.byHash.get(u8aToHex(hash)) : this.bestBlock;
    return block ? new FakeStateView(block.info.hash, block.storage, this) : undefined;
  }

  on(listener: (event: ChainEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async produceBlocks(count: number): Promise<Uint8Array[]> {
    this.produced.push(count);
    const out: Uint8Array[] = [];
    for (let i = 0; i < count; i++) out.push(this.addBlock().hash);
    return out;
  }

  async setStorage(pairs: [Uint8Array, Uint8Array | null][]): Promise<Uint8Array> {
    this.storageWrites.push(pairs);
    return this.addBlock(Object.fromEntries(pairs.map(([k, v]) => [u8aToHex(k), v ? u8aToHex(v) : null]))).hash;
  }

  timeTravel(timestampMs: number): void {
    this.timestamp = timestampMs;
  }
}

/** A sink that records what is sent. */
export class RecordingSink implements SubscriptionSink {
  readonly sent: unknown[] = [];
  closed = false;

  send(result: unknown): void {
    if (!this.closed) this.sent.push(result);
  }

  close(): void {
    this.closed = true;
  }
}

export const TEST_CTX: RpcContext = { connectionId: 1, transport: 'ws', remoteAddress: '127.0.0.1' };

/** Calls a plain method of the table. */
export async function callMethod(table: RpcMethodTable, name: string, params: unknown[] = []): Promise<unknown> {
  const m = table[name];
  if (!m || m.kind !== 'call') throw new Error(`${name} is not a call method`);
  return m.handler(params, TEST_CTX);
}

/** Subscribes through the table; resolves with the sink and the cleanup. */
export async function subscribeMethod(table: RpcMethodTable, name: string, params: unknown[] = []): Promise<{ sink: RecordingSink; cleanup: () => void }> {
  const m = table[name];
  if (!m || m.kind !== 'subscribe') throw new Error(`${name} is not a subscription`);
  const sink = new RecordingSink();
  const cleanup = await m.handler(params, sink, TEST_CTX);
  return { sink, cleanup };
}

/** Lets pending promise callbacks (async storage reads) run, waiting `ms` first. */
export function flush(ms = 0): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A key of `n` bytes from a hex prefix and a trailing byte, for key-ordering tests. */
export function key(prefix: string, ...tail: number[]): string {
  return prefix + tail.map((b) => b.toString(16).padStart(2, '0')).join('');
}
