/**
 * The split of an access price, in exact integer math. The treasury gets `price × (1 − ownerShare)` rounded down
 * and the seller the rest. Of what a level receives, `royaltyShare` (rounded down) goes up one level of lineage:
 * the base model's owner gets `royaltyShare` of the seller's part and passes `royaltyShare` of that to its own
 * base's owner, and so on to the root. Every remainder stays with the level below, so the parts sum to the price.
 */
import type { DispatchContext } from '../../runtime/framework/pallet.ts';
import type { AccountId } from '../../runtime/primitives.ts';
import type { Currency } from '../balances/index.ts';
import { PPM } from './config.ts';
import { ModelsEvent } from './events.ts';

/** One ancestor that may receive a royalty: its model id, its owner and whether it may be paid at all. */
export interface Ancestor {
  id: bigint;
  owner: AccountId;
  /** False for a revoked ancestor: its royalty goes to the seller. */
  eligible: boolean;
}

/** Who gets what of one sale; `owner + treasury + Σ royalties = price` exactly. */
export interface PriceSplit {
  treasury: bigint;
  owner: bigint;
  royalties: { ancestor: bigint; beneficiary: AccountId; amount: bigint }[];
}

/** Splits `price` between the treasury, the seller and `ancestors` (nearest first). Pure. */
export function splitPrice(price: bigint, ownerShare: number, royaltyShare: number, ancestors: Ancestor[]): PriceSplit {
  const treasury = (price * BigInt(PPM - ownerShare)) / BigInt(PPM);
  const sellerPart = price - treasury;
  // passedUp[i]: what level i (0 = the seller) hands to level i + 1.
  const passedUp: bigint[] = [];
  let received = sellerPart;
  for (let i = 0; i < ancestors.length; i++) {
    received = (received * BigInt(royaltyShare)) / BigInt(PPM);
    passedUp.push(received);
  }
  let owner = sellerPart - (passedUp[0] ?? 0n);
  const royalties: PriceSplit['royalties'] = [];
  ancestors.forEach((a, i) => {
    const amount = passedUp[i]! - (passedUp[i + 1] ?? 0n);
    if (amount === 0n) return;
    if (a.eligible) royalties.push({ ancestor: a.id, beneficiary: a.owner, amount });
    else owner += amount;
  });
  return { treasury, owner, royalties };
}

/**
 * Pays a split from `buyer` (kept alive). A treasury part or a royalty that its recipient's account could not take
 * (a new account below the existential deposit) goes to the seller instead, so dust never blocks a sale.
 * Emits `RoyaltyPaid` per royalty; returns what the seller and the treasury actually got.
 */
export function paySplit(
  ctx: DispatchContext,
  currency: Currency,
  treasuryAccount: AccountId,
  modelId: bigint,
  buyer: AccountId,
  seller: AccountId,
  split: PriceSplit,
): { owner: bigint; treasury: bigint } {
  const { state } = ctx;
  let owner = split.owner;
  let treasury = split.treasury;
  if (!currency.canDeposit(state, treasuryAccount, treasury)) {
    owner += treasury;
    treasury = 0n;
  }
  const royalties = split.royalties.filter((r) => {
    if (currency.canDeposit(state, r.beneficiary, r.amount)) return true;
    owner += r.amount;
    return false;
  });
  currency.transfer(ctx, buyer, treasuryAccount, treasury, true);
  currency.transfer(ctx, buyer, seller, owner, true);
  for (const r of royalties) {
    currency.transfer(ctx, buyer, r.beneficiary, r.amount, true);
    ctx.deposit(ModelsEvent, { tag: 'RoyaltyPaid', value: { model_id: modelId, ancestor: r.ancestor, beneficiary: r.beneficiary, amount: r.amount } });
  }
  return { owner, treasury };
}
