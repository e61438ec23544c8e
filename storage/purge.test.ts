import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { Level } from 'level';
import { afterAll, describe, expect, it } from 'vitest';

import { ChainDb } from './chain-db.ts';
import { StorageError, type StorageErrorCode } from './errors.ts';
import { MARKER_FILE } from './open-level.ts';
import { purge } from './purge.ts';
import { makeTempDir, removeTempDirs, utf8 } from './test-utils.ts';

afterAll(removeTempDirs);

async function expectCode(promise: Promise<unknown>, code: StorageErrorCode): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(StorageError.is(error, code), `expected ${code}, got ${String(error)}`).toBe(true);
}

async function chainDbAt(path: string): Promise<string> {
  const db = await ChainDb.open(path);
  await db.commitBlock({ hash: new Uint8Array(32).fill(1), number: 0, header: utf8('h'), body: [], nodes: [], best: true, finalized: false });
  await db.close();
  return path;
}

describe('purge', () => {
  it('deletes a closed chain database', async () => {
    const path = await chainDbAt(join(await makeTempDir('purge'), 'db'));
    expect(await purge(path)).toBe(true);
    expect(existsSync(path)).toBe(false);
    expect(await purge(path)).toBe(false); // nothing left to delete
  });

  it('refuses while a node holds the database', async () => {
    const path = await chainDbAt(join(await makeTempDir('purge'), 'db'));
    const db = await ChainDb.open(path);
    await expectCode(purge(path), 'DatabaseLocked');
    expect(existsSync(join(path, MARKER_FILE))).toBe(true);
    await db.close();
  });

  it.each([
    { what: 'a regular file', make: (p: string) => writeFile(p, 'precious') },
    { what: 'a directory of unrelated files', make: async (p: string) => (await mkdir(p), writeFile(join(p, 'thesis.tex'), 'precious')) },
    {
      what: 'a foreign LevelDB',
      make: async (p: string) => {
        const level = new Level(p);
        await level.put('k', 'v');
        await level.close();
      },
    },
  ])('refuses $what and leaves it untouched', async ({ make }) => {
    const path = join(await makeTempDir('purge'), 'target');
    await make(path);
    await expectCode(purge(path), 'NotAChainDb');
    expect(existsSync(path)).toBe(true);
  });

  it('deletes a corrupted chain database that has the marker', async () => {
    const path = await chainDbAt(join(await makeTempDir('purge'), 'db'));
    await writeFile(join(path, 'CURRENT'), 'MANIFEST-424242\n');
    await expectCode(ChainDb.open(path), 'DatabaseCorrupted');
    expect(await purge(path)).toBe(true);
    expect(existsSync(path)).toBe(false);
  });

  it('accepts a chain database whose marker was lost, by its schema key', async () => {
    const path = await chainDbAt(join(await makeTempDir('purge'), 'db'));
    await rm(join(path, MARKER_FILE));
    expect(await readdir(path)).not.toContain(MARKER_FILE);
    expect(await purge(path)).toBe(true);
  });
});
