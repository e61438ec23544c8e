/**
 * Training steps per second of the worker's loop (offchain-workers/training/trainer-loop.ts: batch assembly from
 * the seeded order, one `session.run` per step, NaN check, blake2b-256 of the full state every k steps) against
 * the ceiling: a bare `session.run` loop of the same graph in the same process and session, with the batches
 * pre-built as tensors and nothing else. Rounds alternate between the variants so machine load hits them alike,
 * and each variant reports its best round: on a shared machine the best round is the least disturbed one.
 *
 *   node --import tsx bench/training.ts [--rounds 9] [--k 20,100]
 */
import { availableParallelism, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as ort from 'onnxruntime-node';
import { createBatchSource } from '../offchain-workers/datasets/batches.ts';
import { seedFromString } from '../offchain-workers/datasets/prng.ts';
import type { TensorDataset } from '../offchain-workers/datasets/tds.ts';
import type { Architecture } from '../offchain-workers/training/manifest.ts';
import { createModelPackage } from '../offchain-workers/training/model-package.ts';
import { DEFAULT_OPTIMIZERS, type OptimizerSpec } from '../offchain-workers/training/optimizers.ts';
import { createTrainingSession } from '../offchain-workers/training/session.ts';
import { stateTensors, updatedName } from '../offchain-workers/training/signature.ts';
import { StateHasher } from '../offchain-workers/training/state-hash.ts';
import { runTrainerLoop } from '../offchain-workers/training/trainer-loop.ts';

/** One benchmarked model. */
export interface TrainingBenchCase {
  name: string;
  architecture: Architecture;
  optimizer: OptimizerSpec;
  batchSize: number;
  steps: number;
}

/** Best rounds (steps per second) of each variant. */
export interface TrainingBenchResult {
  name: string;
  k: number;
  rawStepsPerSecond: number;
  /** The trainer with its default background hashing. */
  trainerStepsPerSecond: number;
  /** Extra time per step of the trainer over the bare loop, in % of the bare loop's time. */
  overheadPercent: number;
  /** The trainer hashing on the training thread. */
  inlineStepsPerSecond: number;
  inlineOverheadPercent: number;
  /** The trainer (background hashing) fed the ceiling's pre-built batches: the loop's own cost, data excluded. */
  prebuiltStepsPerSecond: number;
  prebuiltOverheadPercent: number;
  /** One state commitment (copy + blake2b-256), ms. */
  hashMs: number;
  stateBytes: number;
}

const best = (xs: number[]): number => Math.max(...xs);

/** An MNIST-shaped uint8 dataset (28×28, 10 classes), so batch assembly includes the v/255 conversion. */
function mnistLike(count: number): TensorDataset {
  const features = new Uint8Array(count * 784);
  const labels = new Uint8Array(count);
  const pattern = seedFromString('bench-data');
  for (let i = 0; i < count; i++) {
    labels[i] = i % 10;
    for (let j = 0; j < 784; j++) features[i * 784 + j] = (pattern[(i + j) % 32]! * (j + 1) + i) & 0xff;
  }
  return { count, featureShape: [28, 28], features, labels, classes: 10 };
}

/** Runs `rounds` alternating rounds of the bare loop and the trainer loop for one case at segment length `k`. */
export async function benchTrainingCase(c: TrainingBenchCase, k: number, rounds: number): Promise<TrainingBenchResult> {
  const pkg = await createModelPackage({ architecture: c.architecture, optimizer: c.optimizer, batchSize: c.batchSize, learningRate: 0.001, seed: seedFromString('bench') });
  const { session } = await createTrainingSession(pkg.trainStep);
  const source = createBatchSource(mnistLike(4096), seedFromString('bench-job'), c.batchSize);
  const sig = pkg.signature;
  const specs = stateTensors(sig);
  const lr = new ort.Tensor('float32', Float32Array.of(0.001), []);
  // The ceiling gets its batches ready-made: only session.run and feeding outputs back are timed.
  const xs = Array.from({ length: c.steps }, (_, s) => new ort.Tensor('float32', source.batch(s).x, [...sig.x.shape]));
  const ys = Array.from({ length: c.steps }, (_, s) => new ort.Tensor('int64', source.batch(s).y, [sig.batchSize]));

  const bare = async (): Promise<number> => {
    const feeds: Record<string, ort.Tensor> = { lr };
    specs.forEach((t, i) => (feeds[t.name] = new ort.Tensor('float32', pkg.initState[i]!, [...t.shape])));
    const t0 = performance.now();
    for (let s = 0; s < c.steps; s++) {
      feeds.x = xs[s]!;
      feeds.y = ys[s]!;
      const out = await session.run(feeds);
      for (const t of specs) feeds[t.name] = out[updatedName(t.name)]!;
    }
    return (c.steps * 1000) / (performance.now() - t0);
  };
  const prebuilt = Array.from({ length: c.steps }, (_, s) => ({ x: xs[s]!.data as Float32Array, y: ys[s]!.data as BigInt64Array }));
  const trainer = async (hashing: 'background' | 'inline', batches = source.batch): Promise<number> => {
    const t0 = performance.now();
    await runTrainerLoop({ session, signature: sig, state: pkg.initState, batches, steps: c.steps, segmentLength: k, learningRate: 0.001, hashing });
    return (c.steps * 1000) / (performance.now() - t0);
  };

  // Warm-up: first-run allocations, JIT, the hashing worker's start.
  await bare();
  await trainer('background');
  await trainer('inline');
  const raw: number[] = [];
  const loop: number[] = [];
  const inline: number[] = [];
  const ready: number[] = [];
  for (let r = 0; r < rounds; r++) {
    raw.push(await bare());
    loop.push(await trainer('background'));
    inline.push(await trainer('inline'));
    ready.push(await trainer('background', (s) => prebuilt[s]!));
  }
  const hasher = new StateHasher();
  const t0 = performance.now();
  for (let i = 0; i < 20; i++) hasher.hash(pkg.initState);
  // (the mean over 20 hashes; like everything here it includes whatever the machine's load takes away)
  const rawStepsPerSecond = best(raw);
  const trainerStepsPerSecond = best(loop);
  const inlineStepsPerSecond = best(inline);
  const prebuiltStepsPerSecond = best(ready);
  return {
    name: c.name,
    k,
    rawStepsPerSecond,
    trainerStepsPerSecond,
    overheadPercent: (rawStepsPerSecond / trainerStepsPerSecond - 1) * 100,
    inlineStepsPerSecond,
    inlineOverheadPercent: (rawStepsPerSecond / inlineStepsPerSecond - 1) * 100,
    prebuiltStepsPerSecond,
    prebuiltOverheadPercent: (rawStepsPerSecond / prebuiltStepsPerSecond - 1) * 100,
    hashMs: (performance.now() - t0) / 20,
    stateBytes: hasher.concat(pkg.initState).length,
  };
}

/** The benchmarked models: the notes' reference points (784-128-10 at B=64; the small CNN at B=32). */
export const TRAINING_BENCH_CASES: TrainingBenchCase[] = [
  { name: 'MLP 784-128-10 B=64 SGD-momentum', architecture: { kind: 'mlp', layers: [784, 128, 10] }, optimizer: DEFAULT_OPTIMIZERS.sgd, batchSize: 64, steps: 200 },
  { name: 'MLP 784-128-10 B=64 Adam', architecture: { kind: 'mlp', layers: [784, 128, 10] }, optimizer: DEFAULT_OPTIMIZERS.adam, batchSize: 64, steps: 200 },
  {
    name: 'CNN 1x28x28 8x5s1,16x5s2 B=32 Adam',
    architecture: { kind: 'cnn', input: [1, 28, 28], convs: [{ channels: 8, kernel: 5, stride: 1 }, { channels: 16, kernel: 5, stride: 2 }], classes: 10 },
    optimizer: DEFAULT_OPTIMIZERS.adam,
    batchSize: 32,
    steps: 100,
  },
];

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { rounds: { type: 'string', default: '9' }, k: { type: 'string', default: '20' } } });
  const rounds = Number(values.rounds);
  const ks = values.k.split(',').map(Number);
  const loadAtStart = loadavg()[0]!;
  console.log(`onnxruntime-node CPU, 1 intra-op thread, sequential; best of ${rounds} alternating rounds; uint8 28x28 data`);
  console.log('trainer = default (state hashed on a worker thread); inline = hashed on the training thread;');
  console.log('no-data = trainer fed the bare loop\'s pre-built batches (its own overhead without batch assembly)');
  const head = ['model'.padEnd(36), 'k'.padStart(4), 'bare run/s', 'trainer/s', 'overhead', 'inline/s', 'overhead', 'no-data/s', 'overhead', 'hash ms', 'state'];
  console.log(`\n${head.map((h, i) => (i < 2 ? h : h.padStart(10))).join(' ')}`);
  const results: TrainingBenchResult[] = [];
  for (const c of TRAINING_BENCH_CASES) {
    for (const k of ks) {
      const r = await benchTrainingCase(c, k, rounds);
      results.push(r);
      const cells = [r.rawStepsPerSecond.toFixed(0), r.trainerStepsPerSecond.toFixed(0), `${r.overheadPercent.toFixed(1)}%`, r.inlineStepsPerSecond.toFixed(0), `${r.inlineOverheadPercent.toFixed(1)}%`, r.prebuiltStepsPerSecond.toFixed(0), `${r.prebuiltOverheadPercent.toFixed(1)}%`, r.hashMs.toFixed(2), `${(r.stateBytes / 1024).toFixed(0)} KiB`];
      console.log(`${r.name.padEnd(36)} ${String(k).padStart(4)} ${cells.map((c) => c.padStart(10)).join(' ')}`);
    }
  }
  console.log(`\n(${availableParallelism()} cores; 1-min load average ${loadAtStart.toFixed(1)} at start, ${loadavg()[0]!.toFixed(1)} at end)`);
  console.log(JSON.stringify(results));
}
