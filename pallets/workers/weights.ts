/**
 * Workers weights in picoseconds of reference-machine time (1 ms = 1e9), with proof sizes in bytes. Estimates by
 * analogy with FRAME pallets of the same shape (one or two map reads and writes) until `bench/weights` measures
 * this pallet; spec validation grows with the region and runtime list.
 */
import { type Weight, weight } from '../../runtime/primitives.ts';
import type { WorkerSpec } from './types.ts';

const READ = 25_000_000n;
const WRITE = 100_000_000n;
// One `WorkerInfo` with a maximal spec, plus the key, as a proof-size estimate.
const INFO_PROOF = 3_600n;

const specCost = (spec: WorkerSpec): bigint => 5_000_000n + 20_000n * BigInt(spec.region.length) + 200_000n * BigInt(spec.runtimes.length);

/** Pre-dispatch weight of each call and of the hook. */
export const WorkersWeights = {
  // Worker read, staking role read, info + count + schedule writes.
  register: (spec: WorkerSpec): Weight => weight(30_000_000n + specCost(spec) + 2n * READ + 3n * WRITE, INFO_PROOF + 600n),
  updateSpec: (spec: WorkerSpec): Weight => weight(20_000_000n + specCost(spec) + READ + WRITE, INFO_PROOF),
  // Info write, old schedule entry removed, new one inserted.
  heartbeat: (): Weight => weight(20_000_000n + READ + 3n * WRITE, INFO_PROOF + 200n),
  deregister: (): Weight => weight(20_000_000n + READ + 2n * WRITE, INFO_PROOF + 200n),
  finalizeDeregistration: (): Weight => weight(20_000_000n + 2n * READ + 2n * WRITE, INFO_PROOF + 600n),
  setReputation: (): Weight => weight(15_000_000n + READ + WRITE, INFO_PROOF),
  /** `on_initialize` for a bucket of `due` deadlines (the prefix read, then per worker a read and two writes). */
  onInitialize: (due: number): Weight => weight(READ + BigInt(due) * (10_000_000n + READ + 2n * WRITE), BigInt(due) * (INFO_PROOF + 100n)),
};
