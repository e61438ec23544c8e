import { lstat, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import { Level } from 'level';

import { Bucket, MetaKey, bucketKey } from './buckets.ts';
import { StorageError } from './errors.ts';
import { openError } from './level-errors.ts';
import { MARKER_FILE } from './open-level.ts';

/**
 * Deletes the chain database directory at `path` (what `trainchain purge-chain` runs).
 * Returns false when there is nothing to delete. Refuses with `NotAChainDb` unless the
 * directory carries ChainDb's marker file or holds a LevelDB with TrainChain's schema
 * key, and with `DatabaseLocked` while a node is using it. A corrupted database that
 * has the marker is deleted, since that is the remedy. Never writes to the directory.
 */
export async function purge(path: string): Promise<boolean> {
  const target = resolve(path);
  const info = await lstat(target).catch(() => undefined);
  if (info === undefined) return false;
  if (!info.isDirectory()) throw notAChainDb(target, 'it is not a directory');

  const hasMarker = (await lstat(join(target, MARKER_FILE)).catch(() => undefined))?.isFile() === true;
  const hasLevel = (await lstat(join(target, 'CURRENT')).catch(() => undefined)) !== undefined;
  if (!hasMarker && !hasLevel) throw notAChainDb(target, `it has neither a ${MARKER_FILE} marker nor LevelDB files`);

  if (hasLevel) {
    let hasSchema = false;
    try {
      hasSchema = await hasSchemaKey(target);
    } catch (error) {
      // Never delete a database a running node is using.
      if (StorageError.is(error, 'DatabaseLocked')) throw error;
      if (!hasMarker) throw notAChainDb(target, 'it does not open as a database', error);
      // Marked but damaged: deleting it is exactly the remedy.
    }
    if (!hasMarker && !hasSchema) throw notAChainDb(target, 'it is a LevelDB without TrainChain metadata');
  }
  await rm(target, { recursive: true, force: true });
  return true;
}

/** Opens the LevelDB read-only in spirit (no create, no writes) and looks for the schema key. */
async function hasSchemaKey(path: string): Promise<boolean> {
  const db = new Level<Uint8Array, Uint8Array>(path, { keyEncoding: 'view', valueEncoding: 'view', createIfMissing: false });
  try {
    await db.open();
  } catch (error) {
    throw openError(error, path);
  }
  try {
    return (await db.get(bucketKey(Bucket.Meta, Uint8Array.of(MetaKey.SchemaVersion)))) !== undefined;
  } finally {
    await db.close();
  }
}

function notAChainDb(path: string, why: string, cause?: unknown): StorageError {
  return new StorageError(
    { code: 'NotAChainDb', path },
    `refusing to purge ${path}: ${why}. Only directories created by trainchain's ChainDb are deleted; check --base-path.`,
    { cause },
  );
}
