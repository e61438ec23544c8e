/**
 * The train-step signature every graph we run must follow (ARCHITECTURE decision 6), and the names it uses.
 *
 *   inputs : weights…, state…, x [B, …features], y int64 [B] (class indices), lr float32 []
 *   outputs: weights….new, state….new, loss float32 []
 *
 * State tensors (optimizer moments, Adam's step count) carry the `opt.` prefix so that a loader can tell them
 * from weights without a side file; every weight and state tensor is float32 with a fully static shape.
 */

/** Element types a graph input or output may have (onnxruntime-node's names). */
export type TensorDtype = 'float32' | 'int64';

/** One named graph input/output with a static shape. */
export interface TensorSpec {
  name: string;
  dtype: TensorDtype;
  shape: readonly number[];
}

/** What a train-step graph takes and returns, in order: everything the trainer needs to feed it. */
export interface TrainStepSignature {
  /** Trainable parameters, in graph order; `weights[i]` is updated into `${name}.new`. */
  weights: TensorSpec[];
  /** Optimizer state (`opt.*`), in graph order, after the weights. */
  state: TensorSpec[];
  /** The feature batch, `[batchSize, …featureShape]`, float32. */
  x: TensorSpec;
  /** The labels, int64 `[batchSize]`, each in `[0, classes)`. */
  y: TensorSpec;
  /** Examples per step (the first dimension of `x` and `y`). */
  batchSize: number;
}

/** Fixed names of the non-state graph inputs and outputs. */
export const IO_NAMES = { features: 'x', labels: 'y', learningRate: 'lr', loss: 'loss', logits: 'logits', probs: 'probs' } as const;

/** Prefix that marks an optimizer-state tensor. */
export const STATE_PREFIX = 'opt.';

/** The output name of an updated weight or state tensor. */
export function updatedName(name: string): string {
  return `${name}.new`;
}

/** Number of elements of a static shape (1 for a scalar). */
export function elementCount(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** All weight and state tensors in the order the graph (and the state hash) uses. */
export function stateTensors(sig: Pick<TrainStepSignature, 'weights' | 'state'>): TensorSpec[] {
  return [...sig.weights, ...sig.state];
}
