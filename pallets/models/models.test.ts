import { Metadata, TypeRegistry } from '@polkadot/types';
import { u8aToHex } from '@polkadot/util';
import { describe, expect, it } from 'vitest';
import { BadOrigin } from '../../runtime/framework/pallet.ts';
import { none, root, signed } from '../../runtime/framework/testing.ts';
import { buildMetadata } from '../../runtime/metadata/build.ts';
import { keyString } from '../../runtime/state/overlay.ts';
import { ModelsError, type TrainedModel } from './index.ts';
import { ALICE, BOB, CHARLIE, cid, DATASET, dagPbCid, hash, id, modelArgs, setup, text, tier } from './mock.ts';

const E = ModelsError;

describe('register_model', () => {
  it('stores the record, version 1, the indexes, and emits ModelRegistered', () => {
    const t = setup();
    t.ext.assertOk(signed(ALICE), 'Models', 'register_model', modelArgs(1, { training_dataset: DATASET, cid: dagPbCid(1) }));
    expect(t.model(0n)).toMatchObject({
      owner: ALICE,
      cid: dagPbCid(1),
      model_hash: hash(1),
      name: text('model-1'),
      model_type: { tag: 'Vision' },
      inputs: [{ dims: [0, 3, 224, 224], dtype: { tag: 'Float32' } }],
      license: { tag: 'Commercial' },
      base_model: undefined,
      training_dataset: DATASET,
      training_job: undefined,
      lineage_depth: 0,
      published: false,
      created_at: 1,
      version_count: 1,
      usage_count: 0n,
      revoked: false,
    });
    expect(t.storage.NextModelId.get(t.ext.state)).toBe(1n);
    expect(t.storage.ModelByHash.get(t.ext.state, hash(1))).toBe(0n);
    expect(t.storage.ModelsByOwner.get(t.ext.state, ALICE, 0n)).toBe(1);
    expect(t.storage.Versions.get(t.ext.state, 0n, 1)).toEqual({
      version: 1, cid: dagPbCid(1), model_hash: hash(1), parent_version: undefined, checkpoint_root: undefined, created_at: 1, notes: new Uint8Array(),
    });
    expect(t.ext.events()).toEqual([
      { pallet: 'Models', name: 'ModelRegistered', value: { model_id: 0n, owner: ALICE, model_hash: hash(1), base_model: undefined, training_job: undefined } },
    ]);
  });

  it('gives sequential ids', () => {
    const t = setup();
    expect([t.register(ALICE, 1), t.register(BOB, 2), t.register(ALICE, 3)]).toEqual([0n, 1n, 2n]);
    expect(t.storage.ModelsByOwner.entries(t.ext.state).map(([k]) => k[1]).sort()).toEqual([0n, 1n, 2n]);
  });

  it.each([
    ['an invalid CID', { cid: text('not a cid') }, E.InvalidCid],
    ['a CIDv0', { cid: new Uint8Array([0x12, 0x20, ...hash(1)]) }, E.InvalidCid],
    ['an empty name', { name: new Uint8Array() }, E.EmptyName],
    ['a name of 129 bytes', { name: new Uint8Array(129).fill(97) }, E.NameTooLong],
    ['a long architecture', { architecture: new Uint8Array(257) }, E.FieldTooLong],
    ['a long framework', { framework: new Uint8Array(257) }, E.FieldTooLong],
    ['a long custom licence', { license: { tag: 'Custom', value: new Uint8Array(257) } }, E.FieldTooLong],
    ['17 inputs', { inputs: Array.from({ length: 17 }, () => ({ dims: [1], dtype: { tag: 'Bool' } })) }, E.TooManyTensors],
    ['an output of 9 dims', { outputs: [{ dims: [1, 1, 1, 1, 1, 1, 1, 1, 1], dtype: { tag: 'Int64' } }] }, E.TooManyDims],
    ['an unknown dataset', { training_dataset: 8n }, E.DatasetNotFound],
    ['an unknown base model', { base_model: 5n }, E.BaseModelNotFound],
  ])('fails with %s', (_, overrides, error) => {
    const t = setup();
    t.ext.assertNoop(signed(ALICE), 'Models', 'register_model', modelArgs(1, overrides), error);
  });

  it('accepts the bounds exactly', () => {
    const t = setup();
    t.register(ALICE, 1, { name: new Uint8Array(128).fill(97), inputs: Array.from({ length: 16 }, () => ({ dims: [1, 2, 3, 4, 5, 6, 7, 8], dtype: { tag: 'Uint8' } })) });
  });

  it('rejects a weights hash registered before, by anyone', () => {
    const t = setup();
    t.register(ALICE, 1);
    t.ext.assertNoop(signed(BOB), 'Models', 'register_model', modelArgs(2, { model_hash: hash(1) }), E.DuplicateModel);
  });

  it('needs a signed origin', () => {
    const t = setup();
    t.ext.assertNoop(root, 'Models', 'register_model', modelArgs(1), BadOrigin);
    t.ext.assertNoop(none, 'Models', 'register_model', modelArgs(1), BadOrigin);
  });
});

