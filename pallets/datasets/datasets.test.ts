import { Metadata, TypeRegistry } from '@polkadot/types';
import { u8aToHex } from '@polkadot/util';
import { describe, expect, it } from 'vitest';
import { BadOrigin, DispatchFailure } from '../../runtime/framework/pallet.ts';
import { root, signed } from '../../runtime/framework/testing.ts';
import { buildMetadata } from '../../runtime/metadata/build.ts';
import { acct } from '../balances/mock.ts';
import { CID_CODEC, CID_HASH, makeCid, MAX_CID_LENGTH } from '../common/cid.ts';
import { datasetsPallet, DatasetsError } from './index.ts';
import { ascii, cidOf, commit, datasetsExt, testDatasetsConfig } from './mock.ts';

const [ALICE, BOB, CHARLIE] = [1, 2, 3].map(acct) as [Uint8Array, Uint8Array, Uint8Array];
const id = (who: Uint8Array) => ({ tag: 'Id', value: who });
const TEST_CID = cidOf('test split');
const SALT = ascii('pepper');

const args = (over: Record<string, unknown> = {}) => ({
  cid: cidOf('mnist'),
  size_bytes: 52_428_800n,
  license: { tag: 'Open' },
  tags: [ascii('vision'), ascii('digits')],
  schema: ascii('{"image":"28x28u8"}'),
  test_commitment: commit(TEST_CID, SALT),
  ...over,
});

/** Alice registered dataset 0 (`mnist`, with a test commitment) at block 1. */
function setup() {
  const t = datasetsExt();
  t.ext.assertOk(signed(ALICE), 'Datasets', 'register_dataset', args());
  return t;
}

