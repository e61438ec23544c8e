/**
 * Optimizers as graph fragments: given each weight's gradient, emit `${weight}.new` and the updated optimizer
 * state `${state}.new`. Hyperparameters other than the learning rate are baked into the graph as constants (the
 * manifest records them); the learning rate is a graph input so that a schedule needs no new graph.
 *
 *   SGD with momentum (PyTorch form): buf' = μ·buf + g;  w' = w − lr·buf'      (μ = 0: w' = w − lr·g, no state)
 *   Adam:  t' = t + 1;  m' = β1·m + (1−β1)·g;  v' = β2·v + (1−β2)·g²;
 *          w' = w − lr·√(1−β2^t')/(1−β1^t') · m' / (√v' + ε)
 */
import type { GraphBuilder } from './onnx-builder.ts';
import { STATE_PREFIX, type TensorSpec, updatedName } from './signature.ts';

/** Which optimizer, with its constant hyperparameters. */
export type OptimizerSpec =
  | { kind: 'sgd'; momentum: number }
  | { kind: 'adam'; beta1: number; beta2: number; epsilon: number };

/** Defaults: SGD momentum 0.9; Adam (0.9, 0.999, 1e-8), as in PyTorch. */
export const DEFAULT_OPTIMIZERS = {
  sgd: { kind: 'sgd', momentum: 0.9 },
  adam: { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
} as const satisfies Record<OptimizerSpec['kind'], OptimizerSpec>;

const ADAM_STEP: TensorSpec = { name: `${STATE_PREFIX}step`, dtype: 'float32', shape: [] };
const stateFor = (w: TensorSpec, moment: string): TensorSpec => ({ name: `${STATE_PREFIX}${w.name}.${moment}`, dtype: 'float32', shape: w.shape });

/** The optimizer-state tensors for `weights`, in graph order (all start at zero). */
export function optimizerState(weights: readonly TensorSpec[], spec: OptimizerSpec): TensorSpec[] {
  if (spec.kind === 'sgd') return spec.momentum === 0 ? [] : weights.map((w) => stateFor(w, 'momentum'));
  return [...weights.flatMap((w) => [stateFor(w, 'm'), stateFor(w, 'v')]), ADAM_STEP];
}

/** Emits one optimizer step: every weight gets `${name}.new`, every state tensor `${name}.new`. */
export function emitOptimizerStep(
  g: GraphBuilder,
  weights: readonly TensorSpec[],
  grads: Readonly<Record<string, string>>,
  lr: string,
  spec: OptimizerSpec,
): void {
  const gradOf = (w: TensorSpec): string => {
    const grad = grads[w.name];
    if (grad === undefined) throw new Error(`no gradient for weight ${w.name}`);
    return grad;
  };
  if (spec.kind === 'sgd') {
    for (const w of weights) {
      let direction = gradOf(w);
      if (spec.momentum !== 0) {
        const buf = stateFor(w, 'momentum').name;
        direction = g.op('Add', [g.op('Mul', [buf, g.constFloat(spec.momentum)]), direction], {}, updatedName(buf));
      }
      g.op('Sub', [w.name, g.op('Mul', [direction, lr])], {}, updatedName(w.name));
    }
    return;
  }
  const one = g.constFloat(1);
  const t = g.op('Add', [ADAM_STEP.name, one], {}, updatedName(ADAM_STEP.name));
  const b1 = g.constFloat(spec.beta1);
  const b2 = g.constFloat(spec.beta2);
  // Bias correction folded into one scalar step size, computed once per step rather than per tensor.
  const correction = g.op('Div', [g.op('Sqrt', [g.op('Sub', [one, g.op('Pow', [b2, t])])]), g.op('Sub', [one, g.op('Pow', [b1, t])])]);
  const stepSize = g.op('Mul', [lr, correction]);
  for (const w of weights) {
    const grad = gradOf(w);
    const m = stateFor(w, 'm').name;
    const v = stateFor(w, 'v').name;
    const mNew = g.op('Add', [g.op('Mul', [m, b1]), g.op('Mul', [grad, g.constFloat(1 - spec.beta1)])], {}, updatedName(m));
    const vNew = g.op('Add', [g.op('Mul', [v, b2]), g.op('Mul', [g.op('Mul', [grad, grad]), g.constFloat(1 - spec.beta2)])], {}, updatedName(v));
    const update = g.op('Div', [mNew, g.op('Add', [g.op('Sqrt', [vNew]), g.constFloat(spec.epsilon)])]);
    g.op('Sub', [w.name, g.op('Mul', [update, stepSize])], {}, updatedName(w.name));
  }
}
