/** The /blobs routes on a real RpcServer (port 0): uploads, downloads, limits, damage and aborted uploads. */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RpcServer } from '../../rpc/server.ts';
import { BlobStore } from './blob-store.ts';
import { CHUNK_SIZE, computeCid } from './cid.ts';
import { registerBlobRoutes } from './http.ts';

const LIMIT = 4 * CHUNK_SIZE;
let dir: string;
let server: RpcServer;
let store: BlobStore;
let base: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'trainchain-blob-http-'));
  store = await BlobStore.open(join(dir, 'blobs'), { durable: false, maxBlobBytes: LIMIT });
  server = await RpcServer.start({ port: 0, methods: {}, exposeUnsafe: false, cors: 'all', logger: () => undefined });
  registerBlobRoutes(server, store);
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const put = (path: string, body: Uint8Array | ReadableStream<Uint8Array>) =>
  fetch(`${base}${path}`, { method: 'PUT', body, ...(body instanceof Uint8Array ? {} : { duplex: 'half' }) } as RequestInit);
const infoOf = async (res: Response) => (await res.json()) as { cid: string; size: number };
const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;
const stored = async () => (await readdir(join(dir, 'blobs'), { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length;

describe('PUT /blobs and GET /blobs/<cid>', () => {
  it.each([0, 11, CHUNK_SIZE + 1, 3 * CHUNK_SIZE + 17])('%i bytes round-trip with the CID ipfs would print', async (size) => {
    const data = randomBytes(size);
    const res = await put('/blobs', data);
    expect(res.status).toBe(201);
    const info = await infoOf(res);
    expect(info).toEqual(await computeCid(data));
    const got = await fetch(`${base}/blobs/${info.cid}`);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-length')).toBe(String(size));
    expect(got.headers.get('etag')).toBe(`"${info.cid}"`);
    expect(Buffer.from(await got.arrayBuffer()).equals(data)).toBe(true);
    const head = await fetch(`${base}/blobs/${info.cid}`, { method: 'HEAD' });
    expect([head.status, head.headers.get('content-length'), (await head.arrayBuffer()).byteLength]).toEqual([200, String(size), 0]);
  });

  it('PUT /blobs/<cid> stores content that hashes to <cid> and refuses other content with 422', async () => {
    const data = randomBytes(CHUNK_SIZE + 3);
    const { cid } = await computeCid(data);
    const before = await stored();
    const bad = await put(`/blobs/${cid}`, randomBytes(CHUNK_SIZE + 3));
    expect(bad.status).toBe(422);
    expect(await errorOf(bad)).toMatchObject({ code: 'CidMismatch', message: expect.stringContaining(`not ${cid}; nothing stored`) });
    expect(await stored()).toBe(before);
    expect(await store.has(cid)).toBe(false);
    const good = await put(`/blobs/${cid}`, data);
    expect([good.status, await good.json()]).toEqual([201, { cid, size: data.length }]);
  });

  it('answers 404 for unknown blobs and paths, 400 for malformed CIDs', async () => {
    const { cid: never } = await computeCid(Buffer.from('never stored'));
    const missing = await fetch(`${base}/blobs/${never}`);
    expect(missing.status).toBe(404);
    expect(await errorOf(missing)).toMatchObject({ code: 'NotFound' });
    const bad = await fetch(`${base}/blobs/not-a-cid`);
    expect([bad.status, (await errorOf(bad)).code]).toEqual([400, 'InvalidCid']);
    expect((await put('/blobs/not-a-cid', new Uint8Array(1))).status).toBe(400);
    expect((await fetch(`${base}/blobs/a/b`)).status).toBe(404);
    expect((await fetch(`${base}/blobs/x`, { method: 'HEAD' })).status).toBe(400);
  });
});

describe('limits and damage', () => {
  it('413 for a declared content-length over the limit, and for a chunked body that grows past it', async () => {
    const before = await stored();
    const declared = await put('/blobs', randomBytes(LIMIT + 1));
    expect([declared.status, (await errorOf(declared)).code]).toEqual([413, 'TooLarge']);
    const chunked = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 5; i++) c.enqueue(randomBytes(CHUNK_SIZE));
        c.close();
      },
    });
    const streamed = await put('/blobs', chunked);
    expect([streamed.status, (await errorOf(streamed)).message]).toEqual([413, 'blob exceeds the size limit of 1 MiB']);
    expect(await stored()).toBe(before);
  });

  it('a corrupted single-block blob is a 500 with a clear message', async () => {
    const { cid } = await infoOf(await put('/blobs', Buffer.from('precious weights')));
    await writeFile(join(dir, 'blobs', 'blocks', cid.slice(-3, -1), cid), 'precious weighs!');
    const res = await fetch(`${base}/blobs/${cid}`);
    expect(res.status).toBe(500);
    expect(await errorOf(res)).toEqual({ code: 'Corrupted', message: `blob ${cid} is corrupted: block content does not match its hash (16 bytes on disk)` });
  });

  it('damage past the first block cuts the download short of content-length', async () => {
    const data = randomBytes(3 * CHUNK_SIZE);
    const { cid } = await infoOf(await put('/blobs', data));
    const last = (await computeCid(data.subarray(2 * CHUNK_SIZE))).cid;
    await writeFile(join(dir, 'blobs', 'blocks', last.slice(-3, -1), last), randomBytes(CHUNK_SIZE));
    const res = await fetch(`${base}/blobs/${cid}`);
    expect(res.status).toBe(200);
    await expect(res.arrayBuffer()).rejects.toThrow();
  });

  it('an upload the client abandons midway leaves nothing behind', async () => {
    // Its own server with room for 8 MiB: the importer stages blocks 16 chunks (4 MiB) at a time.
    const big = await BlobStore.open(join(dir, 'big'), { durable: false, maxBlobBytes: 32 * CHUNK_SIZE });
    const srv = await RpcServer.start({ port: 0, methods: {}, exposeUnsafe: false, cors: 'all', logger: () => undefined });
    registerBlobRoutes(srv, big);
    const files = async () => (await readdir(big.dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length;
    const adding = vi.spyOn(big, 'add');
    const socket = connect(srv.port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    socket.write(`PUT /blobs HTTP/1.1\r\nHost: x\r\nContent-Length: ${32 * CHUNK_SIZE}\r\n\r\n`);
    socket.write(randomBytes(20 * CHUNK_SIZE));
    // Wait until the server has staged blocks of it, then vanish.
    await vi.waitFor(async () => expect(await files()).toBeGreaterThan(0), { timeout: 5000 });
    socket.destroy();
    await expect(adding.mock.results[0]!.value).rejects.toThrow(/aborted/);
    expect(await files()).toBe(0);
    expect(await big.list()).toEqual([]);
    await srv.close();
  });
});