describe('register_dataset', () => {
  it('stores the record and its indices and emits DatasetRegistered', () => {
    const t = setup();
    expect(t.info(0n)).toEqual({
      owner: ALICE,
      cid: cidOf('mnist'),
      size_bytes: 52_428_800n,
      license: { tag: 'Open' },
      tags: [ascii('vision'), ascii('digits')],
      schema: ascii('{"image":"28x28u8"}'),
      test_commitment: commit(TEST_CID, SALT),
      test_revealed: undefined,
      created_at: 1,
      retired_at: undefined,
    });
    expect(t.ext.events()).toEqual([{ pallet: 'Datasets', name: 'DatasetRegistered', value: { id: 0n, owner: ALICE, cid: cidOf('mnist') } }]);
    expect(t.registry.byCid(t.ext.state, cidOf('mnist'))).toBe(0n);
    expect(t.registry.ownedBy(t.ext.state, ALICE)).toEqual([0n]);
    expect(t.datasets.storage.NextDatasetId.get(t.ext.state)).toBe(1n);
    expect([t.registry.exists(t.ext.state, 0n), t.registry.isUsable(t.ext.state, 0n), t.registry.exists(t.ext.state, 1n)]).toEqual([true, true, false]);
    expect(t.registry.owner(t.ext.state, 0n)).toEqual(ALICE);
    expect(t.registry.testCommitment(t.ext.state, 0n)).toEqual(commit(TEST_CID, SALT));
  });

  it('accepts dag-pb and blake2b-256 CIDs, a custom licence, no tags and no commitment', () => {
    const t = setup();
    const cid = makeCid(new Uint8Array(32).fill(7), CID_CODEC.DagPb, CID_HASH.Blake2b_256);
    t.ext.assertOk(signed(BOB), 'Datasets', 'register_dataset', args({ cid, license: { tag: 'Custom', value: ascii('CC-BY-4.0') }, tags: [], test_commitment: undefined }));
    expect(t.info(1n)).toMatchObject({ owner: BOB, license: { tag: 'Custom', value: ascii('CC-BY-4.0') }, test_commitment: undefined });
    expect(t.registry.testCommitment(t.ext.state, 1n)).toBeUndefined();
  });

  const cidV0 = new Uint8Array([0x12, 0x20, ...new Uint8Array(32)]);
  const bad: [string, Record<string, unknown>, keyof typeof DatasetsError][] = [
    ['an empty CID', { cid: new Uint8Array() }, 'InvalidCid'],
    ['a CIDv0', { cid: cidV0 }, 'InvalidCid'],
    ['a dag-cbor CID', { cid: new Uint8Array([1, 0x71, 0x12, 0x20, ...new Uint8Array(32)]) }, 'InvalidCid'],
    ['a truncated CID', { cid: cidOf('x').slice(0, 30) }, 'InvalidCid'],
    ['a CID over 64 bytes', { cid: new Uint8Array(MAX_CID_LENGTH + 1).fill(1) }, 'InvalidCid'],
    ['a zero size', { size_bytes: 0n }, 'EmptyDataset'],
    ['an empty custom licence', { license: { tag: 'Custom', value: new Uint8Array() } }, 'EmptyLicense'],
    ['a 129-byte custom licence', { license: { tag: 'Custom', value: new Uint8Array(129).fill(65) } }, 'LicenseTooLong'],
    ['five tags', { tags: ['a', 'b', 'c', 'd', 'e'].map(ascii) }, 'TooManyTags'],
    ['a 9-byte tag', { tags: [ascii('123456789')] }, 'TagTooLong'],
    ['an empty tag', { tags: [ascii('a'), new Uint8Array()] }, 'EmptyTag'],
    ['a duplicate tag', { tags: [ascii('a'), ascii('a')] }, 'DuplicateTag'],
    ['a 33-byte schema', { schema: new Uint8Array(33) }, 'SchemaTooLong'],
    ['a registered CID', { cid: cidOf('mnist') }, 'CidAlreadyRegistered'],
  ];
  it.each(bad)('rejects %s', (_, over, error) => {
    const t = setup();
    t.ext.assertNoop(signed(BOB), 'Datasets', 'register_dataset', args(over), DatasetsError[error as 'InvalidCid']);
  });

  it('bounds datasets per owner and needs a signed origin', () => {
    const t = setup();
    t.ext.assertOk(signed(ALICE), 'Datasets', 'register_dataset', args({ cid: cidOf('b') }));
    t.ext.assertOk(signed(ALICE), 'Datasets', 'register_dataset', args({ cid: cidOf('c') }));
    t.ext.assertNoop(signed(ALICE), 'Datasets', 'register_dataset', args({ cid: cidOf('d') }), DatasetsError.TooManyDatasets);
    t.ext.assertNoop(root, 'Datasets', 'register_dataset', args({ cid: cidOf('d') }), BadOrigin);
    expect(t.registry.ownedBy(t.ext.state, ALICE)).toEqual([0n, 1n, 2n]);
  });
});

