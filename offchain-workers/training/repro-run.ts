/**
 * Reproducibility probe, run as its own process by repro.test.ts (`node --import tsx repro-run.ts`): trains
 * fixed configurations for 200 steps with k = 20 and prints every segment's state hash as JSON on stdout.
 */
import { pathToFileURL } from 'node:url';
import { createBatchSource } from '../datasets/batches.ts';
import { seedFromString } from '../datasets/prng.ts';
import { gaussianBlobs } from '../datasets/synthetic.ts';
import type { Architecture } from './manifest.ts';
import { createModelPackage } from './model-package.ts';
import { DEFAULT_OPTIMIZERS, type OptimizerSpec } from './optimizers.ts';
import { createTrainingSession } from './session.ts';
import { runTrainerLoop } from './trainer-loop.ts';

/** The configurations both processes train. */
export const REPRO_CONFIGS: { name: string; architecture: Architecture; optimizer: OptimizerSpec; batchSize: number; lr: number }[] = [
  { name: 'mlp-64-128-10-adam', architecture: { kind: 'mlp', layers: [64, 128, 10] }, optimizer: DEFAULT_OPTIMIZERS.adam, batchSize: 32, lr: 0.002 },
  {
    name: 'cnn-1x12x12-sgd',
    architecture: { kind: 'cnn', input: [1, 12, 12], convs: [{ channels: 8, kernel: 3, stride: 1 }, { channels: 16, kernel: 3, stride: 2 }], classes: 10 },
    optimizer: DEFAULT_OPTIMIZERS.sgd,
    batchSize: 16,
    lr: 0.02,
  },
];

/** Trains each configuration and returns `{ name: { hashes, losses } }`. */
export async function reproRun(steps = 200, segmentLength = 20): Promise<Record<string, { hashes: string[]; losses: number[] }>> {
  const result: Record<string, { hashes: string[]; losses: number[] }> = {};
  for (const c of REPRO_CONFIGS) {
    const pkg = await createModelPackage({ architecture: c.architecture, optimizer: c.optimizer, batchSize: c.batchSize, learningRate: c.lr, seed: seedFromString(`repro-init/${c.name}`) });
    const shape = [...pkg.signature.x.shape.slice(1)];
    const data = gaussianBlobs({ count: 2048, featureShape: shape, classes: 10, seed: seedFromString('repro-data') });
    const { session } = await createTrainingSession(pkg.trainStep);
    const batches = createBatchSource(data, seedFromString('repro-job'), c.batchSize).batch;
    const run = await runTrainerLoop({ session, signature: pkg.signature, state: pkg.initState, batches, steps, segmentLength, learningRate: c.lr });
    result[c.name] = { hashes: run.segments.map((s) => Buffer.from(s.stateHash).toString('hex')), losses: run.segments.map((s) => s.meanLoss) };
  }
  return result;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(`${JSON.stringify(await reproRun())}\n`);
}
