/** pallet_datasets types: a dataset's licence and its on-chain record. */
import { AccountId32, BlockNumber, H256 } from '../../runtime/primitives.ts';
import { bytes, type CodecType, option, u64, vec } from '../../runtime/scale/codec.ts';
import { enumeration, struct } from '../../runtime/scale/composite.ts';

/** The terms a dataset may be used under. */
export const License = enumeration(
  'pallet_datasets::types::License',
  {
    Open: { index: 0, docs: [' Anyone may use it for any purpose.'] },
    Commercial: { index: 1, docs: [' Commercial use under terms agreed with the owner.'] },
    ResearchOnly: { index: 2, docs: [' Non-commercial research only.'] },
    Custom: { index: 3, fields: bytes, docs: [' Other terms: a short text or a CID of the licence text.'], fieldNames: { '': 'BoundedVec<u8, T::MaxLicenseLength>' } },
  },
  { docs: [' The licence a dataset is published under.'] },
);
/** `{ tag: 'Open' }` … `{ tag: 'Custom', value: Uint8Array }`. */
export type License = CodecType<typeof License>;

/** Everything the chain records about a dataset; the data itself lives off chain under its CID. */
export const DatasetInfo = struct(
  'pallet_datasets::types::DatasetInfo',
  {
    owner: AccountId32,
    cid: bytes,
    size_bytes: u64,
    license: License,
    tags: vec(bytes),
    schema: bytes,
    test_commitment: option(H256),
    test_revealed: option(bytes),
    created_at: BlockNumber,
    retired_at: option(BlockNumber),
  },
  {
    docs: [' A registered dataset.'],
    params: [{ name: 'T', type: null }],
    fieldNames: {
      cid: 'BoundedVec<u8, ConstU32<64>>',
      tags: 'BoundedVec<BoundedVec<u8, T::MaxTagLength>, T::MaxTags>',
      schema: 'BoundedVec<u8, T::MaxSchemaLength>',
      test_revealed: 'Option<BoundedVec<u8, ConstU32<64>>>',
    },
    fieldDocs: {
      owner: [' Who may change, transfer, retire it and reveal its test split.'],
      cid: [' Binary CIDv1 of the data (raw or dag-pb; sha2-256 or blake2b-256), unique across datasets.'],
      size_bytes: [' Size of the data in bytes, as declared by the owner.'],
      tags: [' Search tags, unique within the dataset.'],
      schema: [' A description of the records (a JSON schema, a feature list), free-form bytes.'],
      test_commitment: [' `blake2_256(test_cid ++ salt)` of a held-out test split, revealed at evaluation.'],
      test_revealed: [' The test split\'s CID once revealed against the commitment.'],
      retired_at: [' When the owner retired it; retired datasets stay for lineage but take no new jobs.'],
    },
  },
);
/** A decoded `DatasetInfo`. */
export type DatasetInfo = CodecType<typeof DatasetInfo>;
