import { createModelPackage, writeModelPackage, readModelPackage } from './model-package.ts';
import { DEFAULT_OPTIMIZERS } from './optimizers.ts';
import { createTrainingSession } from './session.ts';
import { runTrainerLoop } from './trainer-loop.ts';
import { seedFromString } from '../datasets/prng.ts';
import { gaussianBlobs } from '../datasets/synthetic.ts';
import { createBatchSource } from '../datasets/batches.ts';
const ds = gaussianBlobs({ count: 2048, featureShape: [20], classes: 4, seed: seedFromString('data') });
for (const opt of [DEFAULT_OPTIMIZERS.sgd, DEFAULT_OPTIMIZERS.adam]) {
  const pkg = await createModelPackage({ architecture: { kind: 'mlp', layers: [20, 64, 4] }, optimizer: opt, batchSize: 32, learningRate: opt.kind === 'sgd' ? 0.05 : 0.005, seed: seedFromString('1') });
  await writeModelPackage('/tmp/mlp-smoke', pkg);
  const back = await readModelPackage('/tmp/mlp-smoke');
  const { session } = await createTrainingSession(back.trainStep);
  const src = createBatchSource(ds, seedFromString('job'), 32);
  const t = performance.now();
  const r = await runTrainerLoop({ session, signature: back.signature, state: back.initState, batches: src.batch, steps: 200, segmentLength: 20, learningRate: back.manifest.hyperparameters.learningRate });
  console.log(opt.kind, (200000 / (performance.now() - t)).toFixed(0), 'steps/s', r.segments.map((s) => s.meanLoss.toFixed(3)).join(' '), Buffer.from(r.segments.at(-1)!.stateHash).toString('hex').slice(0, 16));
}
