import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

import { Bucket, MetaKey, SCHEMA_VERSION } from './buckets.ts';
import { type Codec, type TxLocation, assertHash, bytesCodec, bytesVecCodec, hashCodec, toHex, txLocationCodec, u32Codec } from './codecs.ts';
import { StorageError } from './errors.ts';
import { blake2_256, initHashing } from './hash.ts';
import { ioError, schemaMismatch } from './level-errors.ts';
import { openLevel, writeMarker } from './open-level.ts';
import { type LevelDb, Repository } from './repository.ts';
import type { BatchOp, BlockCommit, ChainMeta } from './types.ts';

const metaKeyCodec: Codec<MetaKey> = { encode: (key) => Uint8Array.of(key), decode: (bytes) => bytes[0] as MetaKey };

/**
 * Whether each block's batch is fsynced: yes, so a power loss cannot drop committed blocks. Measured here, a
 * 45-write block batch costs 0.83 ms synced against 0.69 ms unsynced: durability is cheap on this disk.
 */
const SYNC_BLOCK_WRITES = true;

/**
 * The node's LevelDB: one process-exclusive database holding blocks, indexes and
 * state-trie nodes, laid out as documented in `buckets.ts`. All block data is
 * written by {@link ChainDb.commitBlock} in a single synced batch, so after a crash
 * (even SIGKILL or power loss) the database reopens at the last committed block.
 */
export class ChainDb {
  private readonly meta: Repository<MetaKey, Uint8Array>;
  private readonly headers: Repository<Uint8Array, Uint8Array>;
  private readonly bodies: Repository<Uint8Array, Uint8Array[]>;
  private readonly canonical: Repository<number, Uint8Array>;
  private readonly txIndex: Repository<Uint8Array, TxLocation>;
  private readonly trieNodes: Repository<Uint8Array, Uint8Array>;
  private readonly justifications: Repository<Uint8Array, Uint8Array>;
  private cachedMeta: ChainMeta;
  // Serializes writers so the cached meta always matches what is on disk.
  private writeQueue: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(private readonly db: LevelDb, readonly path: string) {
    const repo = <K, V>(bucket: Bucket, key: Codec<K>, value: Codec<V>) => new Repository(db, path, bucket, key, value);
    this.meta = repo(Bucket.Meta, metaKeyCodec, bytesCodec);
    this.headers = repo(Bucket.Header, hashCodec, bytesCodec);
    this.bodies = repo(Bucket.Body, hashCodec, bytesVecCodec);
    this.canonical = repo(Bucket.CanonicalHash, u32Codec, hashCodec);
    this.txIndex = repo(Bucket.TxIndex, hashCodec, txLocationCodec);
    this.trieNodes = repo(Bucket.TrieNode, hashCodec, bytesCodec);
    this.justifications = repo(Bucket.Justification, hashCodec, bytesCodec);
    this.cachedMeta = { schemaVersion: SCHEMA_VERSION, genesisHash: undefined, bestHash: undefined, bestNumber: undefined, finalizedHash: undefined };
  }

  /**
   * Opens (creating if missing) the database directory at `path`. Throws a
   * {@link StorageError}: `DatabaseLocked` if another ChainDb/process has it open,
   * `DatabaseCorrupted` for damaged files or a non-directory, `SchemaMismatch`
   * for a foreign or incompatible layout.
   */
  static async open(path: string): Promise<ChainDb> {
    await initHashing();
    const chainDb = new ChainDb(await openLevel(path), path);
    try {
      await chainDb.loadMeta();
    } catch (error) {
      await chainDb.db.close().catch(() => undefined);
      throw ioError(error, path);
    }
    await writeMarker(path, SCHEMA_VERSION);
    return chainDb;
  }

  /** Closes the database; idempotent. Later calls fail with `DatabaseClosed`. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writeQueue.catch(() => undefined);
    await this.db.close();
  }

  /** Genesis / best / finalized pointers and schema version. */
  getMeta(): Promise<ChainMeta> {
    return this.read(async () => ({ ...this.cachedMeta }));
  }

  /** SCALE header bytes of block `hash`. */
  getHeader(hash: Uint8Array): Promise<Uint8Array | undefined> {
    return this.read(() => this.headers.get(hash));
  }

  /** Extrinsics of block `hash`. */
  getBody(hash: Uint8Array): Promise<Uint8Array[] | undefined> {
    return this.read(() => this.bodies.get(hash));
  }

