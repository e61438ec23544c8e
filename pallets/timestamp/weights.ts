/**
 * Timestamp weights in picoseconds of reference-machine time. Until `bench/weights.ts` measures this pallet they
 * are FRAME's reference figures for `pallet_timestamp`, rounded up, with its proof sizes.
 */
import { type Weight, weight } from '../../runtime/primitives.ts';

/** Weights of `set` and of the `on_finalize` hook. */
export const TimestampWeights = {
  set: (): Weight => weight(10_000_000n, 1_493n),
  onFinalize: (): Weight => weight(5_000_000n, 0n),
};
