import { describe, expect, it } from 'vitest';
import { BatchPrefetcher } from '../datasets/batch-prefetch.ts';
import { createBatchSource } from '../datasets/batches.ts';
import { seedFromString } from '../datasets/prng.ts';
import { gaussianBlobs } from '../datasets/synthetic.ts';
import { TrainingGraphError } from './errors.ts';
import { createModelPackage } from './model-package.ts';
import { DEFAULT_OPTIMIZERS } from './optimizers.ts';
import { createTrainingSession } from './session.ts';
import { StateHasher } from './state-hash.ts';
import { type SegmentCommitment, runTrainerLoop } from './trainer-loop.ts';

const pkg = await createModelPackage({
  architecture: { kind: 'mlp', layers: [10, 16, 3] },
  optimizer: DEFAULT_OPTIMIZERS.adam,
  batchSize: 16,
  learningRate: 0.01,
  seed: seedFromString('loop'),
});
const { session } = await createTrainingSession(pkg.trainStep);
const data = gaussianBlobs({ count: 256, featureShape: [10], classes: 3, seed: seedFromString('loop-data') });
const source = createBatchSource(data, seedFromString('loop-order'), 16);
const base = { session, signature: pkg.signature, batches: source.batch, segmentLength: 20, learningRate: 0.01 };
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('runTrainerLoop', () => {
  it('commits one hash per k steps (the last segment shorter) and a verifier replaying a segment gets the same hash', async () => {
    const checkpoints: Float32Array[][] = [];
    const run = await runTrainerLoop({ ...base, state: pkg.initState, steps: 50, onSegment: (_s, state) => void checkpoints.push(state.map((t) => t.slice())) });
    expect(run.segments.map((s: SegmentCommitment) => [s.index, s.firstStep, s.endStep])).toEqual([[0, 0, 20], [1, 20, 40], [2, 40, 50]]);
    expect(hex(run.segments[2]!.stateHash)).toBe(hex(new StateHasher().hash(run.state)));
    expect(run.state.at(-1)![0]).toBe(50); // Adam's step counter lives in the state

    const replay = await runTrainerLoop({ ...base, state: checkpoints[0]!, startStep: 20, steps: 20 });
    expect(replay.segments).toHaveLength(1);
    expect(replay.segments[0]!.index).toBe(1);
    expect(hex(replay.segments[0]!.stateHash)).toBe(hex(run.segments[1]!.stateHash));
    expect(replay.segments[0]!.meanLoss).toBe(run.segments[1]!.meanLoss);
  });

  it('hashes on a worker thread (default) and inline with the same results', async () => {
    const [background, inline] = await Promise.all([
      runTrainerLoop({ ...base, state: pkg.initState, steps: 45 }),
      runTrainerLoop({ ...base, state: pkg.initState, steps: 45, hashing: 'inline' }),
    ]);
    expect(background.segments.map((s) => hex(s.stateHash))).toEqual(inline.segments.map((s) => hex(s.stateHash)));
    expect(background.state).toEqual(inline.state);
  });

  it('gives the same commitments with batches prefetched on a worker thread', async () => {
    const prefetcher = await BatchPrefetcher.start(data, seedFromString('loop-order'), 16);
    try {
      const [prefetched, direct] = await Promise.all([
        runTrainerLoop({ ...base, state: pkg.initState, steps: 40, batches: prefetcher.batch }),
        runTrainerLoop({ ...base, state: pkg.initState, steps: 40 }),
      ]);
      expect(prefetched.segments).toEqual(direct.segments);
    } finally {
      await prefetcher.close();
    }
  });

  it('keeps each segment’s state intact until its onSegment call settles, though snapshot buffers are reused', async () => {
    const seen: string[] = [];
    const run = await runTrainerLoop({
      ...base,
      state: pkg.initState,
      steps: 100,
      onSegment: async (_s, state) => {
        // Later segments train meanwhile; a recycled buffer would change under this call.
        await new Promise((resolve) => setTimeout(resolve, 5));
        seen.push(hex(new StateHasher().hash(state)));
      },
    });
    expect(seen).toEqual(run.segments.map((s) => hex(s.stateHash)));
  });

  it('leaves the caller’s initial state untouched', async () => {
    const before = hex(new StateHasher().hash(pkg.initState));
    await runTrainerLoop({ ...base, state: pkg.initState, steps: 3 });
    expect(hex(new StateHasher().hash(pkg.initState))).toBe(before);
  });

  it('stops with NonFiniteLoss when the data holds NaN', async () => {
    const poisoned = (step: number) => {
      const b = source.batch(step);
      if (step === 7) b.x[3] = NaN;
      return b;
    };
    const run = runTrainerLoop({ ...base, state: pkg.initState, steps: 20, batches: poisoned });
    await expect(run).rejects.toThrow(TrainingGraphError);
    await expect(run).rejects.toMatchObject({ code: 'NonFiniteLoss', details: { step: 7 } });
  });

  it('stops with NonFiniteLoss when training diverges', async () => {
    await expect(runTrainerLoop({ ...base, state: pkg.initState, steps: 200, learningRate: 1e30 })).rejects.toMatchObject({ code: 'NonFiniteLoss' });
  });

  it('rejects batches and state of the wrong size', async () => {
    const short = (step: number) => ({ ...source.batch(step), x: new Float32Array(5) });
    await expect(runTrainerLoop({ ...base, state: pkg.initState, steps: 1, batches: short })).rejects.toMatchObject({ code: 'ShapeMismatch' });
    await expect(runTrainerLoop({ ...base, state: pkg.initState.slice(1), steps: 1 })).rejects.toMatchObject({ code: 'ShapeMismatch' });
  });
});
