import { type MerklePatriciaTrie, createMPT, createMerkleProof, verifyMerkleProof } from '@ethereumjs/mpt';

import type { ChainDb } from './chain-db.ts';
import { assertHash, toHex } from './codecs.ts';
import { StorageError } from './errors.ts';
import { blake2_256 } from './hash.ts';
import { TrieNodeStore, type MptNodeDb } from './trie-node-store.ts';
import { walkOrdered } from './trie-walk.ts';
import { MissingNodeError, trieBatchUpdate } from './trie-batch-update.ts';
import type { TrieNodeWrites } from './types.ts';

/** RLP of the empty string: the sole "node" of an empty trie. */
const RLP_EMPTY_STRING = Uint8Array.of(0x80);
// ~256k nodes of a 100k-key state: enough that a block's updates never touch disk.
const DEFAULT_CACHE_BYTES = 128 << 20;
const MISSING_NODE = 'Missing node in DB';

function hexOf(hash: Uint8Array): string {
  return Buffer.from(hash.buffer, hash.byteOffset, hash.byteLength).toString('hex');
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

/**
 * The runtime state as a Merkle-Patricia trie in @ethereumjs/mpt's format (blake2b-256
 * node hash, raw un-hashed keys so iteration is in key order). Point reads and proofs go
 * through @ethereumjs/mpt; updates (`trieBatchUpdate`) and ordered iteration (`walkOrdered`)
 * use a byte-exact batched codec over the same nodes, for speed. Stateless over roots:
 * every call names the root it reads, so historic states stay queryable as long
 * as their nodes are stored. Keys must be non-empty; values too: writing an empty
 * value is a delete, as in any MPT.
 */
export class StateTrie {
  /** Root of the empty trie: blake2_256(0x80). */
  static readonly emptyRoot: Uint8Array = blake2_256(RLP_EMPTY_STRING);
  /** Shared node cache in front of the `TrieNode` bucket. */
  readonly store: TrieNodeStore;

  /** @param options.cacheBytes node cache budget (default 128 MiB of heap). */
  constructor(db: ChainDb, options: { cacheBytes?: number } = {}) {
    this.store = new TrieNodeStore(db, options.cacheBytes ?? DEFAULT_CACHE_BYTES);
  }

  /** Value under `key` in the state at `root`. */
  async get(root: Uint8Array, key: Uint8Array): Promise<Uint8Array | undefined> {
    if (equal(assertHash(root, 'state root'), StateTrie.emptyRoot)) return undefined;
    const trie = await this.open(root, this.store.mptDb());
    const value = await guard(() => trie.get(key, true), root);
    return value ?? undefined;
  }

  /** Keys with `prefix`, sorted by bytes, strictly greater than `startKey` if given, at most `count`. */
  async keysPaged(root: Uint8Array, prefix: Uint8Array, count: number, startKey?: Uint8Array): Promise<Uint8Array[]> {
    const keys: Uint8Array[] = [];
    if (count <= 0) return keys;
    for await (const [key] of this.walk(root, prefix, startKey)) {
      keys.push(key);
      if (keys.length >= count) break;
    }
    return keys;
  }

  /** All `[key, value]` pairs under `prefix` (default: everything), sorted by key. */
  entries(root: Uint8Array, prefix: Uint8Array = new Uint8Array()): AsyncIterable<[Uint8Array, Uint8Array]> {
    return this.walk(root, prefix);
  }

  /**
   * Applies `changes` (null or empty value = delete; later entries for the same key win)
   * on top of `root` in one batched pass. Returns the new root and exactly the new nodes,
   * to be persisted with the block via `ChainDb.commitBlock`; nothing touches disk here.
   * The new nodes also enter the node cache, so the next block does not re-read them.
   */
  async applyChanges(
    root: Uint8Array,
    changes: Iterable<readonly [Uint8Array, Uint8Array | null]>,
  ): Promise<{ root: Uint8Array; nodes: TrieNodeWrites }> {
    assertHash(root, 'state root');
    try {
      const result = await trieBatchUpdate(root, StateTrie.emptyRoot, checkedKeys(changes), (hash) => this.store.load(hexOf(hash)));
      for (const { hash, node } of result.nodes) this.store.remember(hexOf(hash), node);
      return result;
    } catch (error) {
      if (error instanceof MissingNodeError) throw missing(root, error);
      throw error;
    }
  }

  /** Merkle proof for `key` at `root`: the encoded nodes on the path from the root. */
  async prove(root: Uint8Array, key: Uint8Array): Promise<Uint8Array[]> {
    if (equal(assertHash(root, 'state root'), StateTrie.emptyRoot)) return [];
    if ((await this.store.get(hexOf(root))) === undefined) throw missing(root);
    const trie = await this.open(root, this.store.mptDb());
    return guard(() => createMerkleProof(trie, key), root);
  }

  /**
   * Checks `proof` against `root`: the proven value, or undefined when the proof shows
   * `key` is absent. Throws `InvalidProof` when the proof does not hash up to `root`.
   */
  static async verifyProof(root: Uint8Array, key: Uint8Array, proof: readonly Uint8Array[]): Promise<Uint8Array | undefined> {
    if (equal(assertHash(root, 'state root'), StateTrie.emptyRoot) && proof.length === 0) return undefined;
    try {
      const value = await verifyMerkleProof(key, [...proof], { root, useKeyHashingFunction: blake2_256 });
      return value ?? undefined;
    } catch (error) {
      throw new StorageError({ code: 'InvalidProof', root: toHex(root) }, `invalid proof for key ${toHex(key)} at root ${toHex(root)}`, { cause: error });
    }
  }

  private walk(root: Uint8Array, prefix: Uint8Array, after?: Uint8Array): AsyncGenerator<[Uint8Array, Uint8Array]> {
    const self = this;
    return (async function* () {
      if (equal(assertHash(root, 'state root'), StateTrie.emptyRoot)) return;
      const iterator = walkOrdered((hashes) => self.store.getMany(hashes), root, prefix, after);
      while (true) {
        const next = await guard(() => iterator.next(), root);
        if (next.done === true) return;
        yield next.value;
      }
    })();
  }

  private open(root: Uint8Array, db: MptNodeDb): Promise<MerklePatriciaTrie> {
    return createMPT({ db, root, useKeyHashing: false, useKeyHashingFunction: blake2_256, valueEncoding: 'view' });
  }
}

/** Passes changes through, rejecting the empty key (@ethereumjs/mpt cannot read it back reliably). */
function* checkedKeys(changes: Iterable<readonly [Uint8Array, Uint8Array | null]>): Iterable<readonly [Uint8Array, Uint8Array | null]> {
  for (const change of changes) {
    if (!(change[0] instanceof Uint8Array) || change[0].length === 0) {
      const detail = 'state keys must be non-empty byte arrays';
      throw new StorageError({ code: 'InvalidArgument', detail }, detail);
    }
    yield change;
  }
}

/** Runs `fn`, turning a missing node (ours or the MPT's "Missing node in DB") into a typed error. */
async function guard<T>(fn: () => Promise<T>, root: Uint8Array): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof MissingNodeError || (error instanceof Error && error.message === MISSING_NODE)) throw missing(root, error);
    throw error;
  }
}

function missing(root: Uint8Array, cause?: unknown): StorageError {
  const hash = toHex(root);
  return new StorageError({ code: 'MissingTrieNode', hash }, `state ${hash} is not available (unknown root or missing trie node)`, { cause });
}
