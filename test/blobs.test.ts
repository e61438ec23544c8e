/**
 * Blobs end to end, as users meet them: a real node process serving `/blobs` on its RPC port and the
 * `trainchain blob` CLI talking to it.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHUNK_SIZE, computeCid } from '../storage/blobs/cid.ts';
import { type NodeProcess, runCli, startNodeProcess } from './support/node-process.ts';

describe('blobs through a running node and the CLI', () => {
  let dir: string;
  let node: NodeProcess;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trainchain-blobs-e2e-'));
    node = await startNodeProcess(['--dev', '--manual-seal', '--base-path', join(dir, 'base')]);
  });
  afterAll(async () => {
    await node?.kill();
    await rm(dir, { recursive: true, force: true });
  });

  it('blob add prints the CID ipfs would print and stores it under <base>/chains/dev/blobs', async () => {
    const data = randomBytes(2 * CHUNK_SIZE + 1);
    const file = join(dir, 'weights.bin');
    await writeFile(file, data);
    const { cid } = await computeCid(data);
    const added = await runCli(['blob', 'add', file, '--rpc', node.ws]);
    expect([added.code, added.stdout.trim(), added.stderr]).toEqual([0, cid, '']);
    expect(existsSync(join(dir, 'base', 'chains', 'dev', 'blobs', 'roots', `${cid}.json`))).toBe(true);

    const out = join(dir, 'copy.bin');
    const got = await runCli(['blob', 'get', cid, '--out', out, '--rpc', node.ws, '--json']);
    expect(got.code).toBe(0);
    expect(JSON.parse(got.stdout)).toEqual({ cid, size: data.length, out });
    expect((await readFile(out)).equals(data)).toBe(true);

    const res = await fetch(`${node.http}/blobs/${cid}`);
    expect([res.status, res.headers.get('content-length')]).toEqual([200, String(data.length)]);
    expect(Buffer.from(await res.arrayBuffer()).equals(data)).toBe(true);
  });

  it('bad input: one clear line and exit 1', async () => {
    const { cid } = await computeCid(Buffer.from('never added'));
    // Each CLI run pays tsx's start-up; run both at once.
    const [missing, bad] = await Promise.all([
      runCli(['blob', 'get', cid, '--out', join(dir, 'none.bin'), '--rpc', node.ws]),
      runCli(['blob', 'get', 'zzz', '--out', join(dir, 'none.bin'), '--rpc', node.ws]),
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe(`Error: the node could not serve ${cid} (404): blob ${cid} not found`);
    expect([bad.code, bad.stderr]).toEqual([1, expect.stringMatching(/^Error: invalid CID "zzz"/)]);
    expect(existsSync(join(dir, 'none.bin'))).toBe(false);
  });
});
