/** Checkpoint proofs: every served proof verifies against the job's root, and any tampering is caught. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { u8aToHex } from '@polkadot/util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { merkleRoot } from '../../storage/merkle.ts';
import { hashReady } from '../training/state-hash.ts';
import { checkpointProof, verifyCheckpointProof } from './checkpoint-proof.ts';
import { answer, startCheckpointServer } from './checkpoint-server.ts';
import { type SegmentRecord, saveResume } from './resume.ts';

const hash = (i: number): string => u8aToHex(new Uint8Array(32).fill(i + 1));
const segments = (n: number): SegmentRecord[] =>
  Array.from({ length: n }, (_, i) => ({ index: i, endStep: (i + 1) * 20, stateHash: hash(i), meanLoss: 1 / (i + 1), checkpointCid: `bafkrei${i}` }));

describe('checkpointProof / verifyCheckpointProof', () => {
  beforeAll(hashReady);

  it.each([1, 2, 3, 7, 10, 16])('proves every checkpoint of a %i-segment job against the submitted root', (n) => {
    const segs = segments(n);
    const root = u8aToHex(merkleRoot(segs.map((s) => new Uint8Array(32).fill(s.index + 1))));
    for (let i = 0; i < n; i++) {
      const p = checkpointProof(5, segs, i);
      expect(p).toMatchObject({ jobId: 5, index: i, endStep: (i + 1) * 20, stateHash: hash(i), checkpointCid: `bafkrei${i}`, root, count: n });
      expect(verifyCheckpointProof(p, { root, count: n })).toBe(true);
    }
  });

  it('rejects a wrong root, hash, index, count or sibling, and malformed input', () => {
    const segs = segments(10);
    const p = checkpointProof(1, segs, 3);
    expect(verifyCheckpointProof(p, { root: hash(99) })).toBe(false);
    expect(verifyCheckpointProof(p, { count: 9 })).toBe(false);
    expect(verifyCheckpointProof({ ...p, stateHash: hash(4) })).toBe(false);
    expect(verifyCheckpointProof({ ...p, index: 2 })).toBe(false);
    expect(verifyCheckpointProof({ ...p, count: 3 })).toBe(false);
    expect(verifyCheckpointProof({ ...p, count: 4 })).toBe(false);
    expect(verifyCheckpointProof({ ...p, proof: [hash(0), ...p.proof.slice(1)] })).toBe(false);
    expect(verifyCheckpointProof({ ...p, proof: p.proof.slice(1) })).toBe(false);
    expect(verifyCheckpointProof({ ...p, proof: ['0x1234'] })).toBe(false);
    expect(verifyCheckpointProof({ ...p, root: 'nope' })).toBe(false);
    expect(() => checkpointProof(1, segs, 10)).toThrow(/no checkpoint 10/);
  });
});

describe('checkpoint server', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trainchain-ckpt-'));
    await saveResume(dir, { jobId: 7, seed: '0x00', nextStep: 200, totalSegments: 10, segments: segments(10) });
    await saveResume(dir, { jobId: 8, seed: '0x00', nextStep: 60, totalSegments: 10, segments: segments(3) });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.each([
    ['GET', '/jobs/7/checkpoints/4', 200, /"index":4/],
    ['GET', '/jobs/7/checkpoints/10', 404, /no checkpoint 10/],
    ['GET', '/jobs/8/checkpoints/0', 409, /has 3 of 10 checkpoints/],
    ['GET', '/jobs/9/checkpoints/0', 404, /no checkpoints of job #9/],
    ['GET', '/jobs/x/checkpoints/0', 404, /expected GET/],
    ['POST', '/jobs/7/checkpoints/0', 405, /only GET/],
  ])('%s %s → %i', async (method, url, status, body) => {
    const r = await answer(dir, method, url);
    expect(r.status).toBe(status);
    expect(JSON.stringify(r.body)).toMatch(body);
  });

  it('serves a proof over HTTP that verifies against the root of all segments', async () => {
    const server = await startCheckpointServer(dir, 0);
    try {
      const res = await fetch(`http://127.0.0.1:${server.port}/jobs/7/checkpoints/9`);
      expect(res.status).toBe(200);
      const proof = (await res.json()) as ReturnType<typeof checkpointProof>;
      expect(verifyCheckpointProof(proof, { root: checkpointProof(7, segments(10), 0).root, count: 10 })).toBe(true);
    } finally {
      await server.close();
    }
  });
});
