import type { Level } from 'level';

import { type Bucket, bucketKey } from './buckets.ts';
import type { Codec } from './codecs.ts';
import { ioError } from './level-errors.ts';
import type { BatchOp } from './types.ts';

/** The raw LevelDB handle every repository shares. */
export type LevelDb = Level<Uint8Array, Uint8Array>;

/**
 * Typed view of one {@link Bucket} (Lodestar-style): keys and values go through
 * codecs, and writes are produced as batch ops so that a caller can gather the
 * writes of several repositories into one atomic `db.batch`.
 */
export class Repository<K, V> {
  constructor(
    private readonly db: LevelDb,
    private readonly path: string,
    readonly bucket: Bucket,
    private readonly keyCodec: Codec<K>,
    private readonly valueCodec: Codec<V>,
  ) {}

  /** Full LevelDB key (bucket prefix included). */
  encodeKey(key: K): Uint8Array {
    return bucketKey(this.bucket, this.keyCodec.encode(key));
  }

  /** Decoded value, or undefined when absent. */
  async get(key: K): Promise<V | undefined> {
    const raw = await this.getBinary(key);
    return raw === undefined ? undefined : this.valueCodec.decode(raw);
  }

  /** Raw stored bytes, or undefined when absent. */
  async getBinary(key: K): Promise<Uint8Array | undefined> {
    try {
      return await this.db.get(this.encodeKey(key));
    } catch (error) {
      throw ioError(error, this.path);
    }
  }

  /** Raw bytes for many keys in one native call (same order as `keys`). */
  async getManyBinary(keys: readonly K[]): Promise<(Uint8Array | undefined)[]> {
    try {
      return await this.db.getMany(keys.map((key) => this.encodeKey(key)));
    } catch (error) {
      throw ioError(error, this.path);
    }
  }

  /** A put for a later atomic batch. */
  putOp(key: K, value: V): BatchOp {
    return { type: 'put', key: this.encodeKey(key), value: this.valueCodec.encode(value) };
  }

  /** A delete for a later atomic batch. */
  delOp(key: K): BatchOp {
    return { type: 'del', key: this.encodeKey(key) };
  }
}
