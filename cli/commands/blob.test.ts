/** `trainchain blob` against a real RpcServer with the blob routes, in process. */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RpcServer } from '../../rpc/server.ts';
import { BlobStore } from '../../storage/blobs/blob-store.ts';
import { CHUNK_SIZE, computeCid } from '../../storage/blobs/cid.ts';
import { registerBlobRoutes } from '../../storage/blobs/http.ts';
import { runBlobCommand } from './blob.ts';

let dir: string;
let server: RpcServer;
let store: BlobStore;
let rpc: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'trainchain-blob-cli-'));
  store = await BlobStore.open(join(dir, 'node-blobs'), { durable: false });
  server = await RpcServer.start({ port: 0, methods: {}, exposeUnsafe: false, cors: 'all', logger: () => undefined });
  registerBlobRoutes(server, store);
  rpc = `ws://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

async function blob(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runBlobCommand(argv, (l) => out.push(l), (l) => err.push(l));
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}
async function file(name: string, bytes: Uint8Array): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}
/** The file's directory holds nothing but `keep` (no `.part` leftovers). */
async function onlyFiles(sub: string, keep: string[]): Promise<void> {
  expect((await readdir(join(dir, sub))).sort()).toEqual(keep.sort());
}

describe('trainchain blob', () => {
  it('cid prints what ipfs prints, offline', async () => {
    const path = await file('hello.txt', Buffer.from('hello world'));
    expect(await blob('cid', path)).toEqual({ code: 0, stdout: 'bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e', stderr: '' });
    const json = JSON.parse((await blob('cid', path, '--json')).stdout);
    expect(json).toEqual({ cid: 'bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e', size: 11, file: path });
  });

  it('add uploads to the node and get downloads it back, byte for byte', async () => {
    const data = randomBytes(3 * CHUNK_SIZE + 99);
    const path = await file('model.bin', data);
    const added = await blob('add', path, '--rpc', rpc);
    const { cid } = await computeCid(data);
    expect(added).toEqual({ code: 0, stdout: cid, stderr: '' });
    expect(await store.has(cid)).toBe(true);
    await mkdir(join(dir, 'dl'));
    const got = await blob('get', cid, '--out', join(dir, 'dl', 'copy.bin'), '--rpc', `http://127.0.0.1:${server.port}`, '--json');
    expect(got.code).toBe(0);
    expect(JSON.parse(got.stdout)).toEqual({ cid, size: data.length, out: join(dir, 'dl', 'copy.bin') });
    expect((await readFile(join(dir, 'dl', 'copy.bin'))).equals(data)).toBe(true);
    await onlyFiles('dl', ['copy.bin']);
    expect(JSON.parse((await blob('add', path, '--rpc', rpc, '--json')).stdout)).toEqual({ cid, size: data.length, file: path });
  });

  it('--local adds to and reads from <base>/chains/<id>/blobs without a node', async () => {
    const path = await file('local.bin', randomBytes(CHUNK_SIZE + 1));
    const base = join(dir, 'base');
    const { stdout: cid } = await blob('add', path, '--local', '--base-path', base, '--dev');
    expect(await (await BlobStore.open(join(base, 'chains', 'dev', 'blobs'))).has(cid)).toBe(true);
    const out = join(dir, 'local-copy.bin');
    expect((await blob('get', cid, '--out', out, '--local', '--base-path', base, '--chain', 'dev')).code).toBe(0);
    expect((await readFile(out)).equals(await readFile(path))).toBe(true);
  });
});

describe('trainchain blob bad input: one line, exit 1, nothing written', () => {
  it('refuses content that does not hash to the CID asked for', async () => {
    const liar: Server = createServer((_req, res) => res.writeHead(200, { 'Content-Length': 5 }).end('wrong'));
    await new Promise<void>((r) => liar.listen(0, '127.0.0.1', r));
    const { cid } = await computeCid(Buffer.from('right'));
    await mkdir(join(dir, 'liar'));
    const target = join(dir, 'liar', 'out.bin');
    await writeFile(target, 'previous');
    const r = await blob('get', cid, '--out', target, '--rpc', `ws://127.0.0.1:${(liar.address() as AddressInfo).port}`);
    liar.close();
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^Error: content hashes to \\w+, not ${cid}; nothing stored$`));
    expect(await readFile(target, 'utf8')).toBe('previous');
    await onlyFiles('liar', ['out.bin']);
  });

  it('reports a download the node cuts short because its copy is damaged', async () => {
    const data = randomBytes(3 * CHUNK_SIZE);
    const { cid } = await store.add(data);
    const last = (await computeCid(data.subarray(2 * CHUNK_SIZE))).cid;
    await writeFile(join(store.dir, 'blocks', last.slice(-3, -1), last), randomBytes(CHUNK_SIZE));
    const target = join(dir, 'damaged.bin');
    const r = await blob('get', cid, '--out', target, '--rpc', rpc);
    expect([r.code, r.stderr]).toEqual([1, `Error: download of ${cid} was cut short by the node (its copy may be damaged; see its log); ${target} left untouched`]);
    expect(existsSync(target)).toBe(false);
  });

  it.each([
    [['get', 'bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4', '--out', 'x'], /could not serve .* \(404\): blob .* not found/],
    [['get', 'not-a-cid', '--out', 'x'], /^Error: invalid CID "not-a-cid"/],
    [['get', 'bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku'], /missing --out <file>/],
    [['add', '/nonexistent/file.bin'], /^Error: no such file: \/nonexistent\/file.bin$/],
    [['add'], /missing blob add <file>/],
    [['frobnicate'], /unknown blob command "frobnicate"/],
    [['add', 'a', '--bogus'], /Unknown option '--bogus'/],
    [['cid', '/nonexistent'], /no such file/],
  ])('%j', async (argv, message) => {
    const r = await blob(...argv.map((a) => (a === 'x' ? join(dir, 'never.bin') : a)), '--rpc', rpc);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.split('\n')).toHaveLength(1);
    expect(existsSync(join(dir, 'never.bin'))).toBe(false);
  });

  it('says when the node cannot be reached, or the URL is wrong', async () => {
    const path = await file('small.bin', Buffer.from('x'));
    const closed = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => s.close(() => resolve((s.address() as AddressInfo | null)?.port ?? 1)));
    });
    expect((await blob('add', path, '--rpc', `ws://127.0.0.1:${closed}`)).stderr).toMatch(/^Error: cannot reach the node at http:\/\/127.0.0.1:\d+ .*is it running\?/);
    expect((await blob('add', path, '--rpc', 'ftp://x')).stderr).toBe('Error: unsupported --rpc URL scheme "ftp:" (use ws, wss, http or https)');
    expect((await blob('add', path, '--rpc', 'nonsense')).stderr).toMatch(/invalid --rpc URL "nonsense"/);
  });
});