describe('derivatives and lineage', () => {
  it('builds on an Open base: depth + 1, a Children entry, and lineage up to the root', () => {
    const t = setup();
    const a = t.publish(ALICE, 1, { license: { tag: 'Open' } });
    const b = t.publish(BOB, 2, { base_model: a, license: { tag: 'Open' } });
    const c = t.register(CHARLIE, 3, { base_model: b });
    expect([t.model(a)!.lineage_depth, t.model(b)!.lineage_depth, t.model(c)!.lineage_depth]).toEqual([0, 1, 2]);
    expect(t.storage.Children.contains(t.ext.state, a, b)).toBe(true);
    expect(t.storage.Children.contains(t.ext.state, b, c)).toBe(true);
    expect(t.registry.lineage(t.ext.state, c)).toEqual([b, a]);
    expect(t.registry.lineage(t.ext.state, a)).toEqual([]);
    expect(t.ext.events().at(-1)).toMatchObject({ name: 'ModelRegistered', value: { model_id: c, base_model: b } });
  });

  it('needs the base published', () => {
    const t = setup();
    const a = t.register(ALICE, 1, { license: { tag: 'Open' } });
    t.ext.assertNoop(signed(BOB), 'Models', 'register_model', modelArgs(2, { base_model: a }), E.BaseNotPublished);
  });

  it('needs an access grant for a Commercial or ResearchOnly base; the owner needs none', () => {
    for (const license of [{ tag: 'Commercial' }, { tag: 'ResearchOnly' }]) {
      const t = setup();
      const a = t.publish(ALICE, 1, { license }, [tier(100n)]);
      t.ext.assertNoop(signed(BOB), 'Models', 'register_model', modelArgs(2, { base_model: a }), E.LicenseForbidsDerivative);
      t.register(ALICE, 3, { base_model: a });
      t.ext.assertOk(signed(BOB), 'Models', 'purchase_access', { model_id: a, tier_index: 0 });
      t.register(BOB, 2, { base_model: a });
    }
  });

  it('refuses derivatives of a Custom base except by its owner', () => {
    const t = setup();
    const a = t.publish(ALICE, 1, { license: { tag: 'Custom', value: text('ipfs://terms') } }, [tier(100n)]);
    t.ext.assertOk(signed(BOB), 'Models', 'purchase_access', { model_id: a, tier_index: 0 });
    t.ext.assertNoop(signed(BOB), 'Models', 'register_model', modelArgs(2, { base_model: a }), E.LicenseForbidsDerivative);
    t.register(ALICE, 3, { base_model: a });
  });

  it('refuses a revoked base', () => {
    const t = setup();
    const a = t.publish(ALICE, 1, { license: { tag: 'Open' } });
    t.ext.assertOk(root, 'Models', 'revoke', { model_id: a });
    t.ext.assertNoop(signed(BOB), 'Models', 'register_model', modelArgs(2, { base_model: a }), E.Revoked);
  });

  it('caps the depth at MaxLineageDepth', () => {
    const t = setup({ maxLineageDepth: 2 });
    const open = { license: { tag: 'Open' } };
    const a = t.publish(ALICE, 1, open);
    const b = t.publish(ALICE, 2, { ...open, base_model: a });
    const c = t.publish(ALICE, 3, { ...open, base_model: b });
    expect(t.model(c)!.lineage_depth).toBe(2);
    t.ext.assertNoop(signed(ALICE), 'Models', 'register_model', modelArgs(4, { ...open, base_model: c }), E.LineageTooDeep);
  });
});

