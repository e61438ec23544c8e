/**
 * System call weights in picoseconds of reference-machine time (1 µs = 1e6, 1 ms = 1e9). Measured with
 * `bench/weights.ts` on the 2-core dev machine (2 × AMD EPYC, shared), 2026-11-22: 1.5 × (3 × the fitted
 * execution median + 30 µs per storage key written), rounded up. 3 is the measured in-block factor (a call in a
 * full block runs up to ~3× slower than alone), 30 µs the measured trie root + LevelDB commit cost of a key.
 */
import { type Weight, weight } from '../../runtime/primitives.ts';

const US = 1_000_000n;

export const SystemWeights = {
  /** `remark_with_event` hashes the bytes (0.0013 µs a byte measured); `remark` itself costs 0.2 µs. */
  remark: (len: number): Weight => weight(5n * US + 5_900n * BigInt(len)),
  /**
   * `set_storage`, `kill_storage`, `kill_prefix`: one written key per item (0.36 µs + the key's commit). `kill_prefix`
   * also scans every key of the state for its prefix: its base holds the scan of the benchmark's small state only.
   */
  setStorage: (items: number): Weight => weight(17n * US + 47n * US * BigInt(items)),
};
