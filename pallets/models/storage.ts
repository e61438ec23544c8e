/**
 * Models storage. Sequential ids use `Twox64Concat`; keys a caller chooses (accounts, hashes) use
 * `Blake2_128Concat`. Lists (a model's children, an owner's models) are index maps, never scans. Index values
 * are block numbers rather than `()`: the state trie treats an empty value as a deletion.
 */
import { defineStorage, storage } from '../../runtime/framework/storage.ts';
import { AccountId32, BlockNumber, H256 } from '../../runtime/primitives.ts';
import { u32, u64, vec } from '../../runtime/scale/codec.ts';
import { AccessGrant, AccessTier, ModelId, ModelInfo, ModelVersion } from './types.ts';

/** The pallet's storage items, with their docs. */
export const modelsStorage = defineStorage('Models', {
  NextModelId: storage.value({ value: ModelId, default: 0n, docs: [' The id the next registered model gets.'] }),
  Models: storage.map('Twox64Concat', ModelId, { value: ModelInfo, docs: [' Registered models by id.'] }),
  ModelByHash: storage.map('Blake2_128Concat', H256, {
    value: ModelId,
    docs: [' The model that registered a weights hash (any of its versions); a hash is registered once, chain-wide.'],
  }),
  ModelsByOwner: storage.doubleMap(['Blake2_128Concat', AccountId32], ['Twox64Concat', ModelId], {
    value: BlockNumber,
    docs: [' The models an account owns, with the block it got each one.'],
  }),
  Versions: storage.doubleMap(['Twox64Concat', ModelId], ['Twox64Concat', u32], {
    value: ModelVersion,
    docs: [' Versions of a model, from 1 (the registered artifact) to `version_count`.'],
  }),
  Children: storage.doubleMap(['Twox64Concat', ModelId], ['Twox64Concat', ModelId], {
    value: BlockNumber,
    docs: [' Models registered with this model as their base (lineage downwards), with their registration block.'],
  }),
  AccessTiers: storage.map('Twox64Concat', ModelId, {
    value: vec(AccessTier),
    default: [],
    docs: [' The access tiers a model\'s owner offers, at most `MaxTiers`.'],
  }),
  Access: storage.doubleMap(['Twox64Concat', ModelId], ['Blake2_128Concat', AccountId32], {
    value: AccessGrant,
    docs: [' Access an account bought to a model; replaced only once it has expired or run out of uses.'],
  }),
  Usage: storage.doubleMap(['Twox64Concat', ModelId], ['Blake2_128Concat', AccountId32], {
    value: u64,
    default: 0n,
    docs: [' Uses of a model recorded for each account (the total is the model\'s `usage_count`).'],
  }),
});
/** The bound storage items of Models. */
export type ModelsStorage = typeof modelsStorage;
