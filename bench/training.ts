/**
 * Training steps per second of the worker's loop (offchain-workers/training/trainer-loop.ts: batch assembly from
 * the seeded order, one `session.run` per step, NaN check, blake2b-256 of the full state every k steps) against
 * the ceiling: a bare `session.run` loop of the same graph in the same process and session, with the batches
 * pre-built as tensors and nothing else. Trainer variants:
 *   trainer    batches prefetched on a worker thread (BatchPrefetcher), state hashed on a worker thread
 *   1-thread   batches assembled and state hashed on the training thread
 *   loop-only  the trainer fed the ceiling's pre-built batches: its own cost, batch assembly taken out
 *   no-commit  loop-only with one commitment at the very end instead of one every k steps: the loop without its
 *              commitments, so loop-only / no-commit - 1 is the commitment overhead the issue bounds (≤ 5% of
 *              training time at k = 20)
 *   worker     the trainer plus the worker's checkpoint path (offchain-workers/trainer/run-job.ts): each
 *              segment's state uploaded to a real node's blob store from a worker thread and recorded in a
 *              small resume file (at most once a second), behind the training loop
 *   old worker the same with the previous path: upload through a scratch file, the whole state re-serialised
 *              as base64 into the resume file every segment
 * The worker variants need a node: the bench starts `trainchain --dev --tmp --manual-seal` (skip: --no-node).
 * Rounds alternate between the variants so machine load hits them alike. Two measures: wall-clock time, as the
 * median over rounds of each round's ratio to the bare run of the same round (paired, so a load spike hits both
 * sides of a ratio), and CPU time of the training thread per step over all rounds (Linux
 * /proc/self/task/<pid>/stat), which load on other cores hardly moves.
 *
 *   node --import tsx bench/training.ts [--rounds 9] [--k 20,100] [--no-node]
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as ort from 'onnxruntime-node';
import { BatchPrefetcher } from '../offchain-workers/datasets/batch-prefetch.ts';
import { type Batch, createBatchSource } from '../offchain-workers/datasets/batches.ts';
import { seedFromString } from '../offchain-workers/datasets/prng.ts';
import type { TensorDataset } from '../offchain-workers/datasets/tds.ts';
import type { Architecture } from '../offchain-workers/training/manifest.ts';
import { createModelPackage } from '../offchain-workers/training/model-package.ts';
import { DEFAULT_OPTIMIZERS, type OptimizerSpec } from '../offchain-workers/training/optimizers.ts';
import { createTrainingSession } from '../offchain-workers/training/session.ts';
import { stateTensors, updatedName } from '../offchain-workers/training/signature.ts';
import { StateHasher } from '../offchain-workers/training/state-hash.ts';
import { runTrainerLoop, type TrainerLoopParameters } from '../offchain-workers/training/trainer-loop.ts';
import { CheckpointUploader } from '../offchain-workers/trainer/checkpoint-uploader.ts';
import { type ResumeRecord, saveResume, stateToBytes } from '../offchain-workers/trainer/resume.ts';
import { RESUME_SAVE_INTERVAL_MS } from '../offchain-workers/trainer/run-job.ts';
import { computeCid } from '../storage/blobs/cid.ts';
import { BlobClient } from '../storage/blobs/client.ts';

/** One benchmarked model. */
export interface TrainingBenchCase {
  name: string;
  architecture: Architecture;
  optimizer: OptimizerSpec;
  batchSize: number;
  steps: number;
}

const VARIANTS = ['bare', 'trainer', 'singleThread', 'loopOnly', 'noCommit', 'worker', 'oldWorker'] as const;
type Variant = (typeof VARIANTS)[number];

