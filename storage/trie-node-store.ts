import type { MPTOpts } from '@ethereumjs/mpt';

import type { ChainDb } from './chain-db.ts';
import { LruCache } from './lru-cache.ts';

/** The DB interface @ethereumjs/mpt expects (string hex keys, byte values). */
type MptDb = NonNullable<MPTOpts['db']>;
type MptBatch = Parameters<MptDb['batch']>[0];

/**
 * Shared read path for trie nodes: an LRU of encoded nodes in front of the
 * `TrieNode` bucket. Nodes are content-addressed (key = hash of value), so a
 * cached entry can never be stale, whether or not its block was committed yet.
 */
export class TrieNodeStore {
  /** The node cache (exposed for stats and tuning). */
  readonly cache: LruCache;

  constructor(
    private readonly chainDb: ChainDb,
    cacheBytes: number,
  ) {
    this.cache = new LruCache(cacheBytes);
  }

  /** Node by unprefixed lower-case hex hash (the key format @ethereumjs/mpt uses). */
  async get(hashHex: string): Promise<Uint8Array | undefined> {
    return this.cache.get(hashHex) ?? this.fetch(hashHex);
  }

  /** Many nodes by hash: cache hits directly, all misses in one LevelDB `getMany`. */
  async getMany(hashes: readonly Uint8Array[]): Promise<(Uint8Array | undefined)[]> {
    const keys = hashes.map((hash) => Buffer.from(hash.buffer, hash.byteOffset, hash.byteLength).toString('hex'));
    const out = keys.map((key) => this.cache.get(key));
    const misses: number[] = [];
    out.forEach((node, i) => node === undefined && misses.push(i));
    if (misses.length === 0) return out;
    const loaded = await this.chainDb.getTrieNodes(misses.map((i) => hashes[i]));
    misses.forEach((i, k) => {
      const node = loaded[k];
      if (node !== undefined) this.cache.set(keys[i], node);
      out[i] = node;
    });
    return out;
  }

  /** Like {@link get}, but synchronous on a cache hit (saves a promise per node in hot loops). */
  load(hashHex: string): Uint8Array | undefined | Promise<Uint8Array | undefined> {
    return this.cache.get(hashHex) ?? this.fetch(hashHex);
  }

  private async fetch(hashHex: string): Promise<Uint8Array | undefined> {
    const node = await this.chainDb.getTrieNode(Buffer.from(hashHex, 'hex'));
    if (node !== undefined) this.cache.set(hashHex, node);
    return node;
  }

  /** Seeds the cache with freshly built nodes so the next block never re-reads them. */
  remember(hashHex: string, node: Uint8Array): void {
    this.cache.set(hashHex, node);
  }

  /** A fresh adapter for one @ethereumjs/mpt instance. */
  mptDb(): MptNodeDb {
    return new MptNodeDb(this);
  }
}

/**
 * Adapter handed to an @ethereumjs/mpt instance (reads, walks, proofs). Reads go
 * through the shared cache; anything the library writes stays in this instance's
 * memory and is never persisted (state changes go through `trieBatchUpdate` and
 * `ChainDb.commitBlock`). Deletes are ignored: nodes are content-addressed and
 * may still be referenced by older roots.
 */
export class MptNodeDb implements MptDb {
  /** Nodes the library wrote through this adapter, keyed by unprefixed hex hash. */
  readonly pending = new Map<string, Uint8Array>();

  constructor(private readonly store: TrieNodeStore) {}

  async get(key: string): Promise<Uint8Array | undefined> {
    return this.pending.get(key) ?? (await this.store.get(key));
  }

  async put(key: string, value: string | Uint8Array): Promise<void> {
    this.pending.set(key, typeof value === 'string' ? Buffer.from(value, 'hex') : value);
  }

  async del(): Promise<void> {}

  async batch(ops: MptBatch): Promise<void> {
    for (const op of ops) if (op.type === 'put') await this.put(op.key, op.value);
  }

  shallowCopy(): MptDb {
    return this;
  }

  async open(): Promise<void> {}
}
