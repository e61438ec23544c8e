/**
 * System call weights in picoseconds of reference-machine time (1 ms = 1e9). Figures from `bench/weights.ts`
 * on the 2-core dev machine, rounded up; see the README's weights section.
 */
import { type Weight, weight } from '../../runtime/primitives.ts';

export const SystemWeights = {
  remark: (len: number): Weight => weight(2_000_000n + 400n * BigInt(len)),
  setStorage: (items: number): Weight => weight(5_000_000n + 8_000_000n * BigInt(items)),
};
