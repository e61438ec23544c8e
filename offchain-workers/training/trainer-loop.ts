/**
 * The training loop of a worker (and of a verifier re-executing a segment): runs the train-step graph step by
 * step, feeds each step's new weights and optimizer state into the next, and every `segmentLength` steps
 * commits the blake2b-256 hash of the full state (the PoL checkpoint of ARCHITECTURE decision 7) together with
 * the segment's mean loss. A NaN or infinite loss stops the run with a typed error instead of training on.
 */
import * as ort from 'onnxruntime-node';
import type { Batch } from '../datasets/batches.ts';
import { TrainingGraphError } from './errors.ts';
import { elementCount, IO_NAMES, stateTensors, type TrainStepSignature, updatedName } from './signature.ts';
import { BackgroundHasher, SnapshotPool } from './background-hasher.ts';
import { hashReady, StateHasher } from './state-hash.ts';

/** The commitment for one segment of steps `[firstStep, endStep)`. */
export interface SegmentCommitment {
  /** `floor(firstStep / segmentLength)`: segments are aligned to global multiples of k. */
  index: number;
  firstStep: number;
  endStep: number;
  /** blake2b-256 of the state after `endStep - 1` (see state-hash.ts). */
  stateHash: Uint8Array;
  /** Mean of the per-step losses in the segment. */
  meanLoss: number;
}

/** Inputs of {@link runTrainerLoop}. */
export interface TrainerLoopParameters {
  session: ort.InferenceSession;
  signature: TrainStepSignature;
  /** Weights then optimizer state, in signature order; not modified. */
  state: readonly Float32Array[];
  /**
   * The batch of a global step (datasets/batches.ts, or datasets/batch-prefetch.ts for a promise of one). The
   * loop asks for step s+1 before it runs step s, so a prefetching source works while onnxruntime does.
   */
  batches: (step: number) => Batch | Promise<Batch>;
  /** Global index of the first step; a verifier replaying segment j starts at `j · segmentLength`. Default 0. */
  startStep?: number;
  steps: number;
  /** k: steps between state commitments; the last segment may be shorter. */
  segmentLength: number;
  /** A constant, or a schedule by global step. */
  learningRate: number | ((step: number) => number);
  /**
   * Called for each segment, in order, with its commitment and the state after it (e.g. to store a checkpoint).
   * The state stays unchanged until the returned promise settles; after that the loop may reuse its memory for
   * a later snapshot, so copy what must outlive the call. With background hashing it runs while later segments
   * train; the loop settles after the last call.
   */
  onSegment?: (segment: SegmentCommitment, state: readonly Float32Array[]) => void | Promise<void>;
  /**
   * `background` (default): hash on a worker thread while training continues, at the cost of one state copy per
   * segment (into reused shared buffers). `inline`: hash on this thread. Both give the same hashes.
   */
  hashing?: 'background' | 'inline';
}

/** The final state (weights, then optimizer state) and every segment's commitment. */
export interface TrainerLoopReturnType {
  state: Float32Array[];
  segments: SegmentCommitment[];
}

const scalar = (v: number): ort.Tensor => new ort.Tensor('float32', Float32Array.of(v), []);

function float32Data(tensor: ort.Tensor | undefined, name: string): Float32Array {
  if (tensor === undefined || !(tensor.data instanceof Float32Array)) throw new TrainingGraphError('WrongSignature', `graph output ${name} is missing or not float32`);
  return tensor.data;
}

/**
 * Runs `steps` train steps from `startStep`.
 *
 * @example
 * const { segments, state } = await runTrainerLoop({ session, signature, state: init, batches: source.batch,
 *   steps: 200, segmentLength: 20, learningRate: 0.001 });
 */
