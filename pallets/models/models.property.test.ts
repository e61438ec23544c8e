import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { root, signed } from '../../runtime/framework/testing.ts';
import { acct } from '../balances/mock.ts';
import { splitPrice } from './index.ts';
import { ED, setup, tier } from './mock.ts';

const MAX_U128 = (1n << 128n) - 1n;
const PPM = 1_000_000;
const ppm = fc.integer({ min: 0, max: PPM });

describe('splitPrice', () => {
  it('parts are non-negative and sum exactly to the price; the treasury gets its share rounded down', () => {
    const ancestor = fc.record({ id: fc.bigInt({ min: 0n, max: 100n }), eligible: fc.boolean() });
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: MAX_U128 }), ppm, ppm, fc.array(ancestor, { maxLength: 12 }), (price, ownerShare, royaltyShare, chain) => {
        const split = splitPrice(price, ownerShare, royaltyShare, chain.map((a) => ({ ...a, owner: acct(Number(a.id) + 1) })));
        const royalties = split.royalties.reduce((s, r) => s + r.amount, 0n);
        expect(split.treasury + split.owner + royalties).toBe(price);
        expect(split.treasury).toBe((price * BigInt(PPM - ownerShare)) / BigInt(PPM));
        expect(split.owner >= 0n && split.royalties.every((r) => r.amount > 0n)).toBe(true);
        // Ineligible ancestors are never paid.
        const paid = new Set(split.royalties.map((r) => r.ancestor));
        for (const a of chain) if (!a.eligible && !chain.some((b) => b.eligible && b.id === a.id)) expect(paid.has(a.id)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});

describe('purchase_access', () => {
  // Ancestor owners are drawn from accounts 1-4 and 6 (6 starts empty), the seller from 1-4; the buyer is 5, the treasury 9.
  const owners = [1, 2, 3, 4, 6];
  const scenario = fc.record({
    ownerShare: ppm,
    royaltyShare: ppm,
    price: fc.bigInt({ min: 0n, max: 10n ** 15n }),
    ancestors: fc.array(fc.record({ owner: fc.constantFrom(...owners), revoked: fc.boolean() }), { maxLength: 5 }),
    seller: fc.constantFrom(1, 2, 3, 4),
    buyerFunds: fc.bigInt({ min: ED, max: 2n * 10n ** 15n }),
  });

  it('conserves total issuance and the buyer pays exactly the price, or nothing changes', () => {
    fc.assert(
      fc.property(scenario, ({ ownerShare, royaltyShare, price, ancestors, seller, buyerFunds }) => {
        const chain = [...ancestors, { owner: seller, revoked: false }];
        const t = setup({ ownerShare, royaltyShare, maxLineageDepth: 5 }, [1, 2, 3, 4, [5, buyerFunds], 9]);
        const everyone = [...owners, 5, 9].map(acct);
        // chain[0] is the root; the last entry is the model on sale, with a tier at `price`.
        let base: bigint | undefined;
        chain.forEach((link, i) => {
          const last = i === chain.length - 1;
          base = t.publish(acct(link.owner), i + 1, { base_model: base, license: { tag: last ? 'Commercial' : 'Open' } }, last ? [tier(price)] : undefined);
        });
        const onSale = base!;
        chain.slice(0, -1).forEach((link, i) => {
          if (link.revoked) t.ext.assertOk(root, 'Models', 'revoke', { model_id: BigInt(i) });
        });
        const total = () => everyone.reduce((s, w) => s + t.free(w) + t.balances.currency.reserved(t.ext.state, w), 0n);
        const issuance = t.balances.currency.totalIssuance(t.ext.state);
        expect(total()).toBe(issuance);
        const before = everyone.map((w) => t.free(w));
        const snapshot = t.ext.snapshot();

        const r = t.ext.call(signed(acct(5)), 'Models', 'purchase_access', { model_id: onSale, tier_index: 0 });
        const delta = everyone.map((w, i) => t.free(w) - before[i]!);
        expect(t.balances.currency.totalIssuance(t.ext.state)).toBe(issuance);
        expect(total()).toBe(issuance);
        if (r.ok) {
          expect(delta[owners.length]).toBe(-price);
          expect(delta.filter((d) => d > 0n).reduce((s, d) => s + d, 0n)).toBe(price);
          expect(t.storage.Access.contains(t.ext.state, onSale, acct(5))).toBe(true);
        } else {
          expect(t.ext.snapshot()).toEqual(snapshot);
          // The only way to fail here: the buyer cannot pay and stay alive.
          expect(buyerFunds - price < ED).toBe(true);
        }
        // Account 6 starts empty, so dust royalties to it must never break a sale.
        expect(delta.every((d, i) => i === owners.length || d >= 0n)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
