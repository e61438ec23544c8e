/**
 * The storage layer's single error class. Callers switch on `error.type.code`
 * (or the `code` shortcut); each code carries the fields needed to act on it.
 */
export type StorageErrorType =
  /** Another process (or another ChainDb in this process) holds the LevelDB lock. */
  | { code: 'DatabaseLocked'; path: string }
  /** LevelDB files are damaged, or the path is not a database directory at all. */
  | { code: 'DatabaseCorrupted'; path: string }
  /** The database was written by an incompatible build (or by something else entirely). */
  | { code: 'SchemaMismatch'; path: string; found: number | null; expected: number }
  /** Any other I/O failure while opening, reading or writing. */
  | { code: 'IoError'; path: string }
  /** The ChainDb was used after `close()`. */
  | { code: 'DatabaseClosed'; path: string }
  /** `purge` refused a path that does not look like a TrainChain database. */
  | { code: 'NotAChainDb'; path: string }
  /** A trie node needed to answer a query is absent (unknown or pruned state root). */
  | { code: 'MissingTrieNode'; hash: string }
  /** A Merkle proof does not hash up to the claimed root. */
  | { code: 'InvalidProof'; root: string }
  /** A block hash referenced by a write is not stored. */
  | { code: 'UnknownBlock'; hash: string }
  /** Caller passed malformed input (wrong hash length, bad index, ...). */
  | { code: 'InvalidArgument'; detail: string };

/** Union of all storage error codes. */
export type StorageErrorCode = StorageErrorType['code'];

/** Error thrown by everything under `storage/`. */
export class StorageError extends Error {
  override readonly name = 'StorageError';

  constructor(
    readonly type: StorageErrorType,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** Shortcut for `type.code`. */
  get code(): StorageErrorCode {
    return this.type.code;
  }

  /** Type guard usable on unknown catch values, optionally for one code. */
  static is<C extends StorageErrorCode>(
    error: unknown,
    code?: C,
  ): error is StorageError & { type: Extract<StorageErrorType, { code: C }> } {
    return error instanceof StorageError && (code === undefined || error.type.code === code);
  }
}
