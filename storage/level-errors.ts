import { StorageError } from './errors.ts';

interface CodedError {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
}

function codeOf(error: unknown): string | undefined {
  const code = (error as CodedError | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function messageOf(error: unknown): string {
  const message = (error as CodedError | null)?.message;
  return typeof message === 'string' ? message : String(error);
}

/** classic-level wraps open failures in LEVEL_DATABASE_NOT_OPEN; the useful code is on the cause. */
function rootCause(error: unknown): unknown {
  const cause = (error as CodedError | null)?.cause;
  return codeOf(error) === 'LEVEL_DATABASE_NOT_OPEN' && cause !== undefined ? cause : error;
}

/** Translates a failure to open the LevelDB at `path` into an actionable {@link StorageError}. */
export function openError(error: unknown, path: string): StorageError {
  if (error instanceof StorageError) return error;
  const cause = rootCause(error);
  const code = codeOf(cause);
  const detail = messageOf(cause);
  if (code === 'LEVEL_LOCKED') {
    return new StorageError(
      { code: 'DatabaseLocked', path },
      `database at ${path} is locked: is another trainchain process using --base-path ${path}? ` +
        `Stop it, or start this node with a different --base-path.`,
      { cause: error },
    );
  }
  if (code === 'LEVEL_CORRUPTION' || (code === 'LEVEL_IO_ERROR' && /No such file/i.test(detail))) {
    return corrupted(path, `LevelDB reports: ${detail}`, error);
  }
  if (code === 'EEXIST' || code === 'ENOTDIR') {
    return corrupted(path, 'the path exists but is not a database directory', error);
  }
  return new StorageError({ code: 'IoError', path }, `cannot open database at ${path}: ${detail}`, {
    cause: error,
  });
}

/** Builds the `DatabaseCorrupted` error with the standard remedy. */
export function corrupted(path: string, why: string, cause?: unknown): StorageError {
  return new StorageError(
    { code: 'DatabaseCorrupted', path },
    `database at ${path} is corrupted or not a database (${why}). ` +
      `Move it away, or delete it with \`trainchain purge-chain --base-path ...\` and resync.`,
    { cause },
  );
}

/** Translates a read/write failure on an open database. */
export function ioError(error: unknown, path: string): StorageError {
  if (error instanceof StorageError) return error;
  const code = codeOf(error);
  if (code === 'LEVEL_DATABASE_NOT_OPEN') {
    return new StorageError({ code: 'DatabaseClosed', path }, `database at ${path} is closed`, { cause: error });
  }
  if (code === 'LEVEL_CORRUPTION') return corrupted(path, messageOf(error), error);
  return new StorageError({ code: 'IoError', path }, `database I/O failed at ${path}: ${messageOf(error)}`, {
    cause: error,
  });
}

/** The database holds another layout version (or no TrainChain metadata at all: `found` null). */
export function schemaMismatch(path: string, found: number | null, expected: number): StorageError {
  const what = found === null ? 'has no TrainChain schema version (not a TrainChain database?)' : `has schema v${found}`;
  return new StorageError(
    { code: 'SchemaMismatch', path, found, expected },
    `database at ${path} ${what}; this build expects v${expected}. ` +
      `Use a different --base-path, or purge it with \`trainchain purge-chain\` and resync.`,
  );
}
