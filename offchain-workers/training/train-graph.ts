/**
 * Turns a network (forward pass plus hand-written backward pass) into the two graphs a model package holds:
 * the train step (weights, state, x, y, lr → weights.new, state.new, loss) and inference (weights, x → logits,
 * probs). Weights are graph inputs in both, never initializers: onnxruntime then cannot constant-fold or
 * re-layout them (it does for Conv at optimisation level `all`), and one graph serves every checkpoint.
 */
import { GraphBuilder } from './onnx-builder.ts';
import { emitOptimizerStep, type OptimizerSpec, optimizerState } from './optimizers.ts';
import { IO_NAMES, type TensorSpec, type TrainStepSignature, updatedName } from './signature.ts';
import { softmaxCrossEntropy, softmaxProbabilities } from './softmax-xent.ts';

/** A trainable weight and how it is initialised: He-uniform over `fanIn`, or zeros when `fanIn` is 0. */
export interface WeightSpec extends TensorSpec {
  fanIn: number;
}

/** What the forward pass leaves behind: the logits and a closure that emits the backward pass. */
export interface ForwardPass {
  /** `[B, classes]` logits. */
  logits: string;
  /** Emits the gradients of every weight given dLoss/dLogits; `batch` is the static batch size. */
  backward(dLogits: string, batch: number): Record<string, string>;
}

/** A classifier network as graph fragments. */
export interface Network {
  /** Graph name, e.g. `mlp` or `cnn`. */
  name: string;
  /** Shape of one example, e.g. `[784]` or `[1, 28, 28]`. */
  featureShape: readonly number[];
  classes: number;
  weights: readonly WeightSpec[];
  /** Emits the forward pass from the feature tensor `x`. */
  forward(g: GraphBuilder, x: string): ForwardPass;
}

/** Both serialized graphs and the train-step signature they follow. */
export interface TrainingGraphs {
  trainStep: Uint8Array;
  inference: Uint8Array;
  signature: TrainStepSignature;
}

const spec = (t: TensorSpec): TensorSpec => ({ name: t.name, dtype: t.dtype, shape: [...t.shape] });

/** Builds the train-step graph for a fixed `batchSize` and the dynamic-batch inference graph. */
export function buildTrainingGraphs(net: Network, batchSize: number, optimizer: OptimizerSpec): TrainingGraphs {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batch size must be a positive integer, got ${batchSize}`);
  const weights = net.weights.map(spec);
  const state = optimizerState(weights, optimizer);
  const x: TensorSpec = { name: IO_NAMES.features, dtype: 'float32', shape: [batchSize, ...net.featureShape] };
  const y: TensorSpec = { name: IO_NAMES.labels, dtype: 'int64', shape: [batchSize] };

  const train = new GraphBuilder(`${net.name}_train_step`);
  for (const t of [...weights, ...state, x, y]) train.input(t.name, t.dtype, t.shape);
  const lr = train.input(IO_NAMES.learningRate, 'float32', []);
  const forward = net.forward(train, x.name);
  const head = softmaxCrossEntropy(train, forward.logits, y.name, net.classes, batchSize);
  emitOptimizerStep(train, weights, forward.backward(head.dLogits, batchSize), lr, optimizer);
  for (const t of [...weights, ...state]) train.output(updatedName(t.name), t.dtype, t.shape);
  train.output(head.loss, 'float32', []);

  const infer = new GraphBuilder(`${net.name}_inference`);
  for (const t of weights) infer.input(t.name, t.dtype, t.shape);
  infer.input(x.name, 'float32', ['N', ...net.featureShape]);
  const logits = infer.op('Identity', [net.forward(infer, x.name).logits], {}, IO_NAMES.logits);
  softmaxProbabilities(infer, logits);
  infer.output(IO_NAMES.logits, 'float32', ['N', net.classes]);
  infer.output(IO_NAMES.probs, 'float32', ['N', net.classes]);

  return { trainStep: train.toBytes(), inference: infer.toBytes(), signature: { weights, state, x, y, batchSize } };
}