describe('add_version', () => {
  it('adds version 2 with its parent and makes it current', () => {
    const t = setup();
    const m = t.register(ALICE, 1);
    t.ext.nextBlock();
    t.ext.assertOk(signed(ALICE), 'Models', 'add_version', { model_id: m, cid: cid(2), model_hash: hash(2), checkpoint_root: hash(0xcc), notes: text('fine-tuned') });
    expect(t.storage.Versions.get(t.ext.state, m, 2)).toEqual({
      version: 2, cid: cid(2), model_hash: hash(2), parent_version: 1, checkpoint_root: hash(0xcc), created_at: 2, notes: text('fine-tuned'),
    });
    expect(t.model(m)).toMatchObject({ cid: cid(2), model_hash: hash(2), version_count: 2 });
    expect(t.storage.ModelByHash.get(t.ext.state, hash(2))).toBe(m);
    expect(t.ext.events()).toEqual([{ pallet: 'Models', name: 'VersionAdded', value: { model_id: m, version: 2, model_hash: hash(2) } }]);
  });

  it('fails for another account, an unknown model, bad input, a known hash, too many versions, a revoked model', () => {
    const t = setup({ maxVersions: 2, maxNotesLength: 4 });
    const m = t.register(ALICE, 1);
    const v = (n: number, extra: Record<string, unknown> = {}) => ({ model_id: m, cid: cid(n), model_hash: hash(n), checkpoint_root: undefined, notes: text('ok'), ...extra });
    t.ext.assertNoop(signed(BOB), 'Models', 'add_version', v(2), E.NotOwner);
    t.ext.assertNoop(signed(ALICE), 'Models', 'add_version', v(2, { model_id: 9n }), E.ModelNotFound);
    t.ext.assertNoop(signed(ALICE), 'Models', 'add_version', v(2, { cid: new Uint8Array(65) }), E.InvalidCid);
    t.ext.assertNoop(signed(ALICE), 'Models', 'add_version', v(2, { notes: text('too long') }), E.NotesTooLong);
    t.ext.assertNoop(signed(ALICE), 'Models', 'add_version', v(1), E.DuplicateModel);
    t.ext.assertOk(signed(ALICE), 'Models', 'add_version', v(2));
    t.ext.assertNoop(signed(ALICE), 'Models', 'add_version', v(3), E.TooManyVersions);
    const n = t.register(ALICE, 4);
    t.ext.assertOk(signed(ALICE), 'Models', 'revoke', { model_id: n });
    t.ext.assertNoop(signed(ALICE), 'Models', 'add_version', v(5, { model_id: n }), E.Revoked);
  });
});

describe('publish and unpublish', () => {
  it('toggle the flag for the owner only, with events', () => {
    const t = setup();
    const m = t.register(ALICE, 1);
    t.ext.assertNoop(signed(BOB), 'Models', 'publish', { model_id: m }, E.NotOwner);
    t.ext.assertNoop(signed(ALICE), 'Models', 'unpublish', { model_id: m }, E.NotPublished);
    t.ext.assertOk(signed(ALICE), 'Models', 'publish', { model_id: m });
    expect(t.model(m)!.published).toBe(true);
    t.ext.assertNoop(signed(ALICE), 'Models', 'publish', { model_id: m }, E.AlreadyPublished);
    t.ext.assertNoop(signed(BOB), 'Models', 'unpublish', { model_id: m }, E.NotOwner);
    t.ext.assertOk(signed(ALICE), 'Models', 'unpublish', { model_id: m });
    expect(t.model(m)!.published).toBe(false);
    expect(t.ext.events().map((e) => e.name)).toEqual(['ModelRegistered', 'ModelPublished', 'ModelUnpublished']);
    t.ext.assertNoop(signed(ALICE), 'Models', 'publish', { model_id: 9n }, E.ModelNotFound);
  });
});

