/**
 * Datasets weights in picoseconds of reference-machine time (1 ms = 1e9), with proof sizes in bytes. Estimates by
 * analogy with FRAME pallets of the same shape until `bench/weights` measures this pallet; validation and storage
 * writes grow with the CID, tags and schema.
 */
import { type Weight, weight } from '../../runtime/primitives.ts';

const READ = 25_000_000n;
const WRITE = 100_000_000n;
const PER_BYTE = 50_000n;
// A `DatasetInfo` with the test defaults' bounds, plus its key, as a proof-size estimate.
const INFO_PROOF = 2_000n;

const tagBytes = (tags: Uint8Array[]): bigint => tags.reduce((n, t) => n + BigInt(t.length) + 4n, 0n);

/** Pre-dispatch weight of each call. */
export const DatasetsWeights = {
  // CID parse; CID index, owner count and next id read; info, owner index, count, CID index, next id written.
  registerDataset: (cidLength: number, tags: Uint8Array[], schemaLength: number): Weight => {
    const size = BigInt(cidLength) + tagBytes(tags) + BigInt(schemaLength);
    return weight(30_000_000n + 3n * READ + 5n * WRITE + PER_BYTE * size, INFO_PROOF + size);
  },
  transferOwnership: (): Weight => weight(25_000_000n + 3n * READ + 5n * WRITE, INFO_PROOF + 300n),
  // One blake2_256 over at most 128 bytes, the CID parse, one read and one write.
  revealTestSplit: (inputLength: number): Weight => weight(25_000_000n + READ + WRITE + PER_BYTE * BigInt(inputLength), INFO_PROOF),
  updateMetadata: (tags: Uint8Array[], schemaLength: number): Weight => {
    const size = tagBytes(tags) + BigInt(schemaLength);
    return weight(20_000_000n + READ + WRITE + PER_BYTE * size, INFO_PROOF + size);
  },
  retire: (): Weight => weight(15_000_000n + READ + WRITE, INFO_PROOF),
};
