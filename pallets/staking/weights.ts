/**
 * Staking weights in picoseconds of reference-machine time (1 µs = 1e6, 1 ms = 1e9), with proof-size estimates
 * scaled from FRAME's `pallet_staking`. Measured with `bench/weights.ts` on the 2-core dev machine (2 × AMD EPYC,
 * shared), 2026-11-22: 1.5 × (3 × the fitted execution median + 30 µs per storage key written), rounded up. 3 is
 * the measured in-block factor (a call in a full block runs up to ~3× slower than alone), 30 µs the measured
 * trie root + LevelDB commit cost of one key.
 */
import { type Weight, weight } from '../../runtime/primitives.ts';

const US = 1_000_000n;
const n = (x: number): bigint => BigInt(x);

/** Pre-dispatch weight of each call, and of the API other pallets call (they add it to their own). */
export const StakingWeights = {
  // Ledger and the reserve written; 9.6 µs of execution.
  bond: (): Weight => weight(140n * US, 4_800n),
  // The ledger written; its chunks re-encoded (1.1 µs each).
  unbond: (maxChunks: number): Weight => weight(81n * US + 5_100_000n * n(maxChunks), 4_800n + n(maxChunks) * 40n),
  withdrawUnbonded: (maxChunks: number): Weight => weight(160n * US + 1_200_000n * n(maxChunks), 4_800n + n(maxChunks) * 40n),
  // Ledger, candidate index and its counter.
  setRoles: (): Weight => weight(170n * US, 3_600n),
  chill: (): Weight => weight(170n * US, 3_600n),
  forceNewEra: (): Weight => weight(47n * US, 0n),
  setMinBonds: (): Weight => weight(49n * US, 0n),

  lock: (): Weight => weight(140n * US, 3_600n),
  unlock: (): Weight => weight(220n * US, 3_600n),
  slash: (maxChunks: number): Weight => weight(420n * US + 1_100_000n * n(maxChunks), 8_000n),
  reward: (): Weight => weight(120n * US, 3_600n),

  /** `on_initialize` outside an era boundary: reads the era start and the force flag (2 µs). */
  onInitializeIdle: (): Weight => weight(9n * US, 0n),
  /**
   * `on_initialize` at an era boundary: 2.9 µs per candidate (ledger read, sort), and at worst the old set's stakes
   * removed and the new set's written (2 × `maxValidators` keys). The candidates are found by a prefix scan of the
   * whole state, which the benchmark's small state keeps cheap.
   */
  onInitializeNewEra: (candidates: number, maxValidators: number): Weight =>
    weight(470n * US + 13n * US * n(candidates) + 90n * US * n(maxValidators), 1_000n + n(candidates) * 200n),
};
