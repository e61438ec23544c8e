/**
 * Initial weights and optimizer state, deterministic from a 32-byte seed: He-uniform weights
 * `U(−1, 1)·√(6 / fanIn)`, zero biases, zero optimizer state. Each tensor draws from its own stream
 * (domain `init/<name>`), so adding a layer does not change the values of the others.
 */
import { SeededStream } from '../datasets/prng.ts';
import { elementCount, type TensorSpec } from './signature.ts';
import type { WeightSpec } from './train-graph.ts';

/** Returns one Float32Array per tensor: `weights` in order, then `state` (all zeros). */
export function initialState(weights: readonly WeightSpec[], state: readonly TensorSpec[], seed: Uint8Array): Float32Array[] {
  const tensors = weights.map((w) => {
    const data = new Float32Array(elementCount(w.shape));
    if (w.fanIn > 0) {
      const stream = new SeededStream(seed, `init/${w.name}`);
      // √ is correctly rounded in IEEE 754 and the uniform is exact in float32, so this is portable bit for bit.
      const scale = Math.sqrt(6 / w.fanIn);
      for (let i = 0; i < data.length; i++) data[i] = stream.symmetricUniform() * scale;
    }
    return data;
  });
  return [...tensors, ...state.map((s) => new Float32Array(elementCount(s.shape)))];
}
