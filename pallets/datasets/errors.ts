/** Datasets errors: each a PascalCase name with the one-line doc wallets show. */
import { defineErrors } from '../../runtime/framework/pallet.ts';

/** `pallet_datasets::pallet::Error`: throw `DatasetsError.DatasetNotFound`. */
export const DatasetsError = defineErrors('Datasets', 'pallet_datasets', {
  InvalidCid: { index: 0, docs: [' Not a supported binary CIDv1 (raw/dag-pb, sha2-256/blake2b-256, at most 64 bytes).'] },
  CidAlreadyRegistered: { index: 1, docs: [' A dataset with this CID is already registered.'] },
  DatasetNotFound: { index: 2, docs: [' No dataset has this id.'] },
  NotOwner: { index: 3, docs: [' Only the dataset\'s owner may do this.'] },
  TooManyTags: { index: 4, docs: [' More tags than `MaxTags`.'] },
  TagTooLong: { index: 5, docs: [' A tag is longer than `MaxTagLength`.'] },
  EmptyTag: { index: 6, docs: [' A tag is empty.'] },
  DuplicateTag: { index: 7, docs: [' A tag appears twice.'] },
  SchemaTooLong: { index: 8, docs: [' The schema is longer than `MaxSchemaLength`.'] },
  LicenseTooLong: { index: 9, docs: [' A custom licence is longer than `MaxLicenseLength`.'] },
  EmptyLicense: { index: 10, docs: [' A custom licence is empty.'] },
  EmptyDataset: { index: 11, docs: [' The declared size is zero.'] },
  TooManyDatasets: { index: 12, docs: [' The owner already owns `MaxDatasetsPerOwner` datasets.'] },
  TransferToSelf: { index: 13, docs: [' The new owner is the current owner.'] },
  NoTestCommitment: { index: 14, docs: [' The dataset was registered without a test-split commitment.'] },
  TestSplitAlreadyRevealed: { index: 15, docs: [' The test split has already been revealed.'] },
  CommitmentMismatch: { index: 16, docs: [' `blake2_256(test_cid ++ salt)` does not match the commitment.'] },
  SaltTooLong: { index: 17, docs: [' The salt is longer than `MaxSaltLength`.'] },
  Retired: { index: 18, docs: [' The dataset is retired: its metadata is frozen and it cannot be retired again.'] },
});
