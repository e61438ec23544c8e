/**
 * Sudo's own weights in picoseconds of reference-machine time (the dispatched call's weight is added on top).
 * Measured with `bench/weights.ts` on the 2-core dev machine (2 × AMD EPYC, shared), 2026-11-22: 1.5 × (3 × the
 * execution median + 30 µs per storage key written), rounded up.
 */
import { type Weight, weight } from '../../runtime/primitives.ts';

/** Sudo's own weight per call. */
export const SudoWeights = {
  /** 0.8-1.1 µs measured (4.7 µs by the rule, nothing written); the 11 µs it had is kept, above that. */
  sudo: (): Weight => weight(11_000_000n, 1_517n),
  sudoAs: (): Weight => weight(11_000_000n, 1_517n),
  /** The key written. */
  setKey: (): Weight => weight(53_000_000n, 1_517n),
  removeKey: (): Weight => weight(48_000_000n, 1_517n),
};

/** Component-wise sum. */
export const addWeights = (a: Weight, b: Weight): Weight => weight(a.ref_time + b.ref_time, a.proof_size + b.proof_size);