  /** Hash of the canonical block at `number`. */
  getCanonicalHash(number: number): Promise<Uint8Array | undefined> {
    return this.read(() => this.canonical.get(number));
  }

  /** Block hash and index of the extrinsic whose blake2_256 is `txHash`. */
  getTxLocation(txHash: Uint8Array): Promise<TxLocation | undefined> {
    return this.read(() => this.txIndex.get(txHash));
  }

  /** Justification stored for block `hash`. */
  getJustification(hash: Uint8Array): Promise<Uint8Array | undefined> {
    return this.read(() => this.justifications.get(hash));
  }

  /** One encoded trie node by hash (used by `StateTrie`). */
  getTrieNode(hash: Uint8Array): Promise<Uint8Array | undefined> {
    return this.read(() => this.trieNodes.get(hash));
  }

  /** Many trie nodes in one LevelDB call (same order as `hashes`). */
  getTrieNodes(hashes: readonly Uint8Array[]): Promise<(Uint8Array | undefined)[]> {
    return this.read(() => this.trieNodes.getManyBinary(hashes));
  }

  /**
   * One atomic, synced batch: trie nodes + header + body + tx index (+ justification)
   * + genesis for #0 + best/canonical when `best` + finalized when `finalized`. Becoming
   * best sets `canonical[number]` and clears canonical numbers above it; entries below
   * `number` are not rewritten, so a deeper reorg must re-commit the new branch's blocks.
   */
  commitBlock(block: BlockCommit): Promise<void> {
    return this.write(async () => {
      const meta = { ...this.cachedMeta };
      const ops: BatchOp[] = [];
      const hash = assertHash(block.hash, 'block hash');
      for (const { hash: nodeHash, node } of block.nodes) ops.push(this.trieNodes.putOp(nodeHash, node));
      ops.push(this.headers.putOp(hash, block.header), this.bodies.putOp(hash, [...block.body]));
      const txHashes = block.txHashes ?? block.body.map(blake2_256);
      if (txHashes.length !== block.body.length) {
        const detail = `txHashes has ${txHashes.length} entries for ${block.body.length} extrinsics`;
        throw new StorageError({ code: 'InvalidArgument', detail }, detail);
      }
      txHashes.forEach((txHash, index) => ops.push(this.txIndex.putOp(txHash, { blockHash: hash, index })));
      if (block.justification !== undefined) ops.push(this.justifications.putOp(hash, block.justification));
      if (block.number === 0 && meta.genesisHash === undefined) {
        meta.genesisHash = hash;
        ops.push(this.meta.putOp(MetaKey.GenesisHash, hash));
      }
      if (block.best) {
        ops.push(this.canonical.putOp(block.number, hash), this.meta.putOp(MetaKey.BestHash, hash));
        ops.push(this.meta.putOp(MetaKey.BestNumber, u32Codec.encode(block.number)));
        // A shorter fork became best: numbers above it are no longer canonical.
        for (let n = block.number + 1; n <= (meta.bestNumber ?? -1); n++) ops.push(this.canonical.delOp(n));
        meta.bestHash = hash;
        meta.bestNumber = block.number;
      }
      if (block.finalized) {
        ops.push(this.meta.putOp(MetaKey.FinalizedHash, hash));
        meta.finalizedHash = hash;
      }
      await this.db.batch(ops, { sync: SYNC_BLOCK_WRITES });
      this.cachedMeta = meta;
    });
  }

  /**
   * Dev only (`evm_revert`): makes stored block `hash` at `number` the best and finalized block again, and the
   * numbers above it non-canonical. Their headers, bodies and trie nodes stay (nothing is pruned).
   */
  rewindTo(hash: Uint8Array, number: number): Promise<void> {
    return this.write(async () => {
      if ((await this.headers.getBinary(hash)) === undefined) {
        throw new StorageError({ code: 'UnknownBlock', hash: toHex(hash) }, `cannot rewind to unknown block ${toHex(hash)}`);
      }
      const meta = { ...this.cachedMeta };
      const ops: BatchOp[] = [this.meta.putOp(MetaKey.BestHash, hash), this.meta.putOp(MetaKey.BestNumber, u32Codec.encode(number)), this.meta.putOp(MetaKey.FinalizedHash, hash)];
      for (let n = number + 1; n <= (meta.bestNumber ?? -1); n++) ops.push(this.canonical.delOp(n));
      await this.db.batch(ops, { sync: SYNC_BLOCK_WRITES });
      this.cachedMeta = { ...meta, bestHash: hash, bestNumber: number, finalizedHash: hash };
    });
  }

