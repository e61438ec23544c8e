/**
 * Sudo's own weights in picoseconds of reference-machine time (the dispatched call's weight is added on top).
 * Until `bench/weights.ts` measures this pallet they are FRAME's reference figures for `pallet_sudo`, rounded up.
 */
import { type Weight, weight } from '../../runtime/primitives.ts';

/** Sudo's own weight per call. */
export const SudoWeights = {
  sudo: (): Weight => weight(11_000_000n, 1_517n),
  sudoAs: (): Weight => weight(11_000_000n, 1_517n),
  setKey: (): Weight => weight(12_000_000n, 1_517n),
  removeKey: (): Weight => weight(10_000_000n, 1_517n),
};

/** Component-wise sum. */
export const addWeights = (a: Weight, b: Weight): Weight => weight(a.ref_time + b.ref_time, a.proof_size + b.proof_size);
