/** Test support (not part of any runtime): a mock runtime with System at 0 and Datasets at 12, and sample CIDs. */
import { blake2_256 } from '../../runtime/framework/hashers.ts';
import { composeRuntime, type ComposedRuntime } from '../../runtime/framework/runtime.ts';
import { newTestExt } from '../../runtime/framework/testing.ts';
import { mockSystem } from '../balances/mock.ts';
import { rawCidOf } from '../common/cid.ts';
import type { DatasetsConfig } from './config.ts';
import { datasetsPallet } from './index.ts';

/** Small bounds so tests reach them: 4 tags of ≤ 8 bytes, a 32-byte schema, 3 datasets per owner. */
export const testDatasetsConfig: DatasetsConfig = { maxTags: 4, maxTagLength: 8, maxSchemaLength: 32, maxDatasetsPerOwner: 3 };

/** ASCII bytes. */
export const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);
/** The raw sha2-256 CIDv1 of the text `name`: a distinct valid CID per name. */
export const cidOf = (name: string): Uint8Array => rawCidOf(ascii(name));
/** The commitment `register_dataset` expects for a test split: `blake2_256(test_cid ++ salt)`. */
export const commit = (testCid: Uint8Array, salt: Uint8Array): Uint8Array => blake2_256(new Uint8Array([...testCid, ...salt]));

/** A fresh mock runtime and test externalities. */
export function datasetsExt(config: DatasetsConfig = testDatasetsConfig) {
  let runtime: ComposedRuntime | undefined;
  const system = mockSystem(() => runtime!);
  const datasets = datasetsPallet(config);
  runtime = composeRuntime('test_runtime', [
    { index: 0, pallet: system.pallet },
    { index: 12, pallet: datasets.pallet },
  ]);
  const ext = newTestExt(runtime);
  return { ext, runtime, datasets, registry: datasets.registry, info: (id: bigint) => datasets.storage.Datasets.get(ext.state, id) };
}
