/**
 * The blob store's single error class. Callers switch on `error.code` (or `error.type.code`); each
 * code carries the fields needed to act on it, and the message is one line a CLI user can read.
 */
export type BlobErrorType =
  /** No blob (or block) with this CID is stored. */
  | { code: 'NotFound'; cid: string }
  /** A stored block does not hash to its CID, is missing, or the DAG's sizes disagree: the blob is damaged. */
  | { code: 'Corrupted'; cid: string; block: string; detail: string }
  /** The content is larger than the store's per-blob limit. */
  | { code: 'TooLarge'; limit: number }
  /** The text is not a CID this store can serve (bad multibase, unknown codec or hash). */
  | { code: 'InvalidCid'; input: string; detail: string }
  /** The content was announced under one CID but hashes to another; nothing was stored. */
  | { code: 'CidMismatch'; expected: string; actual: string };

/** Union of all blob error codes. */
export type BlobErrorCode = BlobErrorType['code'];

/** Error thrown by everything under `storage/blobs/`. */
export class BlobError extends Error {
  override readonly name = 'BlobError';

  constructor(
    readonly type: BlobErrorType,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** Shortcut for `type.code`. */
  get code(): BlobErrorCode {
    return this.type.code;
  }

  /** Type guard usable on unknown catch values, optionally for one code. */
  static is<C extends BlobErrorCode>(error: unknown, code?: C): error is BlobError & { type: Extract<BlobErrorType, { code: C }> } {
    return error instanceof BlobError && (code === undefined || error.type.code === code);
  }

  /** `NotFound` for `cid`. */
  static notFound(cid: string): BlobError {
    return new BlobError({ code: 'NotFound', cid }, `blob ${cid} not found`);
  }

  /** `Corrupted`: block `block` of blob `cid` failed its check. */
  static corrupted(cid: string, block: string, detail: string): BlobError {
    const where = block === cid ? `blob ${cid}` : `blob ${cid} (block ${block})`;
    return new BlobError({ code: 'Corrupted', cid, block, detail }, `${where} is corrupted: ${detail}`);
  }

  /** `TooLarge` for a per-blob limit of `limit` bytes. */
  static tooLarge(limit: number): BlobError {
    return new BlobError({ code: 'TooLarge', limit }, `blob exceeds the size limit of ${formatBytes(limit)}`);
  }

  /** `InvalidCid` for the text `input`. */
  static invalidCid(input: string, detail: string, cause?: unknown): BlobError {
    const shown = input.length > 80 ? `${input.slice(0, 77)}...` : input;
    return new BlobError({ code: 'InvalidCid', input, detail }, `invalid CID "${shown}": ${detail}`, { cause });
  }

  /** `CidMismatch`: the content hashes to `actual`, not `expected`. */
  static mismatch(expected: string, actual: string): BlobError {
    return new BlobError({ code: 'CidMismatch', expected, actual }, `content hashes to ${actual}, not ${expected}; nothing stored`);
  }
}

/** `4 GiB`, `15 MiB`, `512 B`: limits as people write them. */
export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1 && Number.isInteger(v / 1024)) {
    v /= 1024;
    i++;
  }
  return `${v} ${units[i]}`;
}
