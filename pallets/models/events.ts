/** Models events: past tense, named fields, docs that explorers show. */
import { defineEvents } from '../../runtime/framework/pallet.ts';
import { AccountId32, Balance, BlockNumber, H256 } from '../../runtime/primitives.ts';
import { named, option, u32, u64 } from '../../runtime/scale/codec.ts';
import { ModelId } from './types.ts';

const modelId = { model_id: ModelId };

/** `pallet_models::pallet::Event`, deposited with `ctx.deposit(ModelsEvent, …)`. */
export const ModelsEvent = defineEvents('Models', 'pallet_models', {
  ModelRegistered: {
    index: 0,
    fields: { model_id: ModelId, owner: AccountId32, model_hash: H256, base_model: option(ModelId), training_job: option(named(u64, 'JobId')) },
    docs: [' A model was registered (by its owner, or by the jobs pallet for a trained model).'],
  },
  VersionAdded: {
    index: 1,
    fields: { model_id: ModelId, version: u32, model_hash: H256 },
    docs: [' A new version of a model was added; it is now the model\'s current artifact.'],
  },
  ModelPublished: { index: 2, fields: modelId, docs: [' A model was published.'] },
  ModelUnpublished: { index: 3, fields: modelId, docs: [' A model was unpublished; grants already bought stay valid.'] },
  AccessTiersSet: { index: 4, fields: { model_id: ModelId, count: u32 }, docs: [' A model\'s access tiers were replaced.'] },
  AccessPurchased: {
    index: 5,
    fields: {
      model_id: ModelId,
      buyer: AccountId32,
      tier_index: u32,
      price: Balance,
      owner_amount: Balance,
      treasury_amount: Balance,
      expires_at: option(BlockNumber),
      uses_left: option(u32),
    },
    docs: [' Access to a model was bought: the owner got `owner_amount`, the treasury `treasury_amount`, the lineage the rest.'],
  },
  RoyaltyPaid: {
    index: 6,
    fields: { model_id: ModelId, ancestor: ModelId, beneficiary: AccountId32, amount: Balance },
    docs: [' A sale of `model_id` paid a royalty to the owner of its ancestor `ancestor`.'],
  },
  UsageRecorded: {
    index: 7,
    fields: { model_id: ModelId, who: AccountId32, uses_left: option(u32) },
    docs: [' A use of a model was recorded; `uses_left` is what remains of the grant (None: unlimited).'],
  },
  OwnershipTransferred: {
    index: 8,
    fields: { model_id: ModelId, from: AccountId32, to: AccountId32 },
    docs: [' A model changed owner.'],
  },
  ModelRevoked: { index: 9, fields: modelId, docs: [' A model was revoked for good.'] },
});
