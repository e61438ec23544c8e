/** `bench/weights` cases for Datasets and Models (registration, metadata, access with royalties up the lineage). */
import { blake2AsU8a } from '@polkadot/util-crypto';
import { UNIT } from '../../runtime/runtime.ts';
import { type BenchChain, callOf } from './chain.ts';
import { rootPoint, signedPoint } from './points.ts';
import type { Case } from './runner.ts';
import { ACCOUNTS, addr, cid, datasetCall, modelCall, owner, utf8, type World } from './world.ts';

const TEST_CID = cid('mnist-test');
const salt = (n: number) => new Uint8Array(n).fill(0x33);
const tagList = (n: number) => Array.from({ length: n }, (_, i) => utf8(`u${i}`.padEnd(32, '.')));
const modelId = (c: BenchChain) => c.runtime.models.storage.NextModelId.get(c.exec.state);
const spare = (w: World, i: number) => w.chain.keys.get(ACCOUNTS.spare + 400 + i);

export const datasetsCases: Case[] = [
  {
    name: 'Datasets.register_dataset', weightFn: 'DatasetsWeights.registerDataset', component: 'tags', values: [0, 4, 8, 16],
    prepare: (w, n) => signedPoint(w, owner(w), datasetCall('ds-tags', n)),
  },
  {
    name: 'Datasets.register_dataset', weightFn: 'DatasetsWeights.registerDataset', component: 'schema bytes', values: [0, 1024, 2048, 4096],
    prepare: (w, n) => signedPoint(w, owner(w), datasetCall('ds-schema', 0, n)),
  },
  { name: 'Datasets.transfer_ownership', weightFn: 'DatasetsWeights.transferOwnership', prepare: (w) => signedPoint(w, w.alice, callOf('Datasets', 'transfer_ownership', { id: 0n, new_owner: addr(owner(w)) })) },
  {
    name: 'Datasets.reveal_test_split', weightFn: 'DatasetsWeights.revealTestSplit', component: 'salt bytes', values: [0, 32, 64],
    prepare: (w, n) =>
      signedPoint(w, w.alice, callOf('Datasets', 'reveal_test_split', { id: 1n, test_cid: TEST_CID, salt: salt(n) }), {
        setup: (c) => c.as(w.alice, datasetCall('with-test', 1, 0, 32, blake2AsU8a(new Uint8Array([...TEST_CID, ...salt(n)])))),
      }),
  },
  {
    name: 'Datasets.update_metadata', weightFn: 'DatasetsWeights.updateMetadata', component: 'tags', values: [0, 4, 8, 16],
    prepare: (w, n) => signedPoint(w, w.alice, callOf('Datasets', 'update_metadata', { id: 0n, tags: tagList(n), schema: new Uint8Array() })),
  },
  {
    name: 'Datasets.update_metadata', weightFn: 'DatasetsWeights.updateMetadata', component: 'schema bytes', values: [0, 1024, 2048, 4096],
    prepare: (w, n) => signedPoint(w, w.alice, callOf('Datasets', 'update_metadata', { id: 0n, tags: [], schema: new Uint8Array(n).fill(0x7b) })),
  },
  { name: 'Datasets.retire', weightFn: 'DatasetsWeights.retire', prepare: (w) => signedPoint(w, w.alice, callOf('Datasets', 'retire', { id: 0n })) },
];

/** A Commercial model of Alice's, unpublished (id 1 on a fork of the world). */
const commercial = (w: World) => (c: BenchChain) => c.as(w.alice, modelCall('commercial', { license: 'Commercial', base: 0n, dataset: 0n }));
const tier = (price: bigint) => ({ price, duration_blocks: 1_000, max_uses: 10 });

/**
 * A leaf model with `depth` ancestors, each Open, published and owned by a different account that does not exist
 * yet (royalties create it: the costly path), the leaf Commercial, published, with one tier.
 */
