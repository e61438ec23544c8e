/** Datasets storage: records by id, a per-owner index with its count, and the CID index that keeps CIDs unique. */
import { defineStorage, storage } from '../../runtime/framework/storage.ts';
import { AccountId32 } from '../../runtime/primitives.ts';
import { bytes, u32, u64, unit } from '../../runtime/scale/codec.ts';
import { DatasetInfo } from './types.ts';

/** The pallet's storage items. */
export const datasetsStorage = defineStorage('Datasets', {
  NextDatasetId: storage.value({ value: u64, default: 0n, docs: [' The id the next registered dataset gets.'] }),
  Datasets: storage.map('Twox64Concat', u64, { value: DatasetInfo, docs: [' Registered datasets by id.'] }),
  DatasetsByOwner: storage.doubleMap(['Blake2_128Concat', AccountId32], ['Twox64Concat', u64], {
    value: unit,
    docs: [' `(owner, id)` for every dataset an account owns: lists an owner\'s datasets by prefix.'],
  }),
  OwnedDatasetCount: storage.map('Blake2_128Concat', AccountId32, {
    value: u32,
    default: 0,
    docs: [' How many datasets an account owns, bounded by `MaxDatasetsPerOwner`.'],
  }),
  DatasetByCid: storage.map('Blake2_128Concat', bytes, { value: u64, docs: [' The dataset registered under a CID, so each CID is registered once.'] }),
});
/** The bound storage items of Datasets. */
export type DatasetsStorage = typeof datasetsStorage;
