import { describe, expect, it } from 'vitest';
import { BadOrigin, DispatchFailure } from '../../runtime/framework/pallet.ts';
import { root, signed } from '../../runtime/framework/testing.ts';
import { ModelsError } from './index.ts';
import { ALICE, BOB, CHARLIE, DAVE, ENDOWMENT, EVE, id, setup, tier, TREASURY, type ModelsTest } from './mock.ts';

const E = ModelsError;
const OPEN = { license: { tag: 'Open' } };
const FundsUnavailable = new DispatchFailure({ tag: 'Token', value: { tag: 'FundsUnavailable' } });
const purchase = (t: ModelsTest, who: Uint8Array, model_id: bigint, tier_index = 0) => t.ext.assertOk(signed(who), 'Models', 'purchase_access', { model_id, tier_index });
const use = (t: ModelsTest, who: Uint8Array, model_id: bigint) => t.ext.assertOk(signed(who), 'Models', 'record_usage', { model_id });
/** Free balances of `who`, to diff before and after. */
const balancesOf = (t: ModelsTest, who: Uint8Array[]) => who.map((w) => t.free(w));
const advanceTo = (t: ModelsTest, block: number) => {
  while (t.ext.ctx.block.number < block) t.ext.nextBlock();
};

describe('set_access_tiers', () => {
  it('replaces the tiers for the owner and emits AccessTiersSet', () => {
    const t = setup();
    const m = t.register(ALICE, 1);
    t.ext.assertOk(signed(ALICE), 'Models', 'set_access_tiers', { model_id: m, tiers: [tier(100n, 10), tier(50n, undefined, 3)] });
    expect(t.storage.AccessTiers.get(t.ext.state, m)).toEqual([tier(100n, 10), tier(50n, undefined, 3)]);
    expect(t.ext.events().at(-1)).toEqual({ pallet: 'Models', name: 'AccessTiersSet', value: { model_id: m, count: 2 } });
    t.ext.assertOk(signed(ALICE), 'Models', 'set_access_tiers', { model_id: m, tiers: [] });
    expect(t.storage.AccessTiers.get(t.ext.state, m)).toEqual([]);
  });

  it('fails for others, unknown, Open or revoked models, too many tiers, tiers that grant nothing', () => {
    const t = setup({ maxTiers: 2 });
    const m = t.register(ALICE, 1);
    const set = (tiers: unknown[], model_id = m) => ({ model_id, tiers });
    t.ext.assertNoop(signed(BOB), 'Models', 'set_access_tiers', set([tier(1n)]), E.NotOwner);
    t.ext.assertNoop(signed(ALICE), 'Models', 'set_access_tiers', set([tier(1n)], 5n), E.ModelNotFound);
    t.ext.assertNoop(signed(ALICE), 'Models', 'set_access_tiers', set([tier(1n), tier(2n), tier(3n)]), E.TooManyTiers);
    t.ext.assertNoop(signed(ALICE), 'Models', 'set_access_tiers', set([tier(1n, 0)]), E.InvalidTier);
    t.ext.assertNoop(signed(ALICE), 'Models', 'set_access_tiers', set([tier(1n, 5, 0)]), E.InvalidTier);
    const open = t.register(ALICE, 2, OPEN);
    t.ext.assertNoop(signed(ALICE), 'Models', 'set_access_tiers', set([tier(1n)], open), E.OpenModelIsFree);
    t.ext.assertOk(signed(ALICE), 'Models', 'revoke', { model_id: m });
    t.ext.assertNoop(signed(ALICE), 'Models', 'set_access_tiers', set([tier(1n)]), E.Revoked);
  });
});

