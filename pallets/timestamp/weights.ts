/**
 * Timestamp weights in picoseconds of reference-machine time (1 µs = 1e6), with FRAME's proof sizes. Measured with
 * `bench/weights.ts` on the 2-core dev machine (2 × AMD EPYC, shared), 2026-11-22: 1.5 × (3 × the execution median +
 * 30 µs per storage key written), rounded up. `DidUpdate` is set and taken in the same block, so only `Now` reaches
 * the trie.
 */
import { type Weight, weight } from '../../runtime/primitives.ts';

/** Weights of `set` and of the `on_finalize` hook. */
export const TimestampWeights = {
  /** 1.3 µs of execution and `Now` written. */
  set: (): Weight => weight(51_000_000n, 1_493n),
  /** 1.1-1.14 µs measured, 5.0-5.1 µs by the rule: within the noise of the 5 µs it had, which is kept. */
  onFinalize: (): Weight => weight(5_000_000n, 0n),
};
