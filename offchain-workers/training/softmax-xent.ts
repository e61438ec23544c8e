/**
 * The classifier head as graph fragments: softmax cross-entropy written out as Max/Exp/ReduceSum/Log (never the
 * built-in Softmax/LogSoftmax, whose reduction order follows the CPU's vector width, so AVX-512 and AVX2 hosts
 * would disagree bit for bit), and its gradient with respect to the logits.
 */
import type { GraphBuilder } from './onnx-builder.ts';
import { IO_NAMES } from './signature.ts';

/** Names produced by {@link softmaxCrossEntropy}. */
export interface SoftmaxCrossEntropy {
  /** The mean loss over the batch, a float32 scalar named `loss`. */
  loss: string;
  /** dLoss/dLogits, `[B, C]`. */
  dLogits: string;
}

interface Softmax {
  /** logits minus the row maximum */
  shifted: string;
  /** exp(shifted) */
  exps: string;
  /** row sums of exps, `[B, 1]` */
  sums: string;
}

function softmaxParts(g: GraphBuilder, logits: string): Softmax {
  // Subtracting the row max keeps Exp from overflowing; it cancels out of both softmax and log-softmax.
  const shifted = g.op('Sub', [logits, g.op('ReduceMax', [logits], { axes: [1], keepdims: 1 })]);
  const exps = g.op('Exp', [shifted]);
  const sums = g.op('ReduceSum', [exps, g.constInts([1])], { keepdims: 1 });
  return { shifted, exps, sums };
}

/** Emits class probabilities (rows sum to 1) from `[N, C]` logits, as output `name`. */
export function softmaxProbabilities(g: GraphBuilder, logits: string, name: string = IO_NAMES.probs): string {
  const { exps, sums } = softmaxParts(g, logits);
  return g.op('Div', [exps, sums], {}, name);
}

/**
 * Emits the mean cross-entropy of `[B, C]` logits against int64 labels `[B]`, and its gradient
 * `(softmax(logits) - onehot(labels)) / B`.
 */
export function softmaxCrossEntropy(g: GraphBuilder, logits: string, labels: string, classes: number, batch: number): SoftmaxCrossEntropy {
  const { shifted, exps, sums } = softmaxParts(g, logits);
  const logProbs = g.op('Sub', [shifted, g.op('Log', [sums])]);
  const oneHot = g.op('OneHot', [labels, g.constInts([classes]), g.constFloats([0, 1])], { axis: -1 });
  const rowLogLikelihood = g.op('ReduceSum', [g.op('Mul', [oneHot, logProbs]), g.constInts([1])], { keepdims: 0 });
  const loss = g.op('Neg', [g.op('ReduceMean', [rowLogLikelihood], { axes: [0], keepdims: 0 })], {}, IO_NAMES.loss);
  const probs = g.op('Div', [exps, sums]);
  const dLogits = g.op('Mul', [g.op('Sub', [probs, oneHot]), g.constFloat(1 / batch)]);
  return { loss, dLogits };
}
