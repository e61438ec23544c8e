/**
 * Datasets weights in picoseconds of reference-machine time (1 µs = 1e6, 1 ms = 1e9), with proof sizes in bytes.
 * Measured with `bench/weights.ts` on the 2-core dev machine (2 × AMD EPYC, shared), 2026-11-22: 1.5 × (3 × the
 * fitted execution median + 30 µs per storage key written), rounded up. 3 is the measured in-block factor (a call
 * in a full block runs up to ~3× slower than alone), 30 µs the measured trie root + LevelDB commit cost of one key.
 */
import { type Weight, weight } from '../../runtime/primitives.ts';

const US = 1_000_000n;
/** Encoding per argument byte (a 4 KiB schema measured no slower than an empty one; kept as an allowance). */
const PER_BYTE = 1_000n;
// A `DatasetInfo` with the test defaults' bounds, plus its key, as a proof-size estimate.
const INFO_PROOF = 2_000n;

const tagBytes = (tags: Uint8Array[]): bigint => tags.reduce((n, t) => n + BigInt(t.length) + 4n, 0n);
const count = (tags: Uint8Array[]): bigint => BigInt(tags.length);

/** Pre-dispatch weight of each call. */
export const DatasetsWeights = {
  // CID parse, checks (0.8 µs a tag for the duplicate check); info, owner index, count, CID index, next id written.
  registerDataset: (cidLength: number, tags: Uint8Array[], schemaLength: number): Weight => {
    const size = BigInt(cidLength) + tagBytes(tags) + BigInt(schemaLength);
    return weight(280n * US + 3_700_000n * count(tags) + PER_BYTE * size, INFO_PROOF + size);
  },
  // Info, both owner index entries and both counts written.
  transferOwnership: (): Weight => weight(290n * US, INFO_PROOF + 300n),
  // One blake2_256 over at most 128 bytes, the CID parse, the info written.
  revealTestSplit: (inputLength: number): Weight => weight(89n * US + 18_000n * BigInt(inputLength), INFO_PROOF),
  updateMetadata: (tags: Uint8Array[], schemaLength: number): Weight => {
    const size = tagBytes(tags) + BigInt(schemaLength);
    return weight(68n * US + 1_300_000n * count(tags) + PER_BYTE * size, INFO_PROOF + size);
  },
  retire: (): Weight => weight(64n * US, INFO_PROOF),
};
