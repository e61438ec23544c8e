/** BlobStore on a real directory: round trips, damage detected on read, failed adds that leave nothing. */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, truncate, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobStore } from './blob-store.ts';
import { CHUNK_SIZE, computeCid } from './cid.ts';
import { BlobError, type BlobErrorCode } from './errors.ts';

let root: string;
let n = 0;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'trainchain-blobs-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

const fresh = (opts: { maxBlobBytes?: number } = {}) => BlobStore.open(join(root, `store-${n++}`), { durable: false, ...opts });
const read = async (s: Readable) => Buffer.concat(await s.toArray());
async function expectBlobError(p: Promise<unknown>, code: BlobErrorCode, message?: RegExp): Promise<void> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(BlobError.is(e, code), `expected ${code}, got ${String(e)}`).toBe(true);
  if (message) expect((e as Error).message).toMatch(message);
}
/** Every file under `dir`, relative; for "nothing left behind" checks. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
}

describe('BlobStore round trips', () => {
  it.each([0, 1, CHUNK_SIZE - 1, CHUNK_SIZE, CHUNK_SIZE + 1, 3 * 1024 * 1024])('%i bytes: add → get is identity, CID as computed offline', async (size) => {
    const store = await fresh();
    const data = randomBytes(size);
    const info = await store.add(data);
    expect(info).toEqual(await computeCid(data));
    expect(await store.has(info.cid)).toBe(true);
    expect((await store.stat(info.cid)).size).toBe(size);
    expect((await read(await store.get(info.cid))).equals(data)).toBe(true);
  });

  it('adds from a stream of odd-sized chunks with the same CID, and survives reopening', async () => {
    const store = await fresh();
    const data = randomBytes(CHUNK_SIZE * 2 + 12_345);
    const pieces = Array.from({ length: Math.ceil(data.length / 7_777) }, (_, i) => data.subarray(i * 7_777, (i + 1) * 7_777));
    const info = await store.add(Readable.from(pieces));
    expect(info).toEqual(await computeCid(data));
    expect(await store.stat(info.cid)).toEqual({ cid: info.cid, size: data.length, blocks: 4 });
    const again = await BlobStore.open(store.dir, { durable: false });
    expect((await read(await again.get(info.cid))).equals(data)).toBe(true);
    expect(await again.list()).toEqual([info.cid]);
    expect(await again.getBlock(info.cid)).toBeInstanceOf(Uint8Array);
  });

  it('is deterministic and idempotent: the same content twice is one blob', async () => {
    const store = await fresh();
    const data = randomBytes(CHUNK_SIZE + 5);
    const [a, b] = await Promise.all([store.add(data), store.add(data)]);
    expect(a).toEqual(b);
    expect(await store.list()).toEqual([a.cid]);
  });

  it('property: add → get is identity and CIDs are deterministic for random contents', async () => {
    const store = await fresh();
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), fc.integer({ min: 1, max: 1000 }), async (bytes, piece) => {
        const pieces = Array.from({ length: Math.ceil(bytes.length / piece) }, (_, i) => bytes.subarray(i * piece, (i + 1) * piece));
        const info = await store.add(Readable.from(pieces));
        expect(info).toEqual(await computeCid(bytes));
        expect((await read(await store.get(info.cid))).equals(Buffer.from(bytes))).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});

describe('BlobStore bad input', () => {
  it('names missing and malformed CIDs', async () => {
    const store = await fresh();
    await expectBlobError(store.get('bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku'), 'NotFound', /not found/);
    await expectBlobError(store.get('nope'), 'InvalidCid', /invalid CID "nope"/);
    await expectBlobError(store.stat('bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku'), 'NotFound');
    await expectBlobError(store.getBlock('bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku'), 'NotFound');
    expect(await store.delete('bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku')).toBe(false);
  });

  it('refuses content over the limit and leaves nothing behind', async () => {
    const store = await fresh({ maxBlobBytes: CHUNK_SIZE * 2 });
    await expectBlobError(store.add(Readable.from([randomBytes(CHUNK_SIZE), randomBytes(CHUNK_SIZE), randomBytes(1)])), 'TooLarge', /512 KiB/);
    expect(await filesUnder(store.dir)).toEqual([]);
    expect((await store.add(randomBytes(CHUNK_SIZE * 2))).size).toBe(CHUNK_SIZE * 2);
  });

  it('refuses content that does not hash to the expected CID, storing nothing', async () => {
    const store = await fresh();
    const { cid } = await computeCid(Buffer.from('expected'));
    await expectBlobError(store.add(Buffer.from('something else'), { expectedCid: cid }), 'CidMismatch', /nothing stored/);
    expect(await filesUnder(store.dir)).toEqual([]);
    expect(await store.add(Buffer.from('expected'), { expectedCid: cid })).toEqual({ cid, size: 8 });
  });

  it('a source that fails midway (an aborted upload) leaves nothing behind', async () => {
    const store = await fresh();
    async function* dying(): AsyncGenerator<Uint8Array> {
      yield randomBytes(CHUNK_SIZE * 3);
      throw new Error('aborted');
    }
    await expect(store.add(dying())).rejects.toThrow('aborted');
    expect(await filesUnder(store.dir)).toEqual([]);
  });

  it('clears staging left by dead processes when opened, never a live one\'s', async () => {
    const store = await fresh();
    const staged = (name: string) => join(store.dir, 'staging', name, 'bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku');
    for (const name of ['crashed', '99999999.dead', `${process.pid}.live`]) {
      await mkdir(join(store.dir, 'staging', name), { recursive: true });
      await writeFile(staged(name), '');
    }
    await BlobStore.open(store.dir);
    expect(await filesUnder(store.dir)).toEqual([staged(`${process.pid}.live`).slice(store.dir.length + 1)]);
  });
});

describe('BlobStore integrity on read', () => {
  /** A 3-leaf blob, and the path of each leaf's file so the test can damage them one by one. */
  async function stored(): Promise<{ store: BlobStore; cid: string; leaf: (i: number) => string }> {
    const store = await fresh();
    const data = randomBytes(CHUNK_SIZE * 2 + 100);
    const { cid } = await store.add(data);
    const leaves = await Promise.all([0, 1, 2].map((i) => computeCid(data.subarray(i * CHUNK_SIZE, (i + 1) * CHUNK_SIZE))));
    const files = await filesUnder(store.dir);
    return { store, cid, leaf: (i) => join(store.dir, files.find((f) => f.endsWith(leaves[i]!.cid))!) };
  }

  it.each([
    ['a flipped byte', async (p: string) => writeFile(p, Buffer.from((await readFile(p)).map((b, i) => (i === 5 ? b ^ 1 : b)))), /block .* is corrupted: block content does not match its hash/],
    ['a truncated block', (p: string) => truncate(p, 10), /does not match its hash/],
    ['a missing block', (p: string) => unlink(p), /block is missing from the store/],
  ])('%s in a later leaf fails the stream with Corrupted', async (_name, damage, message) => {
    const { store, cid, leaf } = await stored();
    await damage(leaf(1));
    const stream = await store.get(cid);
    await expectBlobError(read(stream), 'Corrupted', message);
  });

  it('a damaged root fails get() itself, before any byte is returned', async () => {
    const store = await fresh();
    const data = randomBytes(1000);
    const { cid } = await store.add(data);
    const [file] = await filesUnder(join(store.dir, 'blocks'));
    await writeFile(join(store.dir, 'blocks', file!), randomBytes(1000));
    await expectBlobError(store.get(cid), 'Corrupted', new RegExp(`blob ${cid} is corrupted`));
    await expectBlobError(store.getBlock(cid), 'Corrupted');
  });

  it('delete removes the blob but keeps blocks another blob shares', async () => {
    const store = await fresh();
    const shared = randomBytes(CHUNK_SIZE);
    const a = await store.add(Buffer.concat([shared, randomBytes(10)]));
    const b = await store.add(Buffer.concat([shared, randomBytes(20)]));
    expect(await store.delete(a.cid)).toBe(true);
    expect(await store.has(a.cid)).toBe(false);
    expect((await read(await store.get(b.cid))).subarray(0, CHUNK_SIZE).equals(shared)).toBe(true);
    expect(await store.delete(b.cid)).toBe(true);
    expect(await filesUnder(store.dir)).toEqual([]);
  });
});
