import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { Level } from 'level';
import { afterAll, describe, expect, it } from 'vitest';

import { Bucket, MetaKey, SCHEMA_VERSION, bucketKey } from './buckets.ts';
import { ChainDb } from './chain-db.ts';
import { StorageError, type StorageErrorCode } from './errors.ts';
import { blake2_256 } from './hash.ts';
import { StateTrie } from './state-trie.ts';
import { hex, makeTempDir, removeTempDirs, utf8 } from './test-utils.ts';
import type { BlockCommit } from './types.ts';

afterAll(removeTempDirs);

const hashOf = (n: number, fork = 0) => blake2_256(Uint8Array.of(n >> 8, n & 255, fork));

function block(number: number, over: Partial<BlockCommit> = {}): BlockCommit {
  return { hash: hashOf(number), number, header: utf8(`header-${number}`), body: [utf8(`tx-${number}-a`), utf8(`tx-${number}-b`)], nodes: [], best: true, finalized: false, ...over };
}

async function expectCode(promise: Promise<unknown>, code: StorageErrorCode): Promise<StorageError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(StorageError.is(error, code), `expected ${code}, got ${String(error)}`).toBe(true);
  return error as StorageError;
}

describe('ChainDb', () => {
  it('commits a block atomically and reads everything back after reopening', async () => {
    const path = join(await makeTempDir('db'), 'nested', 'chain');
    const db = await ChainDb.open(path);
    const { root, nodes } = await new StateTrie(db).applyChanges(StateTrie.emptyRoot, [[utf8('k'), utf8('v'.repeat(40))]]);
    await db.commitBlock(block(0, { nodes, finalized: true, justification: utf8('just') }));
    await db.commitBlock(block(1, { txHashes: [hashOf(100), hashOf(101)] }));
    await db.close();

    const again = await ChainDb.open(path);
    const meta = await again.getMeta();
    expect(meta.schemaVersion).toBe(SCHEMA_VERSION);
    expect([meta.genesisHash, meta.bestHash, meta.finalizedHash].map((h) => hex(h as Uint8Array))).toEqual([hex(hashOf(0)), hex(hashOf(1)), hex(hashOf(0))]);
    expect(meta.bestNumber).toBe(1);
    expect(hex((await again.getHeader(hashOf(1))) as Uint8Array)).toBe(hex(utf8('header-1')));
    expect(((await again.getBody(hashOf(0))) ?? []).map(hex)).toEqual([utf8('tx-0-a'), utf8('tx-0-b')].map(hex));
    expect(hex((await again.getCanonicalHash(0)) as Uint8Array)).toBe(hex(hashOf(0)));
    expect(hex((await again.getJustification(hashOf(0))) as Uint8Array)).toBe(hex(utf8('just')));
    // Default tx index key is blake2_256 of the extrinsic; explicit txHashes override it.
    const loc = await again.getTxLocation(blake2_256(utf8('tx-0-b')));
    expect(loc && { block: hex(loc.blockHash), index: loc.index }).toEqual({ block: hex(hashOf(0)), index: 1 });
    expect((await again.getTxLocation(hashOf(101)))?.index).toBe(1);
    expect(await again.getHeader(hashOf(9))).toBeUndefined();
    expect(hex((await new StateTrie(again).get(root, utf8('k'))) as Uint8Array)).toBe(hex(utf8('v'.repeat(40))));
    await again.close();
  });

  it('moves best/canonical only for best blocks and clears canonical entries above a shorter new best', async () => {
    const db = await ChainDb.open(await makeTempDir('db'));
    for (let n = 0; n <= 3; n++) await db.commitBlock(block(n));
    await db.commitBlock(block(4, { best: false }));
    expect((await db.getMeta()).bestNumber).toBe(3);
    expect(await db.getCanonicalHash(4)).toBeUndefined();
    await db.commitBlock(block(2, { hash: hashOf(2, 1) })); // fork at #2 becomes best
    expect(hex((await db.getCanonicalHash(2)) as Uint8Array)).toBe(hex(hashOf(2, 1)));
    expect(await db.getCanonicalHash(3)).toBeUndefined();
    expect((await db.getMeta()).bestNumber).toBe(2);
    await db.setFinalized(hashOf(1));
    expect(hex((await db.getMeta()).finalizedHash as Uint8Array)).toBe(hex(hashOf(1)));
    await expectCode(db.setFinalized(hashOf(77)), 'UnknownBlock');
    await db.close();
  });

  it('writes nothing when a commit is rejected', async () => {
    const path = await makeTempDir('db');
    const db = await ChainDb.open(path);
    await expectCode(db.commitBlock(block(0, { txHashes: [hashOf(1)] })), 'InvalidArgument');
    await expectCode(db.commitBlock(block(0, { hash: new Uint8Array(31) })), 'InvalidArgument');
    expect(await db.getHeader(hashOf(0))).toBeUndefined();
    expect((await db.getMeta()).bestHash).toBeUndefined();
    // Concurrent commits are serialized, and the queue survives a failed one.
    await Promise.all([db.commitBlock(block(0)), db.commitBlock(block(1)), db.commitBlock(block(2))]);
    expect((await db.getMeta()).bestNumber).toBe(2);
    await db.close();
    await expectCode(db.getHeader(hashOf(0)), 'DatabaseClosed');
    await expectCode(db.commitBlock(block(3)), 'DatabaseClosed');
  });

  it('refuses a second open of the same path with DatabaseLocked', async () => {
    const path = await makeTempDir('db');
    const db = await ChainDb.open(path);
    const error = await expectCode(ChainDb.open(path), 'DatabaseLocked');
    expect(error.message).toContain(path);
    expect(error.message).toContain('--base-path');
    await db.close();
    await (await ChainDb.open(path)).close(); // the lock is released on close
  });

  it('reports a file in place of the database as DatabaseCorrupted', async () => {
    const path = join(await makeTempDir('db'), 'chain');
    await writeFile(path, 'this is not a database');
    const error = await expectCode(ChainDb.open(path), 'DatabaseCorrupted');
    expect(error.message).toContain(path);
  });

  it.each([
    { name: 'CURRENT', damage: (files: string[]) => files.filter((f) => f === 'CURRENT'), content: 'MANIFEST-999999\n' },
    { name: 'MANIFEST', damage: (files: string[]) => files.filter((f) => f.startsWith('MANIFEST-')), content: Buffer.alloc(200, 7) },
  ])('reports a damaged $name as DatabaseCorrupted', async ({ damage, content }) => {
    const path = await makeTempDir('db');
    const db = await ChainDb.open(path);
    await db.commitBlock(block(0));
    await db.close();
    for (const file of damage(await readdir(path))) await writeFile(join(path, file), content);
    const error = await expectCode(ChainDb.open(path), 'DatabaseCorrupted');
    expect(error.message).toContain(path);
  });

  it('rejects a foreign LevelDB and a different schema version with SchemaMismatch', async () => {
    const foreign = await makeTempDir('db');
    const level = new Level<Uint8Array, Uint8Array>(foreign, { keyEncoding: 'view', valueEncoding: 'view' });
    await level.put(utf8('someone-else'), utf8('data'));
    await level.close();
    expect((await expectCode(ChainDb.open(foreign), 'SchemaMismatch')).type).toMatchObject({ found: null });

    const future = await makeTempDir('db');
    await (await ChainDb.open(future)).close();
    const raw = new Level<Uint8Array, Uint8Array>(future, { keyEncoding: 'view', valueEncoding: 'view' });
    await raw.put(bucketKey(Bucket.Meta, Uint8Array.of(MetaKey.SchemaVersion)), Uint8Array.of(0, 0, 0, 99));
    await raw.close();
    expect((await expectCode(ChainDb.open(future), 'SchemaMismatch')).type).toMatchObject({ found: 99, expected: SCHEMA_VERSION });
  });

  it('reports its size on disk', async () => {
    const db = await ChainDb.open(await makeTempDir('db'));
    const before = (await db.stats()).bytesOnDisk;
    await db.commitBlock(block(0, { body: [new Uint8Array(50_000).fill(1)] }));
    expect((await db.stats()).bytesOnDisk).toBeGreaterThan(before);
    await db.close();
  });
});
