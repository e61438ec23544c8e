/**
 * LevelDB key space. Every key is `[bucket prefix byte] ++ bucket key`, so each
 * bucket is one contiguous, independently iterable range. Never renumber a bucket:
 * bump `SCHEMA_VERSION` and write a migration instead.
 *
 * Encodings: hashes are raw 32 bytes; numbers are u32 big-endian (so LevelDB's
 * byte order equals numeric order); headers/bodies are SCALE as produced by the runtime.
 */
export enum Bucket {
  /** `MetaKey (1 byte)` → value documented on {@link MetaKey}. */
  Meta = 0x00,
  /** `block hash (32)` → SCALE-encoded header bytes. */
  Header = 0x01,
  /** `block hash (32)` → SCALE `Vec<Bytes>` of the block's extrinsics. */
  Body = 0x02,
  /** `block number (u32 BE)` → block hash (32) of the canonical (best-chain) block. */
  CanonicalHash = 0x03,
  /** `blake2_256(extrinsic bytes) (32)` → block hash (32) ++ extrinsic index (u32 BE). */
  TxIndex = 0x04,
  /** `trie node hash (32, blake2b-256)` → RLP-encoded Merkle-Patricia node. */
  TrieNode = 0x05,
  /** `block hash (32)` → opaque justification bytes (e.g. a GRANDPA commit). */
  Justification = 0x06,
  /**
   * The Ethereum index (`node/eth-index.ts`), keyed by a 1-byte sub-key:
   * `0x00 ++ eth block hash (32)` → block number (u32 BE);
   * `0x01 ++ eth tx hash (32)` → block number (u32 BE) ++ transaction index (u32 BE);
   * `0xff` → the highest block number indexed so far (u32 BE).
   */
  EthIndex = 0x07,
  // 0x08..0x1f: reserved for future core buckets.
  // 0x20..0x7f: see RESERVED_BUCKETS — pallet/index buckets.
}

/**
 * Prefix bytes `first..last` (inclusive) are reserved for pallets and secondary
 * indexes added later (the Ethereum index took the core bucket {@link Bucket.EthIndex} instead).
 * Claim one by adding it to {@link Bucket} with a doc comment in the same format.
 */
export const RESERVED_BUCKETS = { first: 0x20, last: 0x7f } as const;

/** Sub-keys of {@link Bucket.Meta}. */
export enum MetaKey {
  /** → genesis block hash (32). Written with block #0. */
  GenesisHash = 0x00,
  /** → best block hash (32). Moves with every `commitBlock({ best: true })`. */
  BestHash = 0x01,
  /** → last finalized block hash (32). */
  FinalizedHash = 0x02,
  /** → storage schema version (u32 BE); see {@link SCHEMA_VERSION}. */
  SchemaVersion = 0x03,
  /** → best block number (u32 BE), kept so canonical entries above a shorter new best can be cleared. */
  BestNumber = 0x04,
}

/** Layout version written to `MetaKey.SchemaVersion`; opening any other version fails with `SchemaMismatch`. */
export const SCHEMA_VERSION = 1;

/** Prepends the bucket byte to a bucket-local key. */
export function bucketKey(bucket: Bucket, key: Uint8Array): Uint8Array {
  const out = new Uint8Array(key.length + 1);
  out[0] = bucket;
  out.set(key, 1);
  return out;
}
