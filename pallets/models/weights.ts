/**
 * Models call weights in picoseconds of reference-machine time (1 µs = 1e6, 1 ms = 1e9). These are estimates
 * until `bench/weights` measures the pallet: ~25 µs per storage read and write (FRAME's RocksDB figures), ~5 µs of
 * computation per call, plus the SCALE work on argument bytes. Proof sizes are the encoded sizes of what is read.
 */
import { type Weight, weight } from '../../runtime/primitives.ts';

const READ = 25_000_000n;
const WRITE = 25_000_000n;
const BASE = 5_000_000n;
/** SCALE decoding, hashing and encoding of argument bytes, per byte. */
const PER_BYTE = 2_000n;
/** A `Currency::transfer`: two account reads and writes plus the event (Balances' `transfer_keep_alive`). */
const TRANSFER = 40_000_000n;
/** Proof size of one `ModelInfo` read, at its bounded maximum. */
const MODEL_PROOF = 4_096n;

const rw = (reads: bigint, writes: bigint) => BASE + reads * READ + writes * WRITE;

/** Pre-dispatch weight of each call. */
export const ModelsWeights = {
  /** Reads: hash index, next id, dataset, base (+ its grant); writes: 6 items. `bytes`: all argument bytes. */
  registerModel: (bytes: number): Weight => weight(rw(5n, 6n) + BigInt(bytes) * PER_BYTE, 2n * MODEL_PROOF),
  /** Reads: model, hash index; writes: model, version, hash index. */
  addVersion: (bytes: number): Weight => weight(rw(2n, 3n) + BigInt(bytes) * PER_BYTE, MODEL_PROOF),
  /** publish, unpublish, revoke: one read, one write. */
  setFlag: (): Weight => weight(rw(1n, 1n), MODEL_PROOF),
  /** Reads: model; writes: the tier list. */
  setAccessTiers: (tiers: number): Weight => weight(rw(1n, 1n) + BigInt(tiers) * 100_000n, MODEL_PROOF),
  /**
   * Reads: model, tiers, grant, then one model per ancestor up to `maxDepth`; writes: the grant; transfers: one to
   * the treasury, one to the owner and one per ancestor.
   */
  purchaseAccess: (maxDepth: number): Weight =>
    weight(rw(3n + BigInt(maxDepth), 1n) + (2n + BigInt(maxDepth)) * TRANSFER, (1n + BigInt(maxDepth)) * MODEL_PROOF),
  /** Reads: model, grant, usage; writes: the same three. */
  recordUsage: (): Weight => weight(rw(3n, 3n), MODEL_PROOF),
  /** Reads: model; writes: model and both owner index entries. */
  transferOwnership: (): Weight => weight(rw(1n, 3n), MODEL_PROOF),
};
