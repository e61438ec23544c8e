/** Datasets calls. Each checks the origin, validates everything, then writes and emits one past-tense event. */
import { blake2_256 } from '../../runtime/framework/hashers.ts';
import { call, ensureSigned, Overflow } from '../../runtime/framework/pallet.ts';
import { type AccountId, H256, MultiAddress } from '../../runtime/primitives.ts';
import { bytes, compact, option, u64, vec } from '../../runtime/scale/codec.ts';
import type { StateReader } from '../../runtime/state/overlay.ts';
import { lookupAddress, sameAccount } from '../balances/lookup.ts';
import type { ResolvedDatasetsConfig } from './config.ts';
import { DatasetsError } from './errors.ts';
import { DatasetsEvent } from './events.ts';
import { datasetsStorage as S } from './storage.ts';
import { type DatasetInfo, License } from './types.ts';
import { ensureCid, ensureLicense, ensureMetadata } from './validate.ts';
import { DatasetsWeights } from './weights.ts';

const U64_MAX = (1n << 64n) - 1n;
const equalBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The dataset `id`, which `who` must own. */
function owned(state: StateReader, who: AccountId, id: bigint): DatasetInfo {
  const info = S.Datasets.get(state, id);
  if (!info) throw DatasetsError.DatasetNotFound;
  if (!sameAccount(info.owner, who)) throw DatasetsError.NotOwner;
  return info;
}

function ensureRoomFor(config: ResolvedDatasetsConfig, state: StateReader, owner: AccountId): number {
  const count = S.OwnedDatasetCount.get(state, owner);
  if (count >= config.maxDatasetsPerOwner) throw DatasetsError.TooManyDatasets;
  return count;
}

