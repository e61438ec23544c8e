/**
 * A multilayer perceptron classifier: Gemm + ReLU hidden layers, a Gemm output layer, backward pass by hand.
 *
 *   forward : z_l = a_l·W_l + b_l;  a_{l+1} = relu(z_l)
 *   backward: dW_l = a_lᵀ·dz_l;  db_l = Σ_batch dz_l;  dz_{l−1} = (dz_l·W_lᵀ) ⊙ [z_{l−1} > 0]
 */
import type { GraphBuilder } from './onnx-builder.ts';
import type { ForwardPass, Network, WeightSpec } from './train-graph.ts';

/** Layer widths from input to classes, e.g. `[784, 128, 10]`. */
export interface MlpSpec {
  layers: readonly number[];
}

/** The MLP's weights: `fc{l}.weight` `[in, out]` (He init over `in`), `fc{l}.bias` `[out]` (zeros). */
function mlpWeights(layers: readonly number[]): WeightSpec[] {
  return layers.slice(0, -1).flatMap((fanIn, l) => {
    const out = layers[l + 1]!;
    return [
      { name: `fc${l}.weight`, dtype: 'float32', shape: [fanIn, out], fanIn },
      { name: `fc${l}.bias`, dtype: 'float32', shape: [out], fanIn: 0 },
    ] satisfies WeightSpec[];
  });
}

/** An MLP as a {@link Network}; throws on fewer than two layers or non-positive widths. */
export function mlpNetwork({ layers }: MlpSpec): Network {
  if (layers.length < 2 || layers.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new RangeError(`MLP layers must be at least two positive integers (input,…,classes), got ${layers.join(',')}`);
  }
  const depth = layers.length - 1;
  return {
    name: 'mlp',
    featureShape: [layers[0]!],
    classes: layers[depth]!,
    weights: mlpWeights(layers),
    forward(g: GraphBuilder, x: string): ForwardPass {
      const inputs: string[] = [x];
      const pre: string[] = [];
      for (let l = 0; l < depth; l++) {
        const z = g.op('Gemm', [inputs[l]!, `fc${l}.weight`, `fc${l}.bias`]);
        pre.push(z);
        if (l < depth - 1) inputs.push(g.op('Relu', [z]));
      }
      return {
        logits: pre[depth - 1]!,
        backward(dLogits: string): Record<string, string> {
          const zero = g.constFloat(0);
          const grads: Record<string, string> = {};
          let dz = dLogits;
          for (let l = depth - 1; l >= 0; l--) {
            grads[`fc${l}.weight`] = g.op('Gemm', [inputs[l]!, dz], { transA: 1 });
            grads[`fc${l}.bias`] = g.op('ReduceSum', [dz, g.constInts([0])], { keepdims: 0 });
            if (l > 0) {
              const da = g.op('Gemm', [dz, `fc${l}.weight`], { transB: 1 });
              dz = g.op('Where', [g.op('Greater', [pre[l - 1]!, zero]), da, zero]);
            }
          }
          return grads;
        },
      };
    },
  };
}