describe('transfer_ownership', () => {
  it('moves the record, the owner index and the counts', () => {
    const t = setup();
    t.ext.assertOk(signed(ALICE), 'Datasets', 'transfer_ownership', { id: 0n, new_owner: id(BOB) });
    expect(t.registry.owner(t.ext.state, 0n)).toEqual(BOB);
    expect([t.registry.ownedBy(t.ext.state, ALICE), t.registry.ownedBy(t.ext.state, BOB)]).toEqual([[], [0n]]);
    expect(t.datasets.storage.OwnedDatasetCount.contains(t.ext.state, ALICE)).toBe(false);
    expect(t.datasets.storage.OwnedDatasetCount.get(t.ext.state, BOB)).toBe(1);
    expect(t.ext.events().at(-1)).toEqual({ pallet: 'Datasets', name: 'OwnershipTransferred', value: { id: 0n, from: ALICE, to: BOB } });
    // The old owner has lost every right over it.
    t.ext.assertNoop(signed(ALICE), 'Datasets', 'retire', { id: 0n }, DatasetsError.NotOwner);
  });

  it('fails NotOwner, DatasetNotFound, TransferToSelf, TooManyDatasets and CannotLookup', () => {
    const t = setup();
    t.ext.assertNoop(signed(BOB), 'Datasets', 'transfer_ownership', { id: 0n, new_owner: id(BOB) }, DatasetsError.NotOwner);
    t.ext.assertNoop(signed(ALICE), 'Datasets', 'transfer_ownership', { id: 9n, new_owner: id(BOB) }, DatasetsError.DatasetNotFound);
    t.ext.assertNoop(signed(ALICE), 'Datasets', 'transfer_ownership', { id: 0n, new_owner: id(ALICE) }, DatasetsError.TransferToSelf);
    for (const name of ['b', 'c', 'd']) t.ext.assertOk(signed(BOB), 'Datasets', 'register_dataset', args({ cid: cidOf(name) }));
    t.ext.assertNoop(signed(ALICE), 'Datasets', 'transfer_ownership', { id: 0n, new_owner: id(BOB) }, DatasetsError.TooManyDatasets);
    const raw = { tag: 'Raw', value: BOB };
    t.ext.assertNoop(signed(ALICE), 'Datasets', 'transfer_ownership', { id: 0n, new_owner: raw }, new DispatchFailure({ tag: 'CannotLookup' }));
  });
});

describe('reveal_test_split', () => {
  it('records the test CID when it matches the commitment', () => {
    const t = setup();
    t.ext.assertOk(signed(ALICE), 'Datasets', 'reveal_test_split', { id: 0n, test_cid: TEST_CID, salt: SALT });
    expect(t.info(0n)!.test_revealed).toEqual(TEST_CID);
    expect(t.ext.events().at(-1)).toEqual({ pallet: 'Datasets', name: 'TestSplitRevealed', value: { id: 0n, test_cid: TEST_CID } });
    t.ext.assertNoop(signed(ALICE), 'Datasets', 'reveal_test_split', { id: 0n, test_cid: TEST_CID, salt: SALT }, DatasetsError.TestSplitAlreadyRevealed);
  });

  it('fails CommitmentMismatch on a wrong salt or CID, and the other checks', () => {
    const t = setup();
    const reveal = (over: Record<string, unknown>) => ({ id: 0n, test_cid: TEST_CID, salt: SALT, ...over });
    t.ext.assertNoop(signed(ALICE), 'Datasets', 'reveal_test_split', reveal({ salt: ascii('salt') }), DatasetsError.CommitmentMismatch);
    t.ext.assertNoop(signed(ALICE), 'Datasets', 'reveal_test_split', reveal({ test_cid: cidOf('other') }), DatasetsError.CommitmentMismatch);
    t.ext.assertNoop(signed(BOB), 'Datasets', 'reveal_test_split', reveal({}), DatasetsError.NotOwner);
    t.ext.assertNoop(signed(ALICE), 'Datasets', 'reveal_test_split', reveal({ test_cid: ascii('not a cid') }), DatasetsError.InvalidCid);
    t.ext.assertNoop(signed(ALICE), 'Datasets', 'reveal_test_split', reveal({ salt: new Uint8Array(65) }), DatasetsError.SaltTooLong);
    t.ext.assertNoop(signed(ALICE), 'Datasets', 'reveal_test_split', reveal({ id: 5n }), DatasetsError.DatasetNotFound);
    t.ext.assertOk(signed(ALICE), 'Datasets', 'register_dataset', args({ cid: cidOf('plain'), test_commitment: undefined }));
    t.ext.assertNoop(signed(ALICE), 'Datasets', 'reveal_test_split', reveal({ id: 1n }), DatasetsError.NoTestCommitment);
  });
});

