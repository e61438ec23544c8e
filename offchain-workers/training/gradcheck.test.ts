import { describe, expect, it } from 'vitest';
import { seedFromString } from '../datasets/prng.ts';
import { gaussianBlobs } from '../datasets/synthetic.ts';
import { cnnNetwork } from './cnn.ts';
import { initialState } from './init-state.ts';
import { mlpNetwork } from './mlp.ts';
import { gradientProbe } from './test-utils.ts';
import type { Network } from './train-graph.ts';

/**
 * Hand-written backward passes against central finite differences of the graph's own float32 loss.
 * Tolerance |fd − g| ≤ 1e-3 + 2e-2·|fd| (measured worst relative error ~3e-4): float32 loss differences carry ~1e-7/ε of noise, and a ReLU kink
 * inside [w − ε, w + ε] bends the difference quotient; a wrong gradient is off by far more.
 */
async function check(net: Network, batchSize: number, eps: number): Promise<number> {
  const probe = await gradientProbe(net, batchSize);
  const data = gaussianBlobs({ count: batchSize, featureShape: [...net.featureShape], classes: net.classes, seed: seedFromString('gradcheck-data') });
  const batch = { x: data.features as Float32Array, y: BigInt64Array.from(data.labels, (l) => BigInt(l)) };
  const weights = initialState(net.weights, [], seedFromString('gradcheck-init'));
  // Non-zero biases so that their gradients and the ReLU masks are not degenerate.
  net.weights.forEach((w, i) => { if (w.fanIn === 0) weights[i]!.forEach((_, j, a) => (a[j] = 0.05 * ((j % 3) - 1))); });
  const grads = await probe.gradients(weights, batch);
  let worst = 0;
  for (const [t, w] of net.weights.entries()) {
    const n = weights[t]!.length;
    for (const i of new Set([0, 1, Math.floor(n / 2), n - 1, Math.floor(n / 3)])) {
      const at = async (delta: number): Promise<number> => {
        const moved = weights.map((a) => a.slice());
        moved[t]![i]! += delta;
        return probe.loss(moved, batch);
      };
      const fd = ((await at(eps)) - (await at(-eps))) / (2 * eps);
      const g = grads[w.name]![i]!;
      expect(Math.abs(fd - g), `${w.name}[${i}] analytic ${g} vs finite difference ${fd}`).toBeLessThanOrEqual(1e-3 + 2e-2 * Math.abs(fd));
      worst = Math.max(worst, Math.abs(fd - g) / Math.max(1e-3, Math.abs(fd) + Math.abs(g)));
    }
  }
  return worst;
}

describe('gradient checks (analytic vs central finite differences)', () => {
  it('MLP 6-8-5-3', async () => {
    expect(await check(mlpNetwork({ layers: [6, 8, 5, 3] }), 4, 1e-2)).toBeLessThan(5e-3);
  });

  it('CNN on [2,10,9]: conv3x3(→3) → conv3x3(→4, stride 2, floors a row away) → dense(→3)', async () => {
    const net = cnnNetwork({ input: [2, 10, 9], convs: [{ channels: 3, kernel: 3, stride: 1 }, { channels: 4, kernel: 3, stride: 2 }], classes: 3 });
    expect(await check(net, 3, 3e-3)).toBeLessThan(5e-3);
  });
});
