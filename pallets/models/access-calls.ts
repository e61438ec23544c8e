/** Models calls for paid access: offering tiers, buying access (with the price split) and recording use. */
import { call, DispatchFailure, ensureSigned } from '../../runtime/framework/pallet.ts';
import { u32, vec } from '../../runtime/scale/codec.ts';
import { checkAccess, ownedModel, recordUse } from './access.ts';
import type { ResolvedModelsConfig } from './config.ts';
import { ModelsError } from './errors.ts';
import { ModelsEvent } from './events.ts';
import { lineage } from './lineage.ts';
import { paySplit, splitPrice } from './payment.ts';
import type { ModelsStorage } from './storage.ts';
import { AccessTier, ModelId } from './types.ts';
import { validateTiers } from './validate.ts';
import { ModelsWeights } from './weights.ts';

const MAX_U32 = 0xffff_ffff;
const FundsUnavailable = new DispatchFailure({ tag: 'Token', value: { tag: 'FundsUnavailable' } });

/** The access calls (indices 4-6). */
export function accessCalls(storage: ModelsStorage, config: ResolvedModelsConfig) {
  return {
    set_access_tiers: call({
      index: 4,
      args: { model_id: ModelId, tiers: vec(AccessTier) },
      docs: [
        ' Replace the access tiers of a model the caller owns (an empty list withdraws them). Grants already',
        ' bought keep their terms. At most `MaxTiers`; no tier may have a zero duration or zero uses.',
      ],
      weight: ({ tiers }) => ModelsWeights.setAccessTiers(tiers.length),
      dispatch: (ctx, origin, { model_id, tiers }) => {
        const info = ownedModel(storage, ctx.state, model_id, ensureSigned(origin));
        if (info.revoked) throw ModelsError.Revoked;
        if (info.license.tag === 'Open') throw ModelsError.OpenModelIsFree;
        validateTiers(config, tiers);
        storage.AccessTiers.insert(ctx.state, tiers, model_id);
        ctx.deposit(ModelsEvent, { tag: 'AccessTiersSet', value: { model_id, count: tiers.length } });
      },
    }),
    purchase_access: call({
      index: 5,
      args: { model_id: ModelId, tier_index: u32 },
      docs: [
        ' Buy access to a published model on one of its tiers; the caller pays exactly the tier\'s price and stays',
        ' alive. The treasury gets `1 - OwnerShare` of it and the owner the rest, of which `RoyaltyShare` goes to the',
        ' base model\'s owner, `RoyaltyShare` of that to the next ancestor\'s, and so on; remainders stay with the',
        ' owner. Fails while the caller already has live access. Open models are free and need no purchase.',
      ],
      weight: () => ModelsWeights.purchaseAccess(config.maxLineageDepth),
      dispatch: (ctx, origin, { model_id, tier_index }) => {
        const buyer = ensureSigned(origin);
        const { state } = ctx;
        const now = ctx.block.number;
        const info = storage.Models.get(state, model_id);
        if (!info) throw ModelsError.ModelNotFound;
        if (info.revoked) throw ModelsError.Revoked;
        if (!info.published) throw ModelsError.NotPublished;
        if (info.license.tag === 'Open') throw ModelsError.OpenModelIsFree;
        // `?? []`: the framework types a `default: []` item as possibly undefined (the const default infers `readonly []`).
        const tiers = storage.AccessTiers.get(state, model_id) ?? [];
        if (tiers.length === 0) throw ModelsError.NoAccessTiers;
        const tier = tiers[tier_index];
        if (!tier) throw ModelsError.TierNotFound;
        if (checkAccess(storage, state, model_id, buyer, now).tag !== 'Denied') throw ModelsError.AlreadyHasAccess;
        if (!config.currency.canWithdraw(state, buyer, tier.price, true)) throw FundsUnavailable;

        const ancestors = lineage(storage, state, model_id, config.maxLineageDepth).map((id) => {
          const a = storage.Models.get(state, id)!;
          return { id, owner: a.owner, eligible: !a.revoked };
        });
        const split = splitPrice(tier.price, config.ownerShare, config.royaltyShare, ancestors);
        const paid = paySplit(ctx, config.currency, config.treasury, model_id, buyer, info.owner, split);
        const grant = {
          tier_index,
          expires_at: tier.duration_blocks === undefined ? undefined : Math.min(now + tier.duration_blocks, MAX_U32),
          uses_left: tier.max_uses,
        };
        storage.Access.insert(state, grant, model_id, buyer);
        ctx.deposit(ModelsEvent, {
          tag: 'AccessPurchased',
          value: { model_id, buyer, price: tier.price, owner_amount: paid.owner, treasury_amount: paid.treasury, ...grant },
        });
      },
    }),
    record_usage: call({
      index: 6,
      args: { model_id: ModelId },
      docs: [
        ' Record one use of a model by the caller: the owner and anyone for a published Open model use it freely;',
        ' otherwise it takes one use off the caller\'s grant, which must not have expired.',
      ],
      weight: ModelsWeights.recordUsage,
      dispatch: (ctx, origin, { model_id }) => {
        const who = ensureSigned(origin);
        const access = checkAccess(storage, ctx.state, model_id, who, ctx.block.number);
        if (access.tag === 'Denied') throw access.error;
        recordUse(ctx, storage, model_id, who, access);
      },
    }),
  };
}