describe('purchase_access', () => {
  it('splits 90/10 between owner and treasury, writes the grant, emits AccessPurchased', () => {
    const t = setup();
    const m = t.publish(ALICE, 1, {}, [tier(1_000n, 100, 5)]);
    const before = balancesOf(t, [ALICE, BOB, TREASURY]);
    purchase(t, BOB, m);
    const after = balancesOf(t, [ALICE, BOB, TREASURY]);
    expect(after.map((v, i) => v - before[i]!)).toEqual([900n, -1_000n, 100n]);
    expect(t.storage.Access.get(t.ext.state, m, BOB)).toEqual({ tier_index: 0, expires_at: 101, uses_left: 5 });
    expect(t.ext.events().at(-1)).toEqual({
      pallet: 'Models',
      name: 'AccessPurchased',
      value: { model_id: m, buyer: BOB, tier_index: 0, price: 1_000n, owner_amount: 900n, treasury_amount: 100n, expires_at: 101, uses_left: 5 },
    });
    expect(t.registry.hasAccess(t.ext.state, m, BOB, 1)).toBe(true);
    expect(t.registry.hasAccess(t.ext.state, m, CHARLIE, 1)).toBe(false);
  });

  it('pays a 3-level lineage to the last unit: owner, treasury and royalties sum exactly to the price', () => {
    const t = setup();
    const a = t.publish(ALICE, 1, {}, [tier(10n)]);
    purchase(t, BOB, a);
    const b = t.publish(BOB, 2, { base_model: a }, [tier(10n)]);
    purchase(t, CHARLIE, b);
    const c = t.publish(CHARLIE, 3, { base_model: b }, [tier(1_234_567n)]);
    t.ext.nextBlock();
    const who = [ALICE, BOB, CHARLIE, DAVE, TREASURY];
    const before = balancesOf(t, who);
    const issuance = t.balances.currency.totalIssuance(t.ext.state);
    purchase(t, DAVE, c);
    const delta = balancesOf(t, who).map((v, i) => v - before[i]!);
    // treasury ⌊1_234_567 × 10%⌋ = 123_456; seller part 1_111_111; Bob gets ⌊10%⌋ = 111_111 and passes ⌊10%⌋ = 11_111 to Alice.
    expect(delta).toEqual([11_111n, 100_000n, 1_000_000n, -1_234_567n, 123_456n]);
    expect(delta.reduce((s, d) => s + d, 0n)).toBe(0n);
    expect(t.balances.currency.totalIssuance(t.ext.state)).toBe(issuance);
    const models = t.ext.events().filter((e) => e.pallet === 'Models');
    expect(models).toEqual([
      { pallet: 'Models', name: 'RoyaltyPaid', value: { model_id: c, ancestor: b, beneficiary: BOB, amount: 100_000n } },
      { pallet: 'Models', name: 'RoyaltyPaid', value: { model_id: c, ancestor: a, beneficiary: ALICE, amount: 11_111n } },
      {
        pallet: 'Models',
        name: 'AccessPurchased',
        value: { model_id: c, buyer: DAVE, tier_index: 0, price: 1_234_567n, owner_amount: 1_000_000n, treasury_amount: 123_456n, expires_at: undefined, uses_left: undefined },
      },
    ]);
  });

  it('follows config shares and pays royalties to the current owner of an ancestor', () => {
    const t = setup({ ownerShare: 800_000, royaltyShare: 500_000 });
    const a = t.publish(ALICE, 1, OPEN);
    const b = t.publish(BOB, 2, { base_model: a }, [tier(1_001n)]);
    t.ext.assertOk(signed(ALICE), 'Models', 'transfer_ownership', { model_id: a, new_owner: id(EVE) });
    const who = [ALICE, BOB, CHARLIE, EVE, TREASURY];
    const before = balancesOf(t, who);
    purchase(t, CHARLIE, b);
    // treasury ⌊200.2⌋ = 200; seller part 801; Eve ⌊400.5⌋ = 400; Bob 401.
    expect(balancesOf(t, who).map((v, i) => v - before[i]!)).toEqual([0n, 401n, -1_001n, 400n, 200n]);
  });

  it('gives the seller a revoked ancestor\'s royalty and one its owner\'s dead account could not take', () => {
    const t = setup({}, [1, 2, 3, 4, 9]);
    const a = t.publish(ALICE, 1, OPEN);
    const e = t.publish(EVE, 2, OPEN);
    const b = t.publish(BOB, 3, { base_model: a }, [tier(1_000n)]);
    const d = t.publish(BOB, 4, { base_model: e }, [tier(100n)]);
    t.ext.assertOk(root, 'Models', 'revoke', { model_id: a });
    const before = balancesOf(t, [ALICE, BOB]);
    purchase(t, CHARLIE, b);
    expect(balancesOf(t, [ALICE, BOB]).map((v, i) => v - before[i]!)).toEqual([0n, 900n]);
    // Eve's account does not exist: her 9-unit royalty is below the existential deposit of 10.
    purchase(t, CHARLIE, d);
    expect(t.free(EVE)).toBe(0n);
    expect(t.ext.events().filter((x) => x.name === 'RoyaltyPaid')).toEqual([]);
    expect(t.ext.events().at(-1)!.value).toMatchObject({ owner_amount: 90n, treasury_amount: 10n });
  });

  it('sells a free tier without moving funds', () => {
    const t = setup();
    const m = t.publish(ALICE, 1, {}, [tier(0n, undefined, 1)]);
    const before = balancesOf(t, [ALICE, BOB, TREASURY]);
    purchase(t, BOB, m);
    expect(balancesOf(t, [ALICE, BOB, TREASURY])).toEqual(before);
    expect(t.storage.Access.get(t.ext.state, m, BOB)).toEqual({ tier_index: 0, expires_at: undefined, uses_left: 1 });
  });

  it('fails without changing anything for every invalid purchase', () => {
    const t = setup({}, [1, 2, 3, 9]);
    const m = t.publish(ALICE, 1, {}, [tier(100n), tier(ENDOWMENT)]);
    const noTiers = t.publish(ALICE, 2);
    const open = t.publish(ALICE, 3, OPEN);
    const hidden = t.register(ALICE, 4);
    const p = (model_id: bigint, tier_index = 0) => ({ model_id, tier_index });
    t.ext.assertNoop(signed(BOB), 'Models', 'purchase_access', p(9n), E.ModelNotFound);
    t.ext.assertNoop(signed(BOB), 'Models', 'purchase_access', p(hidden), E.NotPublished);
    t.ext.assertNoop(signed(BOB), 'Models', 'purchase_access', p(open), E.OpenModelIsFree);
    t.ext.assertNoop(signed(BOB), 'Models', 'purchase_access', p(noTiers), E.NoAccessTiers);
    t.ext.assertNoop(signed(BOB), 'Models', 'purchase_access', p(m, 2), E.TierNotFound);
    t.ext.assertNoop(signed(ALICE), 'Models', 'purchase_access', p(m), E.AlreadyHasAccess);
    // The whole endowment would leave Bob below the existential deposit; Dave has nothing.
    t.ext.assertNoop(signed(BOB), 'Models', 'purchase_access', p(m, 1), FundsUnavailable);
    t.ext.assertNoop(signed(DAVE), 'Models', 'purchase_access', p(m), FundsUnavailable);
    t.ext.assertNoop(root, 'Models', 'purchase_access', p(m), BadOrigin);
    purchase(t, BOB, m);
    t.ext.assertNoop(signed(BOB), 'Models', 'purchase_access', p(m), E.AlreadyHasAccess);
    t.ext.assertOk(signed(ALICE), 'Models', 'revoke', { model_id: m });
    t.ext.assertNoop(signed(CHARLIE), 'Models', 'purchase_access', p(m), E.Revoked);
  });
});

