import { describe, expect, it } from 'vitest';
import { createBatchSource } from '../datasets/batches.ts';
import { seedFromString } from '../datasets/prng.ts';
import { gaussianBlobs } from '../datasets/synthetic.ts';
import { cnnNetwork } from './cnn.ts';
import { initialState } from './init-state.ts';
import { mlpNetwork } from './mlp.ts';
import { DEFAULT_OPTIMIZERS, type OptimizerSpec } from './optimizers.ts';
import { createTrainingSession } from './session.ts';
import { gradientProbe, runStep } from './test-utils.ts';
import { buildTrainingGraphs, type Network } from './train-graph.ts';
import { runTrainerLoop } from './trainer-loop.ts';

const net = mlpNetwork({ layers: [5, 7, 3] });
const data = gaussianBlobs({ count: 64, featureShape: [5], classes: 3, seed: seedFromString('opt-data') });
const source = createBatchSource(data, seedFromString('opt-order'), 8);

/** Reference update in float64 from the state the graph produced and the gradient at those weights. */
function reference(spec: OptimizerSpec, w: Float32Array, g: Float64Array, s: Record<string, Float32Array | undefined>, lr: number, t: number): Float64Array {
  if (spec.kind === 'sgd') return Float64Array.from(w, (v, i) => v - lr * (spec.momentum * s.momentum![i]! + g[i]!));
  const m = (i: number): number => spec.beta1 * s.m![i]! + (1 - spec.beta1) * g[i]!;
  const v = (i: number): number => spec.beta2 * s.v![i]! + (1 - spec.beta2) * g[i]! ** 2;
  const stepSize = (lr * Math.sqrt(1 - spec.beta2 ** t)) / (1 - spec.beta1 ** t);
  return Float64Array.from(w, (x, i) => x - (stepSize * m(i)) / (Math.sqrt(v(i)) + spec.epsilon));
}

describe('optimizer graph fragments', () => {
  it.each([DEFAULT_OPTIMIZERS.sgd, DEFAULT_OPTIMIZERS.adam])('$kind: the second step matches the float64 formula on the analytic gradient', async (spec) => {
    const probe = await gradientProbe(net, 8);
    const graphs = buildTrainingGraphs(net, 8, spec);
    const { session } = await createTrainingSession(graphs.trainStep);
    const sig = graphs.signature;
    const lr = spec.kind === 'sgd' ? 0.1 : 0.01;
    const first = await runStep(session, sig, initialState(net.weights, sig.state, seedFromString('opt-init')), source.batch(0), lr);
    const state = [...sig.weights, ...sig.state].map((t) => first.next[t.name]!);
    const second = await runStep(session, sig, state, source.batch(1), lr);
    const grads = await probe.gradients(state.slice(0, sig.weights.length), source.batch(1));
    for (const [i, w] of sig.weights.entries()) {
      const moments = (suffix: string): Float32Array | undefined => first.next[`opt.${w.name}.${suffix}`];
      const want = reference(spec, state[i]!, grads[w.name]!, { momentum: moments('momentum'), m: moments('m'), v: moments('v') }, lr, 2);
      second.next[w.name]!.forEach((got, j) => expect(Math.abs(got - want[j]!)).toBeLessThanOrEqual(1e-6 + 1e-5 * Math.abs(want[j]!)));
    }
    if (spec.kind === 'adam') expect(second.next['opt.step']![0]).toBe(2);
  });
});

describe('training reduces the loss on Gaussian blobs', () => {
  const cases: { name: string; net: Network; shape: number[]; spec: OptimizerSpec; lr: number; bound: number }[] = [
    { name: 'MLP 20-32-4, SGD momentum 0.9', net: mlpNetwork({ layers: [20, 32, 4] }), shape: [20], spec: DEFAULT_OPTIMIZERS.sgd, lr: 0.05, bound: 0.1 },
    { name: 'MLP 20-32-4, Adam', net: mlpNetwork({ layers: [20, 32, 4] }), shape: [20], spec: DEFAULT_OPTIMIZERS.adam, lr: 0.01, bound: 0.1 },
    {
      name: 'CNN [1,8,8] conv3x3(→4) → conv3x3(→8, s2) → dense, Adam',
      net: cnnNetwork({ input: [1, 8, 8], convs: [{ channels: 4, kernel: 3, stride: 1 }, { channels: 8, kernel: 3, stride: 2 }], classes: 4 }),
      shape: [1, 8, 8],
      spec: DEFAULT_OPTIMIZERS.adam,
      lr: 0.01,
      bound: 0.1,
    },
  ];
  it.each(cases)('$name: last 40-step mean loss below $bound and a fifth of the first', async ({ net: n, shape, spec, lr, bound }) => {
    const blobs = gaussianBlobs({ count: 1024, featureShape: shape, classes: 4, seed: seedFromString('blobs') });
    const graphs = buildTrainingGraphs(n, 32, spec);
    const { session } = await createTrainingSession(graphs.trainStep);
    const batches = createBatchSource(blobs, seedFromString('job-seed'), 32).batch;
    const state = initialState(n.weights, graphs.signature.state, seedFromString('init'));
    const { segments } = await runTrainerLoop({ session, signature: graphs.signature, state, batches, steps: 200, segmentLength: 40, learningRate: lr });
    const [first, last] = [segments[0]!.meanLoss, segments.at(-1)!.meanLoss];
    expect(last).toBeLessThan(bound);
    expect(last).toBeLessThan(first / 5);
  });
});
