/**
 * Helpers shared by the training tests: run one train step on explicit tensors and read every output back,
 * and recover gradients from a plain-SGD graph (lr = 1 gives w − w.new = ∇w).
 */
import * as ort from 'onnxruntime-node';
import type { Batch } from '../datasets/batches.ts';
import { DEFAULT_OPTIMIZERS, type OptimizerSpec } from './optimizers.ts';
import { createTrainingSession } from './session.ts';
import { stateTensors, type TrainStepSignature, updatedName } from './signature.ts';
import { buildTrainingGraphs, type Network } from './train-graph.ts';

/** One step's outputs: every updated tensor by input name, and the loss. */
export interface StepResult {
  next: Record<string, Float32Array>;
  loss: number;
}

/** Runs one step of `session` with `state` (weights then optimizer state) on `batch` at learning rate `lr`. */
export async function runStep(session: ort.InferenceSession, sig: TrainStepSignature, state: readonly Float32Array[], batch: Batch, lr: number): Promise<StepResult> {
  const feeds: Record<string, ort.Tensor> = {
    x: new ort.Tensor('float32', batch.x, [...sig.x.shape]),
    y: new ort.Tensor('int64', batch.y, [sig.batchSize]),
    lr: new ort.Tensor('float32', Float32Array.of(lr), []),
  };
  stateTensors(sig).forEach((t, i) => (feeds[t.name] = new ort.Tensor('float32', state[i]!, [...t.shape])));
  const out = await session.run(feeds);
  const next = Object.fromEntries(stateTensors(sig).map((t) => [t.name, out[updatedName(t.name)]!.data as Float32Array]));
  return { next, loss: (out.loss!.data as Float32Array)[0]! };
}

/** A plain-SGD (no momentum) session for `net`, used to read gradients and losses. */
export async function gradientProbe(net: Network, batchSize: number): Promise<{
  signature: TrainStepSignature;
  gradients: (weights: readonly Float32Array[], batch: Batch) => Promise<Record<string, Float64Array>>;
  loss: (weights: readonly Float32Array[], batch: Batch) => Promise<number>;
}> {
  const graphs = buildTrainingGraphs(net, batchSize, { ...DEFAULT_OPTIMIZERS.sgd, momentum: 0 } satisfies OptimizerSpec);
  const { session } = await createTrainingSession(graphs.trainStep);
  const sig = graphs.signature;
  return {
    signature: sig,
    async gradients(weights, batch) {
      const { next } = await runStep(session, sig, weights, batch, 1);
      return Object.fromEntries(sig.weights.map((w, i) => [w.name, Float64Array.from(weights[i]!, (v, j) => v - next[w.name]![j]!)]));
    },
    async loss(weights, batch) {
      return (await runStep(session, sig, weights, batch, 0)).loss;
    },
  };
}
