/** The model pack container: canonical bytes, a lossless round trip, and refusal of anything else. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { computeCid } from '../../storage/blobs/cid.ts';
import { seedFromString } from '../datasets/prng.ts';
import { PACKAGE_FILES } from '../training/manifest.ts';
import { createModelPackage, readModelPackage, writeModelPackage } from '../training/model-package.ts';
import { DEFAULT_OPTIMIZERS } from '../training/optimizers.ts';
import { packFiles, packModel, unpackFiles, unpackModel } from './package-blob.ts';
import { ProgressBar } from './progress.ts';
import { stateFromBytes, stateToBytes } from './resume.ts';

const dirs: string[] = [];
const tmp = async () => {
  const d = await mkdtemp(join(tmpdir(), 'trainchain-pack-'));
  dirs.push(d);
  return d;
};
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('model pack', () => {
  it('packs a model directory deterministically and unpacks it into a package that verifies', async () => {
    const pkg = await createModelPackage({ architecture: { kind: 'mlp', layers: [8, 16, 3] }, optimizer: DEFAULT_OPTIMIZERS.adam, batchSize: 16, learningRate: 0.01, seed: seedFromString('pack') });
    const src = await tmp();
    await writeModelPackage(src, pkg);
    const a = await packModel(src);
    const b = await packModel(src);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect((await computeCid(a)).cid).toBe((await computeCid(b)).cid);
    const dst = await tmp();
    await unpackModel(a, dst);
    for (const name of Object.values(PACKAGE_FILES)) expect(await readFile(join(dst, name))).toEqual(await readFile(join(src, name)));
    expect((await readModelPackage(dst)).manifest).toEqual(pkg.manifest);
  });

  it('sorts names, and refuses unsafe names, other formats and incomplete model packs', async () => {
    const files = new Map([['b', Uint8Array.of(2)], ['a', Uint8Array.of(1)]]);
    expect(new TextDecoder().decode(packFiles(files))).toBe('{"format":"trainchain-model-pack/1","files":{"a":"AQ==","b":"Ag=="}}\n');
    expect([...unpackFiles(packFiles(files))]).toEqual([['a', Uint8Array.of(1)], ['b', Uint8Array.of(2)]]);
    expect(() => packFiles(new Map([['../x', Uint8Array.of(1)]]))).toThrow(/cannot pack/);
    expect(() => unpackFiles(new TextEncoder().encode('{"format":"zip","files":{}}'))).toThrow(/format/);
    expect(() => unpackFiles(new TextEncoder().encode('{"format":"trainchain-model-pack/1","files":{"../evil":""}}'))).toThrow(/invalid/);
    expect(() => unpackFiles(Uint8Array.of(0xff))).toThrow(/not JSON/);
    await expect(unpackModel(packFiles(files), await tmp())).rejects.toThrow(/lacks/);
  });
});

describe('trainer helpers', () => {
  it('round-trips state bytes and checks their length', () => {
    const state = [Float32Array.of(1, -2.5), Float32Array.of(3)];
    expect(stateFromBytes(stateToBytes(state), [2, 1])).toEqual(state);
    expect(() => stateFromBytes(stateToBytes(state), [2, 2])).toThrow(/needs 16/);
  });

  it('reads state from a base64-decoded Buffer that sits inside Node\'s shared pool (the resume file path)', () => {
    const state = [Float32Array.of(0.25, -7), Float32Array.of(1e-3, 42, 3)];
    Buffer.from('padding so the next pooled Buffer does not start at offset 0');
    const pooled = Buffer.from(Buffer.from(stateToBytes(state)).toString('base64'), 'base64');
    expect(pooled.byteOffset).toBeGreaterThan(0);
    expect(stateFromBytes(pooled, [2, 3])).toEqual(state);
  });

  it('renders a progress bar with steps, loss, rate and ETA', () => {
    const lines: string[] = [];
    const bar = new ProgressBar(200, 0, () => undefined, false);
    bar.step(100);
    bar.segment(100, 0.25, (l) => lines.push(l));
    expect(lines[0]).toMatch(/^\[#{12}\.{12}\] 100\/200 steps {2}loss 0\.2500 {2}[\d.]+ steps\/s {2}ETA (\d+s|\?)$/);
  });
});