  /** Marks a stored block finalized; `UnknownBlock` if its header is not stored. */
  setFinalized(hash: Uint8Array): Promise<void> {
    return this.write(async () => {
      if ((await this.headers.getBinary(hash)) === undefined) {
        throw new StorageError({ code: 'UnknownBlock', hash: toHex(hash) }, `cannot finalize unknown block ${toHex(hash)}`);
      }
      await this.db.batch([this.meta.putOp(MetaKey.FinalizedHash, hash)], { sync: SYNC_BLOCK_WRITES });
      this.cachedMeta = { ...this.cachedMeta, finalizedHash: hash };
    });
  }

  /**
   * Reads one entry of a secondary-index bucket (e.g. {@link Bucket.EthIndex}); keys and values are the bucket's
   * documented raw bytes.
   */
  getIndexEntry(bucket: Bucket.EthIndex, key: Uint8Array): Promise<Uint8Array | undefined> {
    return this.read(() => this.index(bucket).getBinary(key));
  }

  /**
   * Writes entries of a secondary-index bucket in one atomic, unsynced batch: an index is rebuilt from the blocks,
   * so a crash may lose its last batch but never leaves half of one.
   */
  putIndexEntries(bucket: Bucket.EthIndex, entries: readonly [Uint8Array, Uint8Array][]): Promise<void> {
    return this.write(async () => {
      const repo = this.index(bucket);
      await this.db.batch(entries.map(([k, v]) => repo.putOp(k, v)), { sync: false });
    });
  }

  private index(bucket: Bucket.EthIndex): Repository<Uint8Array, Uint8Array> {
    return new Repository(this.db, this.path, bucket, bytesCodec, bytesCodec);
  }

  /** Forces LevelDB to compact everything (benchmarks, and operators after bulk writes). */
  compact(): Promise<void> {
    // `level` types omit classic-level's compactRange, which is what runs under Node.
    const native = this.db as unknown as { compactRange(start: Uint8Array, end: Uint8Array): Promise<void> };
    return this.write(() => native.compactRange(Uint8Array.of(0x00), Uint8Array.of(0xff)));
  }

  /** Size of the database directory (LevelDB tables, logs, manifest). */
  async stats(): Promise<{ bytesOnDisk: number }> {
    let bytesOnDisk = 0;
    for (const name of await readdir(this.path)) {
      const info = await stat(join(this.path, name)).catch(() => undefined);
      if (info?.isFile()) bytesOnDisk += info.size;
    }
    return { bytesOnDisk };
  }

  private async loadMeta(): Promise<void> {
    const version = await this.meta.get(MetaKey.SchemaVersion);
    if (version === undefined) {
      const anyKey = await this.db.keys({ limit: 1 }).all();
      if (anyKey.length > 0) throw schemaMismatch(this.path, null, SCHEMA_VERSION);
      await this.db.batch([this.meta.putOp(MetaKey.SchemaVersion, u32Codec.encode(SCHEMA_VERSION))], { sync: true });
    } else if (version.length !== 4 || u32Codec.decode(version) !== SCHEMA_VERSION) {
      throw schemaMismatch(this.path, version.length === 4 ? u32Codec.decode(version) : null, SCHEMA_VERSION);
    }
    const bestNumber = await this.meta.get(MetaKey.BestNumber);
    this.cachedMeta = {
      schemaVersion: SCHEMA_VERSION,
      genesisHash: await this.meta.get(MetaKey.GenesisHash),
      bestHash: await this.meta.get(MetaKey.BestHash),
      bestNumber: bestNumber === undefined ? undefined : u32Codec.decode(bestNumber),
      finalizedHash: await this.meta.get(MetaKey.FinalizedHash),
    };
  }

  private closedError(): StorageError {
    return new StorageError({ code: 'DatabaseClosed', path: this.path }, `database at ${this.path} is closed`);
  }

  private async read<T>(fn: () => Promise<T>): Promise<T> {
    if (this.closed) throw this.closedError();
    return fn();
  }

  // Writes queued before close() still complete; close() waits for them.
  private write(fn: () => Promise<void>): Promise<void> {
    if (this.closed) return Promise.reject(this.closedError());
    const run = this.writeQueue.then(fn).catch((error: unknown) => {
      throw ioError(error, this.path);
    });
    this.writeQueue = run.catch(() => undefined);
    return run;
  }
}
