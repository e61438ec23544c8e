import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { Level } from 'level';

import { corrupted, openError } from './level-errors.ts';
import type { LevelDb } from './repository.ts';

/**
 * Name of the marker file ChainDb writes inside its LevelDB directory (LevelDB
 * ignores files it does not own). `purge` refuses directories without it, so a
 * mistyped path can never wipe unrelated data.
 */
export const MARKER_FILE = 'TRAINCHAIN_DB';

/** LevelDB tuning: a larger block cache helps state reads; snappy stays on. */
const LEVEL_OPTIONS = { keyEncoding: 'view', valueEncoding: 'view', cacheSize: 32 << 20, writeBufferSize: 16 << 20 } as const;

/**
 * Creates the directory if needed and opens LevelDB at `path`, translating
 * failures: lock held → `DatabaseLocked`, damaged files or a non-directory →
 * `DatabaseCorrupted`, anything else → `IoError`.
 */
export async function openLevel(path: string): Promise<LevelDb> {
  const existing = await stat(path).catch(() => undefined);
  if (existing !== undefined && !existing.isDirectory()) {
    throw corrupted(path, 'the path exists but is a file, not a database directory');
  }
  try {
    await mkdir(path, { recursive: true });
  } catch (error) {
    throw openError(error, path);
  }
  const db: LevelDb = new Level<Uint8Array, Uint8Array>(path, LEVEL_OPTIONS);
  try {
    await db.open();
  } catch (error) {
    throw openError(error, path);
  }
  return db;
}

/** Writes the marker file (idempotent); called once the schema has been verified. */
export async function writeMarker(path: string, schemaVersion: number): Promise<void> {
  const marker = join(path, MARKER_FILE);
  if ((await stat(marker).catch(() => undefined)) !== undefined) return;
  await writeFile(marker, `${JSON.stringify({ kind: 'trainchain-chain-db', schemaVersion })}\n`);
}