/** Per variant: median steps/s, median paired time ratio to `bare`, training-thread CPU µs per step. */
export interface TrainingBenchResult {
  name: string;
  k: number;
  stepsPerSecond: Record<Variant, number>;
  /** Median over rounds of (variant time / bare time of the same round) - 1. */
  overVsBare: Record<Variant, number>;
  /** The figure: median over rounds of (loop-only time / no-commit time of the same round) - 1. */
  commitmentOverhead: number;
  cpuMicrosPerStep: Record<Variant, number>;
  /** One inline commitment (state copy + blake2b-256), ms. */
  hashMs: number;
  stateBytes: number;
}

/** CPU time (user + system) of the main JS thread in µs, or NaN off Linux; 10 ms ticks. */
function mainThreadCpuMicros(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return NaN;
  }
}

/** An MNIST-shaped uint8 dataset (28×28, 10 classes), so batch assembly includes the v/255 conversion. */
function mnistLike(count: number): TensorDataset {
  const features = new Uint8Array(count * 784);
  const pattern = seedFromString('bench-data');
  for (let i = 0; i < features.length; i++) features[i] = (pattern[i % 32]! * ((i % 784) + 1) + Math.floor(i / 784)) & 0xff;
  return { count, featureShape: [28, 28], features, labels: Uint8Array.from({ length: count }, (_, i) => i % 10), classes: 10 };
}

type OnSegment = NonNullable<TrainerLoopParameters['onSegment']>;

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** The worker's checkpoint path (run-job.ts): upload from a worker thread, then a resume file without the state. */
function checkpointSink(uploader: CheckpointUploader, dir: string, lastStep: number): OnSegment {
  const record: ResumeRecord = { jobId: 0, seed: '0x', nextStep: 0, segments: [] };
  let lastSave = 0;
  return async (seg, state) => {
    const checkpointCid = await uploader.put(state);
    record.segments.push({ index: seg.index, endStep: seg.endStep, stateHash: '0x', meanLoss: seg.meanLoss, checkpointCid });
    record.nextStep = seg.endStep;
    if (Date.now() - lastSave >= RESUME_SAVE_INTERVAL_MS || seg.endStep === lastStep) {
      await saveResume(dir, record);
      lastSave = Date.now();
    }
  };
}

/** The path before: a scratch file per upload (hashed twice), the state as base64 in the resume file. */
function oldCheckpointSink(rpc: string, dir: string): OnSegment {
  const client = BlobClient.fromRpcUrl(rpc);
  const record: ResumeRecord = { jobId: 1, seed: '0x', nextStep: 0, state: '', segments: [] };
  return async (seg, state) => {
    const bytes = stateToBytes(state);
    const scratch = await mkdtemp(join(tmpdir(), 'bench-put-'));
    await writeFile(join(scratch, 'blob'), bytes);
    const [stored] = await Promise.all([client.add(join(scratch, 'blob')), computeCid(bytes)]);
    await rm(scratch, { recursive: true, force: true });
    record.segments.push({ index: seg.index, endStep: seg.endStep, stateHash: '0x', meanLoss: seg.meanLoss, checkpointCid: stored.cid });
    record.nextStep = seg.endStep;
    record.state = Buffer.from(bytes).toString('base64');
    await saveResume(dir, record);
  };
}

