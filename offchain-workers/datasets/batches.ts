/**
 * Deterministic batch order: epoch e visits the examples in a Fisher–Yates permutation drawn from
 * `SeededStream(seed, "batches/epoch/<e>")`, in consecutive slices of `batchSize`; the incomplete tail of an
 * epoch is dropped so every step has the same shape. The seed comes from the chain, never from the worker,
 * and any step's batch can be rebuilt on its own, which is what a verifier re-executing one segment needs.
 *
 * uint8 features are fed to the graph as float32 `v / 255`; float32 features as they are.
 */
import { DatasetError } from './errors.ts';
import { SeededStream } from './prng.ts';
import type { TensorDataset } from './tds.ts';

/** One training step's inputs: features `[B, …]` and int64 labels `[B]`. */
export interface Batch {
  x: Float32Array;
  y: BigInt64Array;
}

/** Random access to the batches of a seeded run. */
export interface BatchSource {
  batchSize: number;
  stepsPerEpoch: number;
  /** Example indices of global step `step` (0-based, counting across epochs). */
  indices(step: number): Uint32Array;
  /** The batch of global step `step`. */
  batch(step: number): Batch;
}

/** The permutation of `[0, count)` that epoch `epoch` visits. */
export function epochOrder(seed: Uint8Array, epoch: number, count: number): Uint32Array {
  const order = Uint32Array.from({ length: count }, (_, i) => i);
  const stream = new SeededStream(seed, `batches/epoch/${epoch}`);
  for (let i = count - 1; i > 0; i--) {
    const j = stream.below(i + 1);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}

const UINT8_SCALE = Float32Array.from({ length: 256 }, (_, v) => v / 255);

// A separate monomorphic loop over plain locals: about 10x faster than indexing through the dataset's union type.
function scaleUint8(src: Uint8Array, from: number, n: number, dst: Float32Array, to: number): void {
  for (let j = 0; j < n; j++) dst[to + j] = UINT8_SCALE[src[from + j]!]!;
}

/** Batches of `ds` in the order that `seed` fixes; throws when the dataset has fewer than `batchSize` examples. */
export function createBatchSource(ds: TensorDataset, seed: Uint8Array, batchSize: number): BatchSource {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batch size must be a positive integer, got ${batchSize}`);
  const stepsPerEpoch = Math.floor(ds.count / batchSize);
  if (stepsPerEpoch === 0) throw new DatasetError('ShapeMismatch', `dataset has ${ds.count} examples, fewer than one batch of ${batchSize}`);
  const width = ds.featureShape.reduce((a, b) => a * b, 1);
  let cached: { epoch: number; order: Uint32Array } | undefined;

  const indices = (step: number): Uint32Array => {
    if (!Number.isInteger(step) || step < 0) throw new RangeError(`step must be a non-negative integer, got ${step}`);
    const epoch = Math.floor(step / stepsPerEpoch);
    // One epoch's permutation is kept: the trainer walks steps in order and a verifier replays one segment.
    if (cached?.epoch !== epoch) cached = { epoch, order: epochOrder(seed, epoch, ds.count) };
    const at = (step % stepsPerEpoch) * batchSize;
    return cached.order.subarray(at, at + batchSize);
  };

  const batch = (step: number): Batch => {
    const rows = indices(step);
    const x = new Float32Array(batchSize * width);
    const y = new BigInt64Array(batchSize);
    const { features, labels } = ds;
    for (let i = 0; i < batchSize; i++) {
      const from = rows[i]! * width;
      if (features instanceof Float32Array) x.set(features.subarray(from, from + width), i * width);
      else scaleUint8(features, from, width, x, i * width);
      y[i] = BigInt(labels[rows[i]!]!);
    }
    return { x, y };
  };

  return { batchSize, stepsPerEpoch, indices, batch };
}
