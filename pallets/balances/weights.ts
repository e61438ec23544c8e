/**
 * Balances call weights in picoseconds of reference-machine time (1 µs = 1e6), with FRAME's proof sizes. Measured
 * with `bench/weights.ts` on the 2-core dev machine (2 × AMD EPYC, shared), 2026-11-22: 1.5 × (3 × the execution
 * median + 30 µs per storage key written), rounded up. 3 is the measured in-block factor (a call in a full block
 * runs up to ~3× slower than alone), 30 µs the measured trie root + LevelDB commit cost of one key.
 */
import { type Weight, weight } from '../../runtime/primitives.ts';

const US = 1_000_000n;

/** Pre-dispatch weight of each call: two accounts written (one for `force_unreserve`), 4.5-23 µs of execution. */
export const BalancesWeights = {
  transferAllowDeath: (): Weight => weight(200n * US, 3_593n),
  transferKeepAlive: (): Weight => weight(190n * US, 3_593n),
  forceTransfer: (): Weight => weight(160n * US, 6_196n),
  transferAll: (): Weight => weight(170n * US, 3_593n),
  forceUnreserve: (): Weight => weight(68n * US, 3_593n),
  forceSetBalance: (): Weight => weight(120n * US, 3_593n),
  burnAllowDeath: (): Weight => weight(140n * US, 3_593n),
  burnKeepAlive: (): Weight => weight(140n * US, 3_593n),
};
