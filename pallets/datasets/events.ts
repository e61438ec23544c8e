/** Datasets events (explorers decode them from the metadata, docs included). */
import { defineEvents } from '../../runtime/framework/pallet.ts';
import { AccountId32 } from '../../runtime/primitives.ts';
import { bytes, u64 } from '../../runtime/scale/codec.ts';

/** `pallet_datasets::pallet::Event`, deposited with `ctx.deposit(DatasetsEvent, …)`. */
export const DatasetsEvent = defineEvents('Datasets', 'pallet_datasets', {
  DatasetRegistered: { index: 0, fields: { id: u64, owner: AccountId32, cid: bytes }, docs: [' A dataset was registered under its CID.'] },
  OwnershipTransferred: { index: 1, fields: { id: u64, from: AccountId32, to: AccountId32 }, docs: [' A dataset changed owner.'] },
  TestSplitRevealed: { index: 2, fields: { id: u64, test_cid: bytes }, docs: [' A dataset\'s held-out test split was revealed and matched its commitment.'] },
  MetadataUpdated: { index: 3, fields: { id: u64 }, docs: [' A dataset\'s tags and schema were replaced.'] },
  DatasetRetired: { index: 4, fields: { id: u64 }, docs: [' A dataset was retired: it stays for lineage but takes no new jobs.'] },
});
