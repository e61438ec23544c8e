/**
 * Workers weights in picoseconds of reference-machine time (1 µs = 1e6, 1 ms = 1e9), with proof-size estimates.
 * Measured with `bench/weights.ts` on the 2-core dev machine (2 × AMD EPYC, shared), 2026-11-22: 1.5 × (3 × the
 * fitted execution median + 30 µs per storage key written), rounded up. 3 is the measured in-block factor (a call in
 * a full block runs up to ~3× slower than alone), 30 µs the measured trie root + LevelDB commit cost of one key.
 */
import { type Weight, weight } from '../../runtime/primitives.ts';
import type { WorkerSpec } from './types.ts';

const US = 1_000_000n;
// One `WorkerInfo` with a maximal spec, plus the key, as a proof-size estimate.
const INFO_PROOF = 3_600n;

/** Spec validation and encoding per region byte (`update_spec`'s fit; the runtimes, at most two, are in the base). */
const specCost = (spec: WorkerSpec): bigint => 170_000n * BigInt(spec.region.length);

/** Pre-dispatch weight of each call and of the hook. */
export const WorkersWeights = {
  // Info, count and heartbeat schedule written.
  register: (spec: WorkerSpec): Weight => weight(190n * US + specCost(spec), INFO_PROOF + 600n),
  updateSpec: (spec: WorkerSpec): Weight => weight(64n * US + specCost(spec), INFO_PROOF),
  // Info written, old schedule entry removed, new one inserted.
  heartbeat: (): Weight => weight(180n * US, INFO_PROOF + 200n),
  deregister: (): Weight => weight(120n * US, INFO_PROOF + 200n),
  finalizeDeregistration: (): Weight => weight(130n * US, INFO_PROOF + 600n),
  setReputation: (): Weight => weight(70n * US, INFO_PROOF),
  /**
   * `on_initialize` for a bucket of `due` deadlines: 6 µs and two keys written per worker. The bucket is found by a
   * prefix scan of the whole state (2.4 µs per 1,000 keys measured), which the benchmark's small state keeps cheap.
   */
  onInitialize: (due: number): Weight => weight(34n * US + 120n * US * BigInt(due), BigInt(due) * (INFO_PROOF + 100n)),
};
