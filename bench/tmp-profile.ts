import * as ort from 'onnxruntime-node';
import { createBatchSource } from '../offchain-workers/datasets/batches.ts';
import { seedFromString } from '../offchain-workers/datasets/prng.ts';
import { createModelPackage } from '../offchain-workers/training/model-package.ts';
import { DEFAULT_OPTIMIZERS } from '../offchain-workers/training/optimizers.ts';
import { createTrainingSession } from '../offchain-workers/training/session.ts';
import { stateTensors, updatedName } from '../offchain-workers/training/signature.ts';
import { runTrainerLoop } from '../offchain-workers/training/trainer-loop.ts';
const opt = process.argv[2] === 'sgd' ? DEFAULT_OPTIMIZERS.sgd : DEFAULT_OPTIMIZERS.adam;
const count = 4096; const features = new Uint8Array(count * 784).map((_, i) => (i * 7) & 255); const labels = new Uint8Array(count).map((_, i) => i % 10);
const src = createBatchSource({ count, featureShape: [28, 28], features, labels, classes: 10 }, seedFromString('x'), 64);
const pkg = await createModelPackage({ architecture: { kind: 'mlp', layers: [784, 128, 10] }, optimizer: opt, batchSize: 64, learningRate: 0.001, seed: seedFromString('b') });
const { session } = await createTrainingSession(pkg.trainStep);
const specs = stateTensors(pkg.signature);
const steps = 100;
const pre = Array.from({ length: steps }, (_, s) => src.batch(s));
const lr = new ort.Tensor('float32', Float32Array.of(0.001), []);
async function bare(order: 'lrfirst' | 'lrlast') {
  const feeds: Record<string, ort.Tensor> = order === 'lrfirst' ? { lr } : {};
  specs.forEach((t, i) => (feeds[t.name] = new ort.Tensor('float32', pkg.initState[i]!, [...t.shape])));
  const t0 = performance.now();
  for (let s = 0; s < steps; s++) {
    feeds.x = new ort.Tensor('float32', pre[s]!.x, [64, 784]); feeds.y = new ort.Tensor('int64', pre[s]!.y, [64]);
    if (order === 'lrlast') feeds.lr = lr;
    const out = await session.run(feeds);
    for (const t of specs) feeds[t.name] = out[updatedName(t.name)]!;
  }
  return steps * 1000 / (performance.now() - t0);
}
async function trainer() {
  const t0 = performance.now();
  await runTrainerLoop({ session, signature: pkg.signature, state: pkg.initState, batches: (s) => pre[s]!, steps, segmentLength: 100000, learningRate: 0.001, hashing: 'inline' });
  return steps * 1000 / (performance.now() - t0);
}
const r: Record<string, number[]> = { lrfirst: [], lrlast: [], trainer: [] };
for (let i = 0; i < 15; i++) { r.lrfirst!.push(await bare('lrfirst')); r.lrlast!.push(await bare('lrlast')); r.trainer!.push(await trainer()); }
for (const [k, v] of Object.entries(r)) { const s = [...v].sort((a, b) => a - b); console.log(opt.kind, k, 'best', s.at(-1)!.toFixed(0), 'median', s[7]!.toFixed(0)); }