describe('transfer_ownership', () => {
  it('moves the record and the owner index; the old owner loses control', () => {
    const t = setup();
    const m = t.register(ALICE, 1);
    t.ext.assertOk(signed(ALICE), 'Models', 'transfer_ownership', { model_id: m, new_owner: id(BOB) });
    expect(t.registry.ownerOf(t.ext.state, m)).toEqual(BOB);
    expect(t.storage.ModelsByOwner.contains(t.ext.state, ALICE, m)).toBe(false);
    expect(t.storage.ModelsByOwner.contains(t.ext.state, BOB, m)).toBe(true);
    expect(t.ext.events().at(-1)).toEqual({ pallet: 'Models', name: 'OwnershipTransferred', value: { model_id: m, from: ALICE, to: BOB } });
    t.ext.assertNoop(signed(ALICE), 'Models', 'publish', { model_id: m }, E.NotOwner);
    t.ext.assertNoop(signed(ALICE), 'Models', 'transfer_ownership', { model_id: m, new_owner: id(ALICE) }, E.NotOwner);
    t.ext.assertOk(signed(BOB), 'Models', 'publish', { model_id: m });
  });

  it('is a no-op to oneself, fails for unknown or revoked models', () => {
    const t = setup();
    const m = t.register(ALICE, 1);
    const before = t.ext.snapshot();
    t.ext.assertOk(signed(ALICE), 'Models', 'transfer_ownership', { model_id: m, new_owner: id(ALICE) });
    expect(t.ext.snapshot()).toEqual(before);
    t.ext.assertNoop(signed(ALICE), 'Models', 'transfer_ownership', { model_id: 3n, new_owner: id(BOB) }, E.ModelNotFound);
    t.ext.assertOk(signed(ALICE), 'Models', 'revoke', { model_id: m });
    t.ext.assertNoop(signed(ALICE), 'Models', 'transfer_ownership', { model_id: m, new_owner: id(BOB) }, E.Revoked);
  });
});

describe('revoke', () => {
  it('by the owner or Root: unpublished, no access, hash stays taken', () => {
    const t = setup();
    const m = t.publish(ALICE, 1, { license: { tag: 'Open' } });
    t.ext.assertNoop(signed(BOB), 'Models', 'revoke', { model_id: m }, E.NotOwner);
    t.ext.assertNoop(none, 'Models', 'revoke', { model_id: m }, BadOrigin);
    t.ext.assertOk(signed(ALICE), 'Models', 'revoke', { model_id: m });
    expect(t.model(m)).toMatchObject({ revoked: true, published: false });
    expect(t.ext.events().at(-1)).toEqual({ pallet: 'Models', name: 'ModelRevoked', value: { model_id: m } });
    expect(t.registry.hasAccess(t.ext.state, m, ALICE, 1)).toBe(false);
    t.ext.assertNoop(root, 'Models', 'revoke', { model_id: m }, E.Revoked);
    t.ext.assertNoop(root, 'Models', 'revoke', { model_id: 4n }, E.ModelNotFound);
    t.ext.assertNoop(signed(BOB), 'Models', 'register_model', modelArgs(2, { model_hash: hash(1) }), E.DuplicateModel);
    const n = t.register(BOB, 3);
    t.ext.assertOk(root, 'Models', 'revoke', { model_id: n });
    expect(t.model(n)!.revoked).toBe(true);
  });
});

