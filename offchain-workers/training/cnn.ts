/**
 * A small convolutional classifier: valid (unpadded) Conv + ReLU layers, flatten, one Gemm to the classes.
 * Strided convolutions downsample instead of pooling, whose backward pass would need indices and scatters.
 *
 * Conv backward with standard operators only (per layer, stride s, input a, output gradient dz):
 *   dW = Transpose(Conv(aᵀ, dzᵀ, dilations = s))  with ᵀ swapping batch and channel axes; the result is sliced
 *        to the kernel size when the forward pass floored away trailing rows/columns
 *   da = ConvTranspose(dz, W, strides = s, output_padding = what the forward floor dropped)
 *   db = Σ dz over batch and space
 */
import type { GraphBuilder } from './onnx-builder.ts';
import type { ForwardPass, Network, WeightSpec } from './train-graph.ts';

/** One convolution layer: output channels, square kernel size, stride. */
export interface ConvLayerSpec {
  channels: number;
  kernel: number;
  stride: number;
}

/** Input `[C, H, W]`, the conv stack, and the number of classes. */
export interface CnnSpec {
  input: readonly [number, number, number];
  convs: readonly ConvLayerSpec[];
  classes: number;
}

/** The CIFAR/MNIST-sized default: conv5×5(→8) → conv5×5(→16, stride 2) → dense. */
export const DEFAULT_CONVS: readonly ConvLayerSpec[] = [
  { channels: 8, kernel: 5, stride: 1 },
  { channels: 16, kernel: 5, stride: 2 },
];

interface Layer extends ConvLayerSpec {
  inChannels: number;
  inSize: readonly [number, number];
  outSize: readonly [number, number];
}

function layerGeometry({ input, convs }: CnnSpec): Layer[] {
  let [c, h, w] = input;
  return convs.map((conv, l) => {
    const out = [Math.floor((h - conv.kernel) / conv.stride) + 1, Math.floor((w - conv.kernel) / conv.stride) + 1] as const;
    if (![conv.channels, conv.kernel, conv.stride].every((n) => Number.isInteger(n) && n >= 1) || out[0] < 1 || out[1] < 1) {
      throw new RangeError(`conv layer ${l} (${conv.channels}x${conv.kernel}s${conv.stride}) does not fit a ${h}x${w} input`);
    }
    const layer: Layer = { ...conv, inChannels: c, inSize: [h, w], outSize: out };
    [c, h, w] = [conv.channels, out[0], out[1]];
    return layer;
  });
}

/** A CNN as a {@link Network}; throws when a layer does not fit its input. */
export function cnnNetwork(spec: CnnSpec): Network {
  if (!spec.input.every((n) => Number.isInteger(n) && n >= 1) || spec.convs.length === 0 || !(spec.classes >= 1)) {
    throw new RangeError('CNN needs a positive [C,H,W] input, at least one conv layer and at least one class');
  }
  const layers = layerGeometry(spec);
  const last = layers[layers.length - 1]!;
  const flat = last.channels * last.outSize[0] * last.outSize[1];
  const weights: WeightSpec[] = layers.flatMap((l, i) => [
    { name: `conv${i}.weight`, dtype: 'float32', shape: [l.channels, l.inChannels, l.kernel, l.kernel], fanIn: l.inChannels * l.kernel * l.kernel },
    { name: `conv${i}.bias`, dtype: 'float32', shape: [l.channels], fanIn: 0 },
  ] satisfies WeightSpec[]);
  weights.push({ name: 'fc.weight', dtype: 'float32', shape: [flat, spec.classes], fanIn: flat }, { name: 'fc.bias', dtype: 'float32', shape: [spec.classes], fanIn: 0 });

  return {
    name: 'cnn',
    featureShape: spec.input,
    classes: spec.classes,
    weights,
    forward(g: GraphBuilder, x: string): ForwardPass {
      const inputs: string[] = [x];
      const pre: string[] = [];
      layers.forEach((l, i) => {
        const z = g.op('Conv', [inputs[i]!, `conv${i}.weight`, `conv${i}.bias`], { kernel_shape: [l.kernel, l.kernel], strides: [l.stride, l.stride] });
        pre.push(z);
        inputs.push(g.op('Relu', [z]));
      });
      // Reshape's 0 copies the batch dimension, so the same fragment serves the dynamic-batch inference graph.
      const flattened = g.op('Reshape', [inputs[layers.length]!, g.constInts([0, -1])]);
      const logits = g.op('Gemm', [flattened, 'fc.weight', 'fc.bias']);
      return {
        logits,
        backward(dLogits: string, batch: number): Record<string, string> {
          const zero = g.constFloat(0);
          const swap = { perm: [1, 0, 2, 3] };
          const grads: Record<string, string> = {
            'fc.weight': g.op('Gemm', [flattened, dLogits], { transA: 1 }),
            'fc.bias': g.op('ReduceSum', [dLogits, g.constInts([0])], { keepdims: 0 }),
          };
          const dFlat = g.op('Gemm', [dLogits, 'fc.weight'], { transB: 1 });
          let da = g.op('Reshape', [dFlat, g.constInts([batch, last.channels, ...last.outSize])]);
          for (let i = layers.length - 1; i >= 0; i--) {
            const l = layers[i]!;
            const dz = g.op('Where', [g.op('Greater', [pre[i]!, zero]), da, zero]);
            const s = l.stride;
            let dW = g.op('Conv', [g.op('Transpose', [inputs[i]!], swap), g.op('Transpose', [dz], swap)], { dilations: [s, s] });
            const full = [l.inSize[0] - s * (l.outSize[0] - 1), l.inSize[1] - s * (l.outSize[1] - 1)];
            if (full[0] !== l.kernel || full[1] !== l.kernel) {
              dW = g.op('Slice', [dW, g.constInts([0, 0]), g.constInts([l.kernel, l.kernel]), g.constInts([2, 3])]);
            }
            grads[`conv${i}.weight`] = g.op('Transpose', [dW], swap);
            grads[`conv${i}.bias`] = g.op('ReduceSum', [dz, g.constInts([0, 2, 3])], { keepdims: 0 });
            if (i > 0) {
              const outputPadding = [full[0]! - l.kernel, full[1]! - l.kernel];
              da = g.op('ConvTranspose', [dz, `conv${i}.weight`], { kernel_shape: [l.kernel, l.kernel], strides: [s, s], output_padding: outputPadding });
            }
          }
          return grads;
        },
      };
    },
  };
}
