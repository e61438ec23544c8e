/**
 * Models call weights in picoseconds of reference-machine time (1 µs = 1e6, 1 ms = 1e9). Measured with
 * `bench/weights.ts` on the 2-core dev machine (2 × AMD EPYC, shared), 2026-11-22: 1.5 × (3 × the fitted execution
 * median + 30 µs per storage key written), rounded up. 3 is the measured in-block factor (a call in a full block runs
 * up to ~3× slower than alone), 30 µs the measured trie root + LevelDB commit cost of one key. Proof sizes are the
 * encoded sizes of what is read.
 */
import { type Weight, weight } from '../../runtime/primitives.ts';

const US = 1_000_000n;
/** Proof size of one `ModelInfo` read, at its bounded maximum. */
const MODEL_PROOF = 4_096n;

/** Pre-dispatch weight of each call. */
export const ModelsWeights = {
  /** Six items written (info, hash index, owner index, version 1, child link, next id); 0.06-0.17 µs per argument byte. */
  registerModel: (bytes: number): Weight => weight(360n * US + 180_000n * BigInt(bytes), 2n * MODEL_PROOF),
  /** Model, version and hash index written. */
  addVersion: (bytes: number): Weight => weight(190n * US + 4_000n * BigInt(bytes), MODEL_PROOF),
  /** publish, unpublish, revoke: the model read and written (6-10 µs). */
  setFlag: (): Weight => weight(91n * US, MODEL_PROOF),
  /** The tier list written. */
  setAccessTiers: (tiers: number): Weight => weight(67n * US + 830_000n * BigInt(tiers), MODEL_PROOF),
  /**
   * The grant written and three transfers (buyer, treasury, owner); then per ancestor up to `maxDepth` a model read
   * and a royalty transfer that may create its owner's account: 19 µs and ~1 key each.
   */
  purchaseAccess: (maxDepth: number): Weight => weight(430n * US + 130n * US * BigInt(maxDepth), (1n + BigInt(maxDepth)) * MODEL_PROOF),
  /** Model, grant and usage written. */
  recordUsage: (): Weight => weight(270n * US, MODEL_PROOF),
  /** Model and both owner index entries written. */
  transferOwnership: (): Weight => weight(190n * US, MODEL_PROOF),
};
