/**
 * pallet_datasets: datasets registered by content id (CIDv1) with size, licence, tags, schema and an optional
 * commitment to a held-out test split revealed at evaluation; transferable, retirable, listed by owner. Models,
 * Jobs and evaluation read it through the returned `registry`.
 */
import { constant, type PalletDef } from '../../runtime/framework/pallet.ts';
import { storageEntries } from '../../runtime/framework/storage.ts';
import { u32 } from '../../runtime/scale/codec.ts';
import { MAX_CID_LENGTH } from '../common/cid.ts';
import { datasetsCalls } from './calls.ts';
import { type DatasetsConfig, resolveDatasetsConfig } from './config.ts';
import { DatasetsError } from './errors.ts';
import { DatasetsEvent } from './events.ts';
import { createDatasetRegistry, type DatasetRegistry } from './registry.ts';
import { datasetsStorage } from './storage.ts';

/** Builds the Datasets pallet (runtime index 12); throws a clear Error for an unusable Config. */
export function datasetsPallet(datasetsConfig: DatasetsConfig) {
  const config = resolveDatasetsConfig(datasetsConfig);
  const registry: DatasetRegistry = createDatasetRegistry();
  const pallet: PalletDef = {
    name: 'Datasets',
    crate: 'pallet_datasets',
    docs: [' Datasets by CIDv1: licence, tags, schema, ownership, and a committed held-out test split.'],
    storage: storageEntries(datasetsStorage),
    calls: datasetsCalls(config),
    events: DatasetsEvent,
    errors: DatasetsError,
    constants: {
      MaxTags: constant(u32, config.maxTags, [' The most tags a dataset may carry.']),
      MaxTagLength: constant(u32, config.maxTagLength, [' The longest tag, in bytes.']),
      MaxSchemaLength: constant(u32, config.maxSchemaLength, [' The longest schema, in bytes.']),
      MaxDatasetsPerOwner: constant(u32, config.maxDatasetsPerOwner, [' The most datasets one account may own, retired ones included.']),
      MaxLicenseLength: constant(u32, config.maxLicenseLength, [' The longest custom licence, in bytes.']),
      MaxSaltLength: constant(u32, config.maxSaltLength, [' The longest salt `reveal_test_split` accepts, in bytes.']),
      MaxCidLength: constant(u32, MAX_CID_LENGTH, [' The longest binary CID, in bytes.']),
    },
  };
  return { pallet, storage: datasetsStorage, registry };
}
/** What `datasetsPallet` returns: `{ pallet, storage, registry }`. */
export type DatasetsPallet = ReturnType<typeof datasetsPallet>;
export type { DatasetsConfig } from './config.ts';
export type { DatasetRegistry } from './registry.ts';
export { DatasetInfo, License } from './types.ts';
export { DatasetsError } from './errors.ts';
export { DatasetsEvent } from './events.ts';