describe('expiry and max uses', () => {
  it('a grant is valid until the block it expires at; then it can be bought again', () => {
    const t = setup();
    const m = t.publish(ALICE, 1, {}, [tier(100n, 10)]);
    purchase(t, BOB, m);
    expect(t.storage.Access.get(t.ext.state, m, BOB)!.expires_at).toBe(11);
    advanceTo(t, 10);
    use(t, BOB, m);
    expect(t.registry.hasAccess(t.ext.state, m, BOB, 10)).toBe(true);
    advanceTo(t, 11);
    expect(t.registry.hasAccess(t.ext.state, m, BOB, 11)).toBe(false);
    t.ext.assertNoop(signed(BOB), 'Models', 'record_usage', { model_id: m }, E.AccessExpired);
    expect(t.registry.consumeAccess(t.ext.ctx, m, BOB)).toBe(false);
    purchase(t, BOB, m);
    expect(t.storage.Access.get(t.ext.state, m, BOB)!.expires_at).toBe(21);
  });

  it('max uses count down to zero, then NoUsesLeft until bought again', () => {
    const t = setup();
    const m = t.publish(ALICE, 1, {}, [tier(100n, undefined, 2)]);
    purchase(t, BOB, m);
    use(t, BOB, m);
    expect(t.ext.events().at(-1)).toEqual({ pallet: 'Models', name: 'UsageRecorded', value: { model_id: m, who: BOB, uses_left: 1 } });
    expect(t.registry.consumeAccess(t.ext.ctx, m, BOB)).toBe(true);
    expect(t.storage.Access.get(t.ext.state, m, BOB)!.uses_left).toBe(0);
    t.ext.assertNoop(signed(BOB), 'Models', 'record_usage', { model_id: m }, E.NoUsesLeft);
    const before = t.ext.snapshot();
    expect(t.registry.consumeAccess(t.ext.ctx, m, BOB)).toBe(false);
    expect(t.ext.snapshot()).toEqual(before);
    expect([t.model(m)!.usage_count, t.storage.Usage.get(t.ext.state, m, BOB)]).toEqual([2n, 2n]);
    purchase(t, BOB, m);
    expect(t.storage.Access.get(t.ext.state, m, BOB)!.uses_left).toBe(2);
  });
});