/** Starts `trainchain --dev --tmp --manual-seal` on a free port for the worker variants' blob store. */
async function startNode(): Promise<{ rpc: string; stop: () => void }> {
  const bin = fileURLToPath(new URL('../bin/trainchain.js', import.meta.url));
  const child = spawn(process.execPath, [bin, '--dev', '--tmp', '--manual-seal', '--rpc-port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const port = await new Promise<number>((resolve, reject) => {
    const onData = (d: Buffer) => {
      log += d.toString();
      const m = /RPC server listening .*"port":(\d+)/.exec(log);
      if (m) resolve(Number(m[1]));
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the node exited with ${code}:\n${log}`)));
  });
  return { rpc: `ws://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

/** Runs `rounds` alternating rounds of every variant for one case at segment length `k` (worker variants with `rpc`). */
export async function benchTrainingCase(c: TrainingBenchCase, k: number, rounds: number, rpc?: string): Promise<TrainingBenchResult> {
  const pkg = await createModelPackage({ architecture: c.architecture, optimizer: c.optimizer, batchSize: c.batchSize, learningRate: 0.001, seed: seedFromString('bench') });
  const { session } = await createTrainingSession(pkg.trainStep);
  const sig = pkg.signature;
  const specs = stateTensors(sig);
  const dataset = mnistLike(4096);
  const seed = seedFromString('bench-job');
  const source = createBatchSource(dataset, seed, c.batchSize);
  const prefetcher = await BatchPrefetcher.start(dataset, seed, c.batchSize);
  // The ceiling gets its batches ready-made: only session.run and feeding outputs back are timed.
  const prebuilt = Array.from({ length: c.steps }, (_, s) => source.batch(s));
  const xs = prebuilt.map((b) => new ort.Tensor('float32', b.x, [...sig.x.shape]));
  const ys = prebuilt.map((b) => new ort.Tensor('int64', b.y, [sig.batchSize]));
  const lr = new ort.Tensor('float32', Float32Array.of(0.001), []);

  const train = (batches: (step: number) => Batch | Promise<Batch>, hashing: 'background' | 'inline', onSegment?: OnSegment, segmentLength = k) => async (): Promise<void> => {
    await runTrainerLoop({ session, signature: sig, state: pkg.initState, batches, steps: c.steps, segmentLength, learningRate: 0.001, hashing, onSegment });
  };
  const resumeDir = await mkdtemp(join(tmpdir(), 'bench-resume-'));
  const uploader = rpc === undefined ? undefined : await CheckpointUploader.start(rpc);
  const skip = async (): Promise<void> => undefined;
  const runs: Record<Variant, () => Promise<void>> = {
    async bare() {
      const feeds: Record<string, ort.Tensor> = { lr };
      specs.forEach((t, i) => (feeds[t.name] = new ort.Tensor('float32', pkg.initState[i]!, [...t.shape])));
      for (let s = 0; s < c.steps; s++) {
        feeds.x = xs[s]!;
        feeds.y = ys[s]!;
        const out = await session.run(feeds);
        for (const t of specs) feeds[t.name] = out[updatedName(t.name)]!;
      }
    },
    trainer: train(prefetcher.batch, 'background'),
    singleThread: train(source.batch, 'inline'),
    loopOnly: train((s) => prebuilt[s]!, 'background'),
    noCommit: train((s) => prebuilt[s]!, 'background', undefined, c.steps),
    worker: uploader === undefined ? skip : train(prefetcher.batch, 'background', checkpointSink(uploader, resumeDir, c.steps)),
    oldWorker: rpc === undefined ? skip : train(prefetcher.batch, 'background', oldCheckpointSink(rpc, resumeDir)),
  };

  for (const v of VARIANTS) await runs[v](); // warm-up: allocations, JIT, the workers' start
  const ms = Object.fromEntries(VARIANTS.map((v) => [v, [] as number[]])) as Record<Variant, number[]>;
  const cpu = Object.fromEntries(VARIANTS.map((v) => [v, 0])) as Record<Variant, number>;
  for (let r = 0; r < rounds; r++) {
    for (const v of VARIANTS) {
      const cpu0 = mainThreadCpuMicros();
      const t0 = performance.now();
      await runs[v]();
      ms[v].push(performance.now() - t0);
      cpu[v] += mainThreadCpuMicros() - cpu0;
    }
  }
  await prefetcher.close();
  await uploader?.close();
  await rm(resumeDir, { recursive: true, force: true });

  const hasher = new StateHasher();
  const t0 = performance.now();
  for (let i = 0; i < 20; i++) hasher.hash(pkg.initState);
  const hashMs = (performance.now() - t0) / 20;
  return {
    name: c.name,
    k,
    stepsPerSecond: Object.fromEntries(VARIANTS.map((v) => [v, (c.steps * 1000) / median(ms[v])])) as Record<Variant, number>,
    overVsBare: Object.fromEntries(VARIANTS.map((v) => [v, median(ms[v].map((t, r) => t / ms.bare[r]!)) - 1])) as Record<Variant, number>,
    commitmentOverhead: median(ms.loopOnly.map((t, r) => t / ms.noCommit[r]!)) - 1,
    cpuMicrosPerStep: Object.fromEntries(VARIANTS.map((v) => [v, cpu[v] / (rounds * c.steps)])) as Record<Variant, number>,
    hashMs,
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
  const { values } = parseArgs({ options: { rounds: { type: 'string', default: '9' }, k: { type: 'string', default: '20' }, 'no-node': { type: 'boolean', default: false } } });
  const node = values['no-node'] ? undefined : await startNode();
  const rounds = Number(values.rounds);
  const ks = values.k.split(',').map(Number);
  const loadAtStart = loadavg()[0]!;
  const row = (cells: (string | number)[]): string => cells.map((v, i) => (i === 0 ? String(v).padEnd(36) : String(v).padStart(i === 1 ? 4 : 10))).join(' ');
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  const shown = VARIANTS.filter((v) => v !== 'bare' && (node !== undefined || (v !== 'worker' && v !== 'oldWorker')));
  const names: Record<Variant, string> = { bare: 'bare', trainer: 'trainer', singleThread: '1-thread', loopOnly: 'loop-only', noCommit: 'no-commit', worker: 'worker', oldWorker: 'old worker' };
  const header = row(['model', 'k', 'bare', ...shown.flatMap((v) => [names[v], 'overhead'])]);
  console.log(`onnxruntime-node CPU, 1 intra-op thread, sequential; ${rounds} alternating rounds; uint8 28x28 data`);
  console.log(`\nsteps/s, median round; overhead = median over rounds of (time / bare time of the same round) - 1`);
  console.log(header);
  const results: TrainingBenchResult[] = [];
  for (const c of TRAINING_BENCH_CASES) {
    for (const k of ks) {
      const r = await benchTrainingCase(c, k, rounds, node?.rpc);
      results.push(r);
      console.log(row([r.name, k, r.stepsPerSecond.bare.toFixed(0), ...shown.flatMap((v) => [r.stepsPerSecond[v].toFixed(0), pct(r.overVsBare[v])])]));
    }
  }
  console.log(`\ntraining-thread CPU µs per step, all rounds (overhead vs bare)`);
  console.log(header);
  for (const r of results) {
    const u = r.cpuMicrosPerStep;
    console.log(row([r.name, r.k, u.bare.toFixed(0), ...shown.flatMap((v) => [u[v].toFixed(0), pct(u[v] / u.bare - 1)])]));
  }
  console.log(`\ncommitment overhead (state hash every k steps, off-thread; checkpoints not included): loop-only vs no-commit, same batches`);
  console.log(row(['model', 'k', 'wall', 'CPU', 'hash ms', 'state', 'target']));
  for (const r of results) {
    const u = r.cpuMicrosPerStep;
    const cpu = u.loopOnly / u.noCommit - 1;
    const verdict = r.k !== 20 ? '-' : Math.max(r.commitmentOverhead, cpu) <= 0.05 ? '≤ 5% ✓' : '> 5% ✗';
    console.log(row([r.name, r.k, pct(r.commitmentOverhead), pct(cpu), r.hashMs.toFixed(2), `${(r.stateBytes / 1024).toFixed(0)} KiB`, verdict]));
  }
  node?.stop();
  console.log(`\n(${availableParallelism()} cores; 1-min load average ${loadAtStart.toFixed(1)} at start, ${loadavg()[0]!.toFixed(1)} at end)`);
  console.log(JSON.stringify(results));
}