/** The call table; every call but `register_dataset` acts only on a dataset the caller owns. */
export function datasetsCalls(config: ResolvedDatasetsConfig) {
  return {
    register_dataset: call({
      index: 0,
      args: { cid: bytes, size_bytes: compact(u64), license: License, tags: vec(bytes), schema: bytes, test_commitment: option(H256) },
      docs: [
        ' Register a dataset by its CIDv1, owned by the caller. `test_commitment`, when given, is',
        ' `blake2_256(test_cid ++ salt)` of a held-out test split, revealed later with `reveal_test_split`.',
      ],
      weight: ({ cid, tags, schema }) => DatasetsWeights.registerDataset(cid.length, tags, schema.length),
      argTypeNames: { cid: 'BoundedVec<u8, ConstU32<64>>', tags: 'BoundedVec<BoundedVec<u8, T::MaxTagLength>, T::MaxTags>' },
      dispatch: (ctx, origin, { cid, size_bytes, license, tags, schema, test_commitment }) => {
        const owner = ensureSigned(origin);
        ensureCid(cid);
        if (size_bytes === 0n) throw DatasetsError.EmptyDataset;
        ensureLicense(config, license);
        ensureMetadata(config, tags, schema);
        if (S.DatasetByCid.contains(ctx.state, cid)) throw DatasetsError.CidAlreadyRegistered;
        const count = ensureRoomFor(config, ctx.state, owner);
        const id = S.NextDatasetId.get(ctx.state);
        if (id >= U64_MAX) throw Overflow;
        const info: DatasetInfo = {
          owner,
          cid,
          size_bytes,
          license,
          tags,
          schema,
          test_commitment,
          test_revealed: undefined,
          created_at: ctx.block.number,
          retired_at: undefined,
        };
        S.NextDatasetId.set(ctx.state, id + 1n);
        S.Datasets.insert(ctx.state, info, id);
        S.DatasetsByOwner.insert(ctx.state, [], owner, id);
        S.OwnedDatasetCount.insert(ctx.state, count + 1, owner);
        S.DatasetByCid.insert(ctx.state, id, cid);
        ctx.deposit(DatasetsEvent, { tag: 'DatasetRegistered', value: { id, owner, cid } });
      },
    }),
    transfer_ownership: call({
      index: 1,
      args: { id: compact(u64), new_owner: MultiAddress },
      docs: [' Give a dataset the caller owns to `new_owner` (who must have room under `MaxDatasetsPerOwner`).'],
      weight: DatasetsWeights.transferOwnership,
      argTypeNames: { new_owner: 'AccountIdLookupOf<T>' },
      dispatch: (ctx, origin, { id, new_owner }) => {
        const from = ensureSigned(origin);
        const to = lookupAddress(new_owner);
        const info = owned(ctx.state, from, id);
        if (sameAccount(from, to)) throw DatasetsError.TransferToSelf;
        const toCount = ensureRoomFor(config, ctx.state, to);
        S.Datasets.insert(ctx.state, { ...info, owner: to }, id);
        S.DatasetsByOwner.remove(ctx.state, from, id);
        S.DatasetsByOwner.insert(ctx.state, [], to, id);
        const fromCount = S.OwnedDatasetCount.get(ctx.state, from);
        if (fromCount <= 1) S.OwnedDatasetCount.remove(ctx.state, from);
        else S.OwnedDatasetCount.insert(ctx.state, fromCount - 1, from);
        S.OwnedDatasetCount.insert(ctx.state, toCount + 1, to);
        ctx.deposit(DatasetsEvent, { tag: 'OwnershipTransferred', value: { id, from, to } });
      },
    }),
    reveal_test_split: call({
      index: 2,
      args: { id: compact(u64), test_cid: bytes, salt: bytes },
      docs: [' Reveal the held-out test split: `blake2_256(test_cid ++ salt)` must equal the commitment. Owner only.'],
      weight: ({ test_cid, salt }) => DatasetsWeights.revealTestSplit(test_cid.length + salt.length),
      dispatch: (ctx, origin, { id, test_cid, salt }) => {
        const who = ensureSigned(origin);
        ensureCid(test_cid);
        if (salt.length > config.maxSaltLength) throw DatasetsError.SaltTooLong;
        const info = owned(ctx.state, who, id);
        if (info.test_commitment === undefined) throw DatasetsError.NoTestCommitment;
        if (info.test_revealed !== undefined) throw DatasetsError.TestSplitAlreadyRevealed;
        if (!equalBytes(blake2_256(new Uint8Array([...test_cid, ...salt])), info.test_commitment)) throw DatasetsError.CommitmentMismatch;
        S.Datasets.insert(ctx.state, { ...info, test_revealed: test_cid }, id);
        ctx.deposit(DatasetsEvent, { tag: 'TestSplitRevealed', value: { id, test_cid } });
      },
    }),
    update_metadata: call({
      index: 3,
      args: { id: compact(u64), tags: vec(bytes), schema: bytes },
      docs: [' Replace the tags and schema of a dataset the caller owns. Not once retired.'],
      weight: ({ tags, schema }) => DatasetsWeights.updateMetadata(tags, schema.length),
      dispatch: (ctx, origin, { id, tags, schema }) => {
        const who = ensureSigned(origin);
        ensureMetadata(config, tags, schema);
        const info = owned(ctx.state, who, id);
        if (info.retired_at !== undefined) throw DatasetsError.Retired;
        S.Datasets.insert(ctx.state, { ...info, tags, schema }, id);
        ctx.deposit(DatasetsEvent, { tag: 'MetadataUpdated', value: { id } });
      },
    }),
    retire: call({
      index: 4,
      args: { id: compact(u64) },
      docs: [
        ' Retire a dataset the caller owns: new jobs may no longer name it. The record and its CID stay,',
        ' because models trained on it refer to it in their lineage.',
      ],
      weight: DatasetsWeights.retire,
      dispatch: (ctx, origin, { id }) => {
        const who = ensureSigned(origin);
        const info = owned(ctx.state, who, id);
        if (info.retired_at !== undefined) throw DatasetsError.Retired;
        S.Datasets.insert(ctx.state, { ...info, retired_at: ctx.block.number }, id);
        ctx.deposit(DatasetsEvent, { tag: 'DatasetRetired', value: { id } });
      },
    }),
  };
}
