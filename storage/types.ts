/** One content-addressed trie node to persist: `TrieNode[hash] = node`. */
export interface TrieNodeWrite {
  /** blake2b-256 of `node`. */
  readonly hash: Uint8Array;
  /** RLP-encoded Merkle-Patricia node. */
  readonly node: Uint8Array;
}

/** The new trie nodes produced by `StateTrie.applyChanges`; concatenating several results is fine. */
export type TrieNodeWrites = readonly TrieNodeWrite[];

/** Everything `ChainDb.commitBlock` writes for one block, atomically. */
export interface BlockCommit {
  /** Block hash (32 bytes). */
  hash: Uint8Array;
  /** Block number (u32). */
  number: number;
  /** SCALE-encoded header. */
  header: Uint8Array;
  /** Extrinsics, stored as SCALE `Vec<Bytes>`. */
  body: readonly Uint8Array[];
  /** Trie nodes of the post-state (from `StateTrie.applyChanges`). */
  nodes: TrieNodeWrites;
  /** Make this the best block: moves the best pointer and the canonical number → hash entry. */
  best: boolean;
  /** Also mark this block finalized. */
  finalized: boolean;
  /**
   * Tx index keys, one per extrinsic; defaults to blake2_256 of each extrinsic. Written
   * for best and non-best blocks alike; the latest commit of a tx hash wins.
   */
  txHashes?: readonly Uint8Array[];
  /** Optional justification stored under the block hash. */
  justification?: Uint8Array;
}

/** Contents of the Meta bucket; hashes are undefined until the first block is committed. */
export interface ChainMeta {
  schemaVersion: number;
  genesisHash: Uint8Array | undefined;
  bestHash: Uint8Array | undefined;
  bestNumber: number | undefined;
  finalizedHash: Uint8Array | undefined;
}

/** A single LevelDB batch operation (keys already carry their bucket prefix). */
export type BatchOp =
  | { type: 'put'; key: Uint8Array; value: Uint8Array }
  | { type: 'del'; key: Uint8Array };
