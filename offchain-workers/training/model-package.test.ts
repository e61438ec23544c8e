import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seedFromString } from '../datasets/prng.ts';
import { gaussianBlobs } from '../datasets/synthetic.ts';
import { PACKAGE_FILES } from './manifest.ts';
import { checkDatasetFits, createModelPackage, type ModelPackageOptions, readModelPackage, writeModelPackage } from './model-package.ts';
import { DEFAULT_OPTIMIZERS } from './optimizers.ts';
import { StateHasher } from './state-hash.ts';

const dirs: string[] = [];
const tempDir = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'trainchain-model-'));
  dirs.push(dir);
  return dir;
};
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const mlp: ModelPackageOptions = {
  architecture: { kind: 'mlp', layers: [12, 16, 4] },
  optimizer: DEFAULT_OPTIMIZERS.adam,
  batchSize: 8,
  learningRate: 0.001,
  seed: seedFromString('pkg'),
};
const cnn: ModelPackageOptions = {
  architecture: { kind: 'cnn', input: [1, 12, 12], convs: [{ channels: 4, kernel: 3, stride: 2 }], classes: 5 },
  optimizer: DEFAULT_OPTIMIZERS.sgd,
  batchSize: 4,
  learningRate: 0.01,
  seed: seedFromString('pkg'),
};

describe('model packages', () => {
  it.each([['mlp', mlp], ['cnn', cnn]] as const)('%s: write → read gives back the same graphs, state and manifest', async (_kind, options) => {
    const pkg = await createModelPackage(options);
    const dir = await tempDir();
    await writeModelPackage(dir, pkg);
    const back = await readModelPackage(dir);
    expect(back.manifest).toEqual(pkg.manifest);
    expect(back.trainStep).toEqual(pkg.trainStep);
    expect(back.inference).toEqual(pkg.inference);
    expect(back.initState).toEqual(pkg.initState);
    expect(back.signature).toEqual(pkg.signature);
  });

  it('is deterministic from the seed, and the init-state hash is the step-0 state commitment', async () => {
    const [a, b, c] = await Promise.all([createModelPackage(mlp), createModelPackage(mlp), createModelPackage({ ...mlp, seed: seedFromString('other') })]);
    expect(b.manifest).toEqual(a.manifest);
    expect(Buffer.from(b.trainStep).equals(Buffer.from(a.trainStep))).toBe(true);
    expect(c.manifest.files['init-state.bin'].blake2b256).not.toBe(a.manifest.files['init-state.bin'].blake2b256);
    expect(c.manifest.files['train-step.onnx']).toEqual(a.manifest.files['train-step.onnx']);
    expect(a.manifest.files['init-state.bin'].blake2b256).toBe(`0x${Buffer.from(new StateHasher().hash(a.initState)).toString('hex')}`);
    expect(a.manifest.tensors.state.map((t) => t.name)).toEqual(['opt.fc0.weight.m', 'opt.fc0.weight.v', 'opt.fc0.bias.m', 'opt.fc0.bias.v', 'opt.fc1.weight.m', 'opt.fc1.weight.v', 'opt.fc1.bias.m', 'opt.fc1.bias.v', 'opt.step']);
    expect(a.manifest.runtime).toMatchObject({ onnxruntimeNode: '1.30.0', intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential' });
  });

  it.each([
    ['a file changed after writing', async (dir: string) => writeFile(join(dir, PACKAGE_FILES.initState), new Uint8Array(4 * 388)), /init-state\.bin does not match/],
    ['a missing file', async (dir: string) => rm(join(dir, PACKAGE_FILES.trainStep)), /train-step\.onnx is missing/],
    ['an invalid manifest', async (dir: string) => writeFile(join(dir, PACKAGE_FILES.manifest), '{"format":"trainchain-model/1"}'), /manifest\.json is missing or invalid/],
    [
      'manifest tensors that disagree with the graph',
      async (dir: string) => {
        const m = JSON.parse(await readFile(join(dir, PACKAGE_FILES.manifest), 'utf8')) as { tensors: { x: { shape: number[] } } };
        m.tensors.x.shape = [8, 13];
        await writeFile(join(dir, PACKAGE_FILES.manifest), JSON.stringify(m));
      },
      /manifest tensors do not match/,
    ],
  ])('rejects %s with BadPackage', async (_name, damage, message) => {
    const dir = await tempDir();
    await writeModelPackage(dir, await createModelPackage(mlp));
    await damage(dir);
    await expect(readModelPackage(dir)).rejects.toMatchObject({ code: 'BadPackage', message: expect.stringMatching(message) });
  });
});

describe('checkDatasetFits', () => {
  const blobs = (featureShape: number[], classes: number, count = 16) => gaussianBlobs({ count, featureShape, classes, seed: seedFromString('fit') });

  it('accepts any layout with the same number of values per example', async () => {
    const pkg = await createModelPackage(cnn);
    expect(() => checkDatasetFits(pkg, blobs([12, 12], 5))).not.toThrow();
    expect(() => checkDatasetFits(pkg, blobs([144], 3))).not.toThrow();
  });

  it.each([
    ['examples of the wrong size', blobs([10, 10], 5), /dataset examples are \[10,10\] \(100 values\), the model takes \[1,12,12\] \(144\)/],
    ['more classes than the model outputs', blobs([144], 6), /dataset has 6 classes, the model outputs 5/],
    ['less than one batch', blobs([144], 5, 3), /dataset has 3 examples, fewer than one batch of 4/],
  ])('rejects %s', async (_name, ds, message) => {
    const pkg = await createModelPackage(cnn);
    expect(() => checkDatasetFits(pkg, ds)).toThrow(expect.objectContaining({ code: 'ShapeMismatch', message: expect.stringMatching(message) }));
  });
});