export async function runTrainerLoop(p: TrainerLoopParameters): Promise<TrainerLoopReturnType> {
  const { session, signature, steps, segmentLength } = p;
  const startStep = p.startStep ?? 0;
  if (!Number.isInteger(steps) || steps < 0 || !Number.isInteger(segmentLength) || segmentLength < 1) {
    throw new RangeError(`steps (${steps}) must be a non-negative integer and segmentLength (${segmentLength}) positive`);
  }
  const specs = stateTensors(signature);
  if (p.state.length !== specs.length || specs.some((s, i) => p.state[i]!.length !== elementCount(s.shape))) {
    throw new TrainingGraphError('ShapeMismatch', `initial state does not match the signature's ${specs.length} weight and state tensors`);
  }
  await hashReady();
  const background = (p.hashing ?? 'background') === 'background' ? await BackgroundHasher.shared() : undefined;
  const pool = new SnapshotPool();
  const inline = new StateHasher();
  const xShape = [...signature.x.shape];
  const yShape = [signature.batchSize];
  const xSize = elementCount(xShape);
  // Names resolved once: the step loop below runs thousands of times a second for small models.
  const inputNames = specs.map((s) => s.name);
  const outputNames = specs.map((s) => updatedName(s.name));
  const feeds: Record<string, ort.Tensor> = {};
  specs.forEach((s, i) => (feeds[s.name] = new ort.Tensor('float32', p.state[i]!, [...s.shape])));
  const schedule = typeof p.learningRate === 'number' ? undefined : p.learningRate;
  if (schedule === undefined) feeds[IO_NAMES.learningRate] = scalar(p.learningRate as number);
  let current: readonly Float32Array[] = p.state;
  const segments: Promise<SegmentCommitment>[] = [];
  let reported: Promise<void> = Promise.resolve();
  let segmentStart = startStep;
  let lossSum = 0;

  const end = startStep + steps;
  let upcoming = steps > 0 ? p.batches(startStep) : undefined;
  for (let step = startStep; step < end; step++) {
    // A ready batch is used as is: awaiting a non-promise still costs a microtask turn per step.
    const batch = upcoming instanceof Promise ? await upcoming : upcoming!;
    if (step + 1 < end) {
      upcoming = p.batches(step + 1);
      // Handled here so that an error ending the loop first does not leave it unobserved.
      if (upcoming instanceof Promise) upcoming.catch(() => undefined);
    }
    if (batch.x.length !== xSize || batch.y.length !== signature.batchSize) {
      throw new TrainingGraphError('ShapeMismatch', `step ${step}: batch has ${batch.x.length} features / ${batch.y.length} labels, graph expects [${xShape}] / [${signature.batchSize}]`);
    }
    feeds[IO_NAMES.features] = new ort.Tensor('float32', batch.x, xShape);
    feeds[IO_NAMES.labels] = new ort.Tensor('int64', batch.y, yShape);
    if (schedule !== undefined) feeds[IO_NAMES.learningRate] = scalar(schedule(step));
    const out = await session.run(feeds);
    const loss = float32Data(out[IO_NAMES.loss], IO_NAMES.loss)[0]!;
    if (!Number.isFinite(loss)) {
      throw new TrainingGraphError('NonFiniteLoss', `loss is ${loss} at step ${step}: training diverged (lower the learning rate) or the data holds NaN`, { step });
    }
    lossSum += loss;
    for (let i = 0; i < inputNames.length; i++) feeds[inputNames[i]!] = out[outputNames[i]!]!;

    // Segments end at global multiples of k, so a replay from any segment start sees the same boundaries.
    if ((step + 1) % segmentLength === 0 || step === end - 1) {
      const done = step + 1 - segmentStart;
      const outputs = inputNames.map((name, i) => float32Data(feeds[name], outputNames[i]!));
      const base = { index: Math.floor(segmentStart / segmentLength), firstStep: segmentStart, endStep: step + 1, meanLoss: lossSum / done };
      // ORT returns fresh output arrays every step and never writes to them again, so the inline path needs no copy.
      const snapshot = background?.snapshot(outputs, pool) ?? { state: outputs, buffer: undefined, hash: Promise.resolve(inline.hash(outputs)) };
      const segment = snapshot.hash.then((stateHash): SegmentCommitment => ({ ...base, stateHash }));
      segments.push(segment);
      const onSegment = p.onSegment;
      let settled: Promise<unknown> = segment;
      if (onSegment !== undefined) {
        reported = reported.then(async () => onSegment(await segment, snapshot.state));
        // Marked as handled here; a failure still surfaces when the loop awaits it, unless an earlier error did.
        reported.catch(() => undefined);
        settled = reported;
      }
      // The snapshot's buffer serves a later segment once the hash and onSegment are done with it.
      const { buffer } = snapshot;
      if (buffer !== undefined) settled.then(() => pool.release(buffer), () => undefined);
      current = snapshot.state;
      segmentStart = step + 1;
      lossSum = 0;
    }
  }
  await reported;
  return { state: current.map((t) => t.slice()), segments: await Promise.all(segments) };
}