describe('update_metadata and retire', () => {
  it('replaces tags and schema for the owner', () => {
    const t = setup();
    t.ext.assertOk(signed(ALICE), 'Datasets', 'update_metadata', { id: 0n, tags: [ascii('ocr')], schema: ascii('v2') });
    expect(t.info(0n)).toMatchObject({ tags: [ascii('ocr')], schema: ascii('v2'), cid: cidOf('mnist') });
    expect(t.ext.events().at(-1)).toEqual({ pallet: 'Datasets', name: 'MetadataUpdated', value: { id: 0n } });
    t.ext.assertNoop(signed(BOB), 'Datasets', 'update_metadata', { id: 0n, tags: [], schema: ascii('x') }, DatasetsError.NotOwner);
    t.ext.assertNoop(signed(ALICE), 'Datasets', 'update_metadata', { id: 0n, tags: [ascii('a'), ascii('a')], schema: ascii('x') }, DatasetsError.DuplicateTag);
  });

  it('retire marks the dataset unusable, freezes its metadata and keeps its CID taken', () => {
    const t = setup();
    t.ext.nextBlock();
    t.ext.assertNoop(signed(BOB), 'Datasets', 'retire', { id: 0n }, DatasetsError.NotOwner);
    t.ext.assertOk(signed(ALICE), 'Datasets', 'retire', { id: 0n });
    expect(t.info(0n)!.retired_at).toBe(2);
    expect([t.registry.exists(t.ext.state, 0n), t.registry.isUsable(t.ext.state, 0n)]).toEqual([true, false]);
    expect(t.ext.events()).toEqual([{ pallet: 'Datasets', name: 'DatasetRetired', value: { id: 0n } }]);
    t.ext.assertNoop(signed(ALICE), 'Datasets', 'retire', { id: 0n }, DatasetsError.Retired);
    t.ext.assertNoop(signed(ALICE), 'Datasets', 'update_metadata', { id: 0n, tags: [], schema: ascii('x') }, DatasetsError.Retired);
    t.ext.assertNoop(signed(BOB), 'Datasets', 'register_dataset', args(), DatasetsError.CidAlreadyRegistered);
    // Evaluation of past jobs may still need the test split, and the owner may still hand it on.
    t.ext.assertOk(signed(ALICE), 'Datasets', 'reveal_test_split', { id: 0n, test_cid: TEST_CID, salt: SALT });
    t.ext.assertOk(signed(ALICE), 'Datasets', 'transfer_ownership', { id: 0n, new_owner: id(CHARLIE) });
  });
});

describe('config', () => {
  it.each([['maxTags', 0], ['maxSchemaLength', 1.5], ['maxSaltLength', -1]])('rejects %s = %s', (name, value) => {
    expect(() => datasetsPallet({ ...testDatasetsConfig, [name]: value })).toThrow(`Datasets config: ${name} must be a positive u32`);
  });
});

describe('metadata', () => {
  it('decodes with @polkadot/types: calls, errors and a stored DatasetInfo', () => {
    const t = setup();
    const registry = new TypeRegistry();
    const metadata = new Metadata(registry, u8aToHex(buildMetadata({ composed: t.runtime, apis: [] }).v14));
    registry.setMetadata(metadata);
    const pallet = metadata.asLatest.pallets.find((p) => p.name.toString() === 'Datasets')!;
    expect(pallet.index.toNumber()).toBe(12);
    expect(registry.findMetaCall(new Uint8Array([12, 2])).method).toBe('revealTestSplit');
    expect(registry.findMetaError({ index: registry.createType('u8', 12), error: registry.createType('u8', 16) } as never).name).toBe('CommitmentMismatch');
    const item = pallet.storage.unwrap().items.find((i) => i.name.toString() === 'Datasets')!;
    const type = registry.lookup.getTypeDef(item.type.asMap.value).lookupName!;
    const raw = t.ext.state.get(Buffer.from(t.datasets.storage.Datasets.storageKey(0n)).toString('latin1'))!;
    expect(registry.createType(type, raw).toJSON()).toMatchObject({ owner: registry.createType('AccountId32', ALICE).toString(), sizeBytes: 52_428_800, license: { open: null } });
  });
});
