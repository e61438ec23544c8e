import { describe, expect, it } from 'vitest';
import type { DispatchInfo } from '../../runtime/primitives.ts';
import { composeRuntime, type ComposedRuntime } from '../../runtime/framework/runtime.ts';
import { newTestExt } from '../../runtime/framework/testing.ts';
import { decode, encode, u8 } from '../../runtime/scale/codec.ts';
import { balancesPallet } from '../balances/index.ts';
import { acct, hexAcct, mockSystem } from '../balances/mock.ts';
import { FIXED_ONE, transactionPaymentPallet } from './index.ts';

const ED = 10n;
const [ALICE, BOB, AUTHOR] = [1, 2, 9].map(acct) as [Uint8Array, Uint8Array, Uint8Array];
const MAX_U128 = (1n << 128n) - 1n;

/** System 0, Balances 2, TransactionPayment 3. Fee = 5 + len + weight / 1000. */
function setup() {
  let runtime: ComposedRuntime | undefined;
  const system = mockSystem(() => runtime!);
  const balances = balancesPallet({ existentialDeposit: ED, accounts: system.accounts });
  const payment = transactionPaymentPallet({
    currency: balances.currency,
    weightToFee: (w) => w.ref_time / 1_000n,
    lengthToFee: (len) => BigInt(len),
    baseFee: 5n,
    operationalFeeMultiplier: 5,
  });
  runtime = composeRuntime('test_runtime', [
    { index: 0, pallet: system.pallet },
    { index: 2, pallet: balances.pallet },
    { index: 3, pallet: payment.pallet },
  ]);
  const ext = newTestExt(runtime, (ctx) => balances.pallet.genesis!.build(ctx.state, { balances: [[hexAcct(1), '1000'], [hexAcct(2), '100']] }));
  const free = (who: Uint8Array) => balances.currency.free(ext.state, who);
  const issuance = () => balances.currency.totalIssuance(ext.state);
  const consistent = () => expect(issuance()).toBe(free(ALICE) + free(BOB) + free(AUTHOR));
  return { runtime, system, balances, payment, fees: payment.fees, ext, free, issuance, consistent };
}

const info = (refTime: bigint, pays: 'Yes' | 'No' = 'Yes'): DispatchInfo => ({
  weight: { ref_time: refTime, proof_size: 0n },
  class: { tag: 'Normal' },
  pays_fee: { tag: pays },
});

describe('computeFee', () => {
  it('is base + length + multiplier × weight fee + tip', () => {
    const { fees } = setup();
    expect(fees.computeFee(100, info(50_000n), 7n)).toEqual({ baseFee: 5n, lenFee: 100n, adjustedWeightFee: 50n, total: 162n });
  });

  it('charges only the tip for Pays::No', () => {
    const { fees } = setup();
    expect(fees.computeFee(100, info(50_000n, 'No'), 7n)).toEqual({ baseFee: 0n, lenFee: 0n, adjustedWeightFee: 0n, total: 7n });
  });

  it('applies the stored NextFeeMultiplier, rounding down', () => {
    const t = setup();
    expect(t.payment.storage.NextFeeMultiplier.get(t.ext.state)).toBe(FIXED_ONE);
    t.payment.storage.NextFeeMultiplier.set(t.ext.state, (FIXED_ONE * 3n) / 2n);
    expect(t.fees.computeFee(0, info(33_000n), 0n, t.ext.state).adjustedWeightFee).toBe(49n);
    expect(t.fees.computeFee(0, info(33_000n), 0n).adjustedWeightFee).toBe(33n);
  });

  it('saturates at u128', () => {
    const { fees } = setup();
    expect(fees.computeFee(0, info(0n), MAX_U128).total).toBe(MAX_U128);
  });
});