function lineage(w: World, depth: number) {
  return (c: BenchChain) => {
    let base: bigint | undefined;
    for (let i = 0; i <= depth; i++) {
      const who = spare(w, i);
      const id = modelId(c);
      c.as(who, modelCall(`lineage-${i}`, { base, license: i === depth ? 'Commercial' : 'Open' }));
      c.as(who, callOf('Models', 'publish', { model_id: id }));
      base = id;
    }
    c.as(spare(w, depth), callOf('Models', 'set_access_tiers', { model_id: base, tiers: [tier(100n * UNIT)] }));
  };
}

export const modelsCases: Case[] = [
  {
    name: 'Models.register_model', weightFn: 'ModelsWeights.registerModel', component: 'field bytes', values: [16, 64, 128],
    prepare: (w, n) => signedPoint(w, owner(w), modelCall('derived', { base: 0n, dataset: 0n, fieldBytes: n })),
  },
  {
    name: 'Models.register_model', weightFn: 'ModelsWeights.registerModel', component: 'tensors', values: [1, 8, 16],
    prepare: (w, n) => signedPoint(w, owner(w), modelCall('derived', { base: 0n, dataset: 0n, tensors: n })),
  },
  {
    name: 'Models.add_version', weightFn: 'ModelsWeights.addVersion', component: 'notes bytes', values: [0, 512, 1024],
    prepare: (w, n) => signedPoint(w, w.alice, callOf('Models', 'add_version', { model_id: 0n, cid: cid('v2'), model_hash: new Uint8Array(32).fill(9), checkpoint_root: new Uint8Array(32).fill(8), notes: new Uint8Array(n).fill(0x6e) })),
  },
  { name: 'Models.publish', weightFn: 'ModelsWeights.setFlag', prepare: (w) => signedPoint(w, w.alice, callOf('Models', 'publish', { model_id: 1n }), { setup: commercial(w) }) },
  { name: 'Models.unpublish', weightFn: 'ModelsWeights.setFlag', prepare: (w) => signedPoint(w, w.alice, callOf('Models', 'unpublish', { model_id: 0n })) },
  { name: 'Models.revoke', weightFn: 'ModelsWeights.setFlag', prepare: (w) => signedPoint(w, w.alice, callOf('Models', 'revoke', { model_id: 0n })) },
  { name: 'Models.revoke(root)', weightFn: 'ModelsWeights.setFlag', prepare: (w) => rootPoint(w, callOf('Models', 'revoke', { model_id: 0n })) },
  { name: 'Models.transfer_ownership', weightFn: 'ModelsWeights.transferOwnership', prepare: (w) => signedPoint(w, w.alice, callOf('Models', 'transfer_ownership', { model_id: 0n, new_owner: addr(owner(w)) })) },
  {
    name: 'Models.set_access_tiers', weightFn: 'ModelsWeights.setAccessTiers', component: 'tiers', values: [0, 4, 8],
    prepare: (w, n) => signedPoint(w, w.alice, callOf('Models', 'set_access_tiers', { model_id: 1n, tiers: Array.from({ length: n }, (_, i) => tier(BigInt(i + 1) * UNIT)) }), { setup: commercial(w) }),
  },
  {
    name: 'Models.purchase_access', weightFn: 'ModelsWeights.purchaseAccess', component: 'lineage depth', values: [0, 1, 2, 3, 4, 5],
    prepare: (w, n) => signedPoint(w, owner(w, 1), (c) => callOf('Models', 'purchase_access', { model_id: modelId(c) - 1n, tier_index: 0 }), { setup: lineage(w, n) }),
  },
  {
    name: 'Models.record_usage', weightFn: 'ModelsWeights.recordUsage',
    prepare: (w) =>
      signedPoint(w, owner(w, 1), (c) => callOf('Models', 'record_usage', { model_id: modelId(c) - 1n }), {
        setup: (c) => {
          lineage(w, 1)(c);
          c.as(owner(w, 1), callOf('Models', 'purchase_access', { model_id: modelId(c) - 1n, tier_index: 0 }));
        },
      }),
  },
];
