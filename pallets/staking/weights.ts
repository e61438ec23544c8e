/**
 * Staking weights in picoseconds of reference-machine time (1 ms = 1e9). These are estimates, scaled from FRAME's
 * reference figures for `pallet_staking` with its proof sizes, until `bench/weights` measures this pallet.
 */
import { type Weight, weight } from '../../runtime/primitives.ts';

// Reading or writing one storage item, as the runtime's `dbWeight` charges it.
const READ = 25_000_000n;
const WRITE = 100_000_000n;
const rw = (reads: number, writes: number, compute: bigint, proof: bigint): Weight =>
  weight(compute + BigInt(reads) * READ + BigInt(writes) * WRITE, proof);

/** Pre-dispatch weight of each call, and of the API other pallets call (they add it to their own). */
export const StakingWeights = {
  // Ledger, MinBonds, System.Account; writes Ledger, System.Account.
  bond: (): Weight => rw(3, 2, 45_000_000n, 4_800n),
  unbond: (maxChunks: number): Weight => rw(3, 1, 40_000_000n + BigInt(maxChunks) * 200_000n, 4_800n + BigInt(maxChunks) * 40n),
  withdrawUnbonded: (maxChunks: number): Weight => rw(3, 3, 45_000_000n + BigInt(maxChunks) * 300_000n, 4_800n + BigInt(maxChunks) * 40n),
  // Ledger, MinBonds, candidate index and its counter.
  setRoles: (): Weight => rw(4, 3, 25_000_000n, 3_600n),
  chill: (): Weight => rw(2, 3, 20_000_000n, 3_600n),
  forceNewEra: (): Weight => rw(0, 1, 5_000_000n, 0n),
  setMinBonds: (): Weight => rw(0, 1, 8_000_000n, 0n),

  lock: (): Weight => rw(3, 2, 15_000_000n, 3_600n),
  unlock: (): Weight => rw(3, 3, 15_000_000n, 3_600n),
  slash: (maxChunks: number): Weight => rw(6, 7, 60_000_000n + BigInt(maxChunks) * 300_000n, 8_000n),
  reward: (): Weight => rw(2, 2, 45_000_000n, 3_600n),

  /** `on_initialize` outside an era boundary: reads the era start and the force flag. */
  onInitializeIdle: (): Weight => rw(3, 0, 2_000_000n, 0n),
  /** `on_initialize` at an era boundary: one ledger read per candidate, the set and stakes rewritten. */
  onInitializeNewEra: (candidates: number, maxValidators: number): Weight =>
    rw(5 + 2 * candidates + maxValidators, 6 + 2 * maxValidators, 20_000_000n + BigInt(candidates) * 1_500_000n, 1_000n + BigInt(candidates) * 200n),
};