describe('withdrawFee', () => {
  it('withdraws the fee (Balances.Withdraw) and burns it until settled', () => {
    const t = setup();
    expect(t.fees.withdrawFee(t.ext.ctx, ALICE, 100n)).toBe(true);
    expect([t.free(ALICE), t.issuance()]).toEqual([900n, 1_000n]);
    expect(t.ext.events()).toEqual([{ pallet: 'Balances', name: 'Withdraw', value: { who: ALICE, amount: 100n } }]);
    t.consistent();
  });

  it('refuses, changing nothing, when the payer would not stay alive', () => {
    const t = setup();
    const before = t.ext.snapshot();
    expect(t.fees.withdrawFee(t.ext.ctx, BOB, 91n)).toBe(false);
    expect(t.fees.withdrawFee(t.ext.ctx, BOB, 101n)).toBe(false);
    expect(t.fees.withdrawFee(t.ext.ctx, acct(7), 1n)).toBe(false);
    expect(t.ext.snapshot()).toEqual(before);
    expect(t.ext.events()).toEqual([]);
    expect(t.fees.withdrawFee(t.ext.ctx, BOB, 90n)).toBe(true);
    expect(t.free(BOB)).toBe(ED);
  });

  it('accepts a zero fee without touching the account', () => {
    const t = setup();
    expect(t.fees.withdrawFee(t.ext.ctx, acct(7), 0n)).toBe(true);
    expect(t.ext.events()).toEqual([]);
  });
});

describe('settle', () => {
  it('refunds the unused part and pays the actual fee to the author', () => {
    const t = setup();
    t.ext.nextBlock(AUTHOR);
    t.fees.withdrawFee(t.ext.ctx, ALICE, 100n);
    t.fees.settle(t.ext.ctx, ALICE, 100n, 60n, 3n);
    expect([t.free(ALICE), t.free(AUTHOR), t.issuance()]).toEqual([940n, 60n, 1_100n]);
    expect(t.ext.events().slice(1)).toEqual([
      { pallet: 'Balances', name: 'Deposit', value: { who: ALICE, amount: 40n } },
      { pallet: 'Balances', name: 'Deposit', value: { who: AUTHOR, amount: 60n } },
      { pallet: 'System', name: 'NewAccount', value: { account: AUTHOR } },
      { pallet: 'Balances', name: 'Endowed', value: { account: AUTHOR, free_balance: 60n } },
      { pallet: 'TransactionPayment', name: 'TransactionFeePaid', value: { who: ALICE, actual_fee: 60n, tip: 3n } },
    ]);
    t.consistent();
  });

  it('burns the fee when there is no author', () => {
    const t = setup();
    t.fees.withdrawFee(t.ext.ctx, ALICE, 100n);
    t.fees.settle(t.ext.ctx, ALICE, 100n, 100n, 0n);
    expect([t.free(ALICE), t.issuance()]).toEqual([900n, 1_000n]);
    expect(t.ext.events().map((e) => e.name)).toEqual(['Withdraw', 'TransactionFeePaid']);
    t.consistent();
  });

  it('burns a fee too small to create the author`s account', () => {
    const t = setup();
    t.ext.nextBlock(AUTHOR);
    t.fees.withdrawFee(t.ext.ctx, ALICE, ED - 1n);
    t.fees.settle(t.ext.ctx, ALICE, ED - 1n, ED - 1n, 0n);
    expect([t.free(AUTHOR), t.issuance()]).toEqual([0n, 1_100n - ED + 1n]);
    t.consistent();
  });

  it('gives the author the refund of a payer that the call removed', () => {
    const t = setup();
    t.ext.nextBlock(AUTHOR);
    t.fees.withdrawFee(t.ext.ctx, BOB, 30n);
    t.balances.currency.transfer(t.ext.ctx, BOB, ALICE, 70n, false);
    t.fees.settle(t.ext.ctx, BOB, 30n, 20n, 0n);
    expect([t.free(BOB), t.free(AUTHOR)]).toEqual([0n, 30n]);
    expect(t.ext.events().at(-1)).toEqual({ pallet: 'TransactionPayment', name: 'TransactionFeePaid', value: { who: BOB, actual_fee: 20n, tip: 0n } });
    t.consistent();
  });
});

describe('metadata', () => {
  it('declares the constant, the storage default and the event index', () => {
    const t = setup();
    const constant = t.payment.pallet.constants!.OperationalFeeMultiplier!;
    expect(decode(u8, constant.value)).toBe(5);
    const entry = t.payment.pallet.storage!.find((s) => s.name === 'NextFeeMultiplier')!;
    expect(entry.modifier).toBe('Default');
    expect(entry.value.info.path).toEqual(['sp_arithmetic', 'fixed_point', 'FixedU128']);
    const event = encode(t.runtime.event, { tag: 'TransactionPayment', value: { tag: 'TransactionFeePaid', value: { who: ALICE, actual_fee: 1n, tip: 0n } } });
    expect([event[0], event[1], event.length]).toEqual([3, 0, 2 + 32 + 16 + 16]);
    expect(t.payment.pallet.calls).toBeUndefined();
  });
});