describe('record_usage', () => {
  it('is free for the owner and for anyone on a published Open model, and counts', () => {
    const t = setup();
    const m = t.register(ALICE, 1);
    use(t, ALICE, m);
    t.ext.assertNoop(signed(BOB), 'Models', 'record_usage', { model_id: m }, E.NoAccess);
    const open = t.register(ALICE, 2, OPEN);
    t.ext.assertNoop(signed(BOB), 'Models', 'record_usage', { model_id: open }, E.NotPublished);
    t.ext.assertOk(signed(ALICE), 'Models', 'publish', { model_id: open });
    use(t, BOB, open);
    use(t, BOB, open);
    expect(t.model(open)!.usage_count).toBe(2n);
    expect(t.storage.Usage.get(t.ext.state, open, BOB)).toBe(2n);
    expect(t.ext.events().at(-1)!.value).toEqual({ model_id: open, who: BOB, uses_left: undefined });
    t.ext.assertNoop(signed(BOB), 'Models', 'record_usage', { model_id: 9n }, E.ModelNotFound);
  });

  it('keeps bought grants valid after unpublishing; nothing works once revoked', () => {
    const t = setup();
    const m = t.publish(ALICE, 1, {}, [tier(100n)]);
    purchase(t, BOB, m);
    t.ext.assertOk(signed(ALICE), 'Models', 'unpublish', { model_id: m });
    use(t, BOB, m);
    t.ext.assertOk(signed(ALICE), 'Models', 'revoke', { model_id: m });
    t.ext.assertNoop(signed(BOB), 'Models', 'record_usage', { model_id: m }, E.Revoked);
    t.ext.assertNoop(signed(ALICE), 'Models', 'record_usage', { model_id: m }, E.Revoked);
    expect(t.registry.consumeAccess(t.ext.ctx, m, ALICE)).toBe(false);
  });
});