describe('registerTrainedModel (the jobs pallet API)', () => {
  const trained = (n: number, extra: Record<string, unknown> = {}): TrainedModel =>
    ({ ...modelArgs(n), owner: BOB, training_job: 42n, training_dataset: DATASET, checkpoint_root: hash(0xcc), ...extra }) as unknown as TrainedModel;

  it('registers for the owner with the job, the dataset and the checkpoint root on version 1', () => {
    const t = setup();
    const m = t.registry.registerTrainedModel(t.ext.ctx, trained(1));
    expect(t.model(m)).toMatchObject({ owner: BOB, training_job: 42n, training_dataset: DATASET, published: false });
    expect(t.storage.Versions.get(t.ext.state, m, 1)!.checkpoint_root).toEqual(hash(0xcc));
    expect(t.ext.events()).toEqual([
      { pallet: 'Models', name: 'ModelRegistered', value: { model_id: m, owner: BOB, model_hash: hash(1), base_model: undefined, training_job: 42n } },
    ]);
    expect(t.registry.exists(t.ext.state, m)).toBe(true);
    expect(t.registry.get(t.ext.state, m)!.name).toEqual(text('model-1'));
  });

  it('applies the same checks, for the owner, and writes nothing when it throws', () => {
    const t = setup();
    const a = t.publish(ALICE, 1, {}, [tier(100n)]);
    const before = t.ext.snapshot();
    expect(() => t.registry.registerTrainedModel(t.ext.ctx, trained(2, { base_model: a }))).toThrow(E.LicenseForbidsDerivative);
    expect(() => t.registry.registerTrainedModel(t.ext.ctx, trained(2, { training_dataset: 99n }))).toThrow(E.DatasetNotFound);
    expect(() => t.registry.registerTrainedModel(t.ext.ctx, trained(1))).toThrow(E.DuplicateModel);
    expect(t.ext.snapshot()).toEqual(before);
    t.ext.assertOk(signed(BOB), 'Models', 'purchase_access', { model_id: a, tier_index: 0 });
    const m = t.registry.registerTrainedModel(t.ext.ctx, trained(2, { base_model: a }));
    expect(t.model(m)!.lineage_depth).toBe(1);
  });
});

describe('metadata', () => {
  it('declares calls, events, errors and constants at their indices', () => {
    const t = setup();
    const p = t.models.pallet;
    expect(Object.fromEntries(Object.entries(p.calls!).map(([k, v]) => [k, v.index]))).toEqual({
      register_model: 0, add_version: 1, publish: 2, unpublish: 3, set_access_tiers: 4, purchase_access: 5, record_usage: 6, transfer_ownership: 7, revoke: 8,
    });
    expect(t.runtime.palletIndex('Models')).toBe(13);
    expect(Object.keys(p.constants!)).toContain('OwnerShare');
    expect(p.storage!.map((s) => s.name)).toEqual(['NextModelId', 'Models', 'ModelByHash', 'ModelsByOwner', 'Versions', 'Children', 'AccessTiers', 'Access', 'Usage']);
  });

  it('decodes with @polkadot/types: a stored ModelInfo, a call, an error, with their docs', () => {
    const t = setup();
    const m = t.register(ALICE, 1, { license: { tag: 'Custom', value: text('ipfs://terms') }, training_dataset: DATASET });
    const registry = new TypeRegistry();
    const metadata = new Metadata(registry, u8aToHex(buildMetadata({ composed: t.runtime, apis: [] }).v14));
    registry.setMetadata(metadata);
    const pallet = metadata.asLatest.pallets.find((p) => p.name.toString() === 'Models')!;
    expect(pallet.index.toNumber()).toBe(13);
    const call = registry.findMetaCall(new Uint8Array([13, 5]));
    expect([call.method, call.meta.args.map((a) => a.name.toString())]).toEqual(['purchaseAccess', ['modelId', 'tierIndex']]);
    const error = registry.findMetaError({ index: registry.createType('u8', 13), error: registry.createType('u8', 11) } as never);
    expect(error.name).toBe('LicenseForbidsDerivative');
    expect(error.docs[0]).toMatch(/licence/);
    const item = pallet.storage.unwrap().items.find((i) => i.name.toString() === 'Models')!;
    const typeName = registry.lookup.getTypeDef(item.type.asMap.value).lookupName!;
    const raw = t.ext.state.get(keyString(t.storage.Models.storageKey(m)))!;
    expect(registry.createType(typeName, raw).toJSON()).toMatchObject({
      owner: registry.createType('AccountId32', ALICE).toString(),
      name: u8aToHex(text('model-1')),
      modelType: 'Vision',
      inputs: [{ dims: [0, 3, 224, 224], dtype: 'Float32' }],
      license: { custom: u8aToHex(text('ipfs://terms')) },
      trainingDataset: 7,
      lineageDepth: 0,
      versionCount: 1,
    });
  });

  it('rejects impossible configs', () => {
    expect(() => setup({ ownerShare: 1_000_001 })).toThrow(/ownerShare/);
    expect(() => setup({ maxLineageDepth: 256 })).toThrow(/maxLineageDepth/);
    expect(() => setup({ maxTiers: 0 })).toThrow(/maxTiers/);
  });
});
