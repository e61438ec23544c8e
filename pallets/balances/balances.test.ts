import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BadOrigin, DispatchFailure } from '../../runtime/framework/pallet.ts';
import { composeRuntime, type ComposedRuntime } from '../../runtime/framework/runtime.ts';
import { newTestExt, root, signed, type TestExt } from '../../runtime/framework/testing.ts';
import { encode } from '../../runtime/scale/codec.ts';
import { NEW_LOGIC_FLAG } from '../system/types.ts';
import { balancesPallet, BalancesError, tokenError } from './index.ts';
import { acct, hexAcct, mockSystem } from './mock.ts';
import { MAX_U128 } from './types.ts';

const ED = 10n;
const hex = hexAcct;
const [ALICE, BOB, CHARLIE, DAVE, EVE] = [1, 2, 3, 4, 5].map(acct) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array];
const id = (who: Uint8Array) => ({ tag: 'Id', value: who });

/** System at 0 and Balances at 2, as in the TrainChain runtime. */
function mockRuntime() {
  let runtime: ComposedRuntime | undefined;
  const system = mockSystem(() => runtime!);
  const balances = balancesPallet({ existentialDeposit: ED, accounts: system.accounts });
  runtime = composeRuntime('test_runtime', [
    { index: 0, pallet: system.pallet },
    { index: 2, pallet: balances.pallet },
  ]);
  return { runtime, system, balances };
}

/** Alice 100, Bob 50 (and whoever else `extra` endows). */
function setup(extra: [number, bigint][] = []) {
  const mock = mockRuntime();
  const ext = newTestExt(mock.runtime, (ctx) =>
    mock.balances.pallet.genesis!.build(ctx.state, {
      balances: [[hex(1), '100'], [hex(2), 50], ...extra.map(([n, v]) => [hex(n), v] as [string, bigint])],
    }),
  );
  const account = (who: Uint8Array) => mock.system.accounts.get(ext.state, who);
  const exists = (who: Uint8Array) => mock.system.storage.Account.contains(ext.state, who);
  const free = (who: Uint8Array) => account(who).data.free;
  const reserved = (who: Uint8Array) => account(who).data.reserved;
  const issuance = () => mock.balances.currency.totalIssuance(ext.state);
  const sum = () => [ALICE, BOB, CHARLIE, DAVE, EVE].reduce((s, w) => s + free(w) + reserved(w), 0n);
  return { ...mock, ext, account, exists, free, reserved, issuance, sum, currency: mock.balances.currency };
}
type Setup = ReturnType<typeof setup>;

const expectIssuanceConsistent = (t: Setup) => expect(t.issuance()).toBe(t.sum());
const names = (ext: TestExt) => ext.events().map((e) => `${e.pallet}.${e.name}`);

describe('genesis', () => {
  it('endows accounts with one provider and sets the total issuance', () => {
    const t = setup();
    expect(t.account(ALICE)).toEqual({ nonce: 0, consumers: 0, providers: 1, sufficients: 0, data: { free: 100n, reserved: 0n, frozen: 0n, flags: NEW_LOGIC_FLAG } });
    expect(t.issuance()).toBe(150n);
    expect(t.exists(CHARLIE)).toBe(false);
  });

  it('accepts SS58 addresses and u128 decimal strings', () => {
    const { balances, system } = mockRuntime();
    const ext = newTestExt(mockRuntime().runtime);
    balances.pallet.genesis!.build(ext.state, { balances: [['5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY', MAX_U128.toString()]] });
    const alice = Uint8Array.from(Buffer.from('d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d', 'hex'));
    expect(system.accounts.get(ext.state, alice).data.free).toBe(MAX_U128);
  });

  it.each([
    ['a duplicate account', [[hex(1), '20'], [hex(1), '30']], /duplicate balances/],
    ['a balance below ED', [[hex(1), '9']], /below the existential deposit 10/],
    ['a bad address', [['0x1234', '20']], /SS58 address or a 0x-prefixed 32-byte hex/],
    ['a negative amount', [[hex(1), '-5']], /decimal integer/],
    ['an issuance overflow', [[hex(1), MAX_U128.toString()], [hex(2), '10']], /overflows u128/],
  ])('rejects %s with a clear error', (_, balances, message) => {
    const { balances: pallet } = mockRuntime();
    const ext = newTestExt(mockRuntime().runtime);
    expect(() => pallet.pallet.genesis!.build(ext.state, { balances })).toThrow(message);
  });
});

describe('transfer_allow_death', () => {
  it('moves balance between existing accounts to the last unit', () => {
    const t = setup();
    t.ext.assertOk(signed(ALICE), 'Balances', 'transfer_allow_death', { dest: id(BOB), value: 30n });
    expect([t.free(ALICE), t.free(BOB)]).toEqual([70n, 80n]);
    expect(t.ext.events()).toEqual([{ pallet: 'Balances', name: 'Transfer', value: { from: ALICE, to: BOB, amount: 30n } }]);
    expectIssuanceConsistent(t);
  });

  it('creates the destination with exactly ED: NewAccount then Endowed then Transfer', () => {
    const t = setup();
    t.ext.assertOk(signed(ALICE), 'Balances', 'transfer_allow_death', { dest: id(CHARLIE), value: ED });
    expect(t.account(CHARLIE)).toMatchObject({ providers: 1, consumers: 0, data: { free: ED, flags: NEW_LOGIC_FLAG } });
    expect(t.ext.events()).toEqual([
      { pallet: 'System', name: 'NewAccount', value: { account: CHARLIE } },
      { pallet: 'Balances', name: 'Endowed', value: { account: CHARLIE, free_balance: ED } },
      { pallet: 'Balances', name: 'Transfer', value: { from: ALICE, to: CHARLIE, amount: ED } },
    ]);
    expectIssuanceConsistent(t);
  });

  it('fails with Token(BelowMinimum) for ED - 1 to a new account', () => {
    const t = setup();
    t.ext.assertNoop(signed(ALICE), 'Balances', 'transfer_allow_death', { dest: id(CHARLIE), value: ED - 1n }, tokenError('BelowMinimum'));
  });

  it('sends less than ED to an existing account', () => {
    const t = setup();
    t.ext.assertOk(signed(ALICE), 'Balances', 'transfer_allow_death', { dest: id(BOB), value: 1n });
    expect(t.free(BOB)).toBe(51n);
  });

  it('fails with Token(FundsUnavailable) beyond the free balance', () => {
    const t = setup();
    t.ext.assertNoop(signed(ALICE), 'Balances', 'transfer_allow_death', { dest: id(BOB), value: 101n }, tokenError('FundsUnavailable'));
    t.ext.assertNoop(signed(CHARLIE), 'Balances', 'transfer_allow_death', { dest: id(BOB), value: 1n }, tokenError('FundsUnavailable'));
  });

  it('reaps the sender: its dust is burned, its record removed', () => {
    const t = setup();
    t.ext.assertOk(signed(ALICE), 'Balances', 'transfer_allow_death', { dest: id(BOB), value: 91n });
    expect(t.exists(ALICE)).toBe(false);
    expect(t.free(BOB)).toBe(141n);
    expect(t.issuance()).toBe(141n);
    expect(t.ext.events()).toEqual([
      { pallet: 'System', name: 'KilledAccount', value: { account: ALICE } },
      { pallet: 'Balances', name: 'DustLost', value: { account: ALICE, amount: 9n } },
      { pallet: 'Balances', name: 'Transfer', value: { from: ALICE, to: BOB, amount: 91n } },
    ]);
    expectIssuanceConsistent(t);
  });

  it('reaps without dust when everything is sent, and resets the nonce', () => {
    const t = setup();
    t.system.accounts.set(t.ext.state, ALICE, { ...t.account(ALICE), nonce: 7 });
    t.ext.assertOk(signed(ALICE), 'Balances', 'transfer_allow_death', { dest: id(CHARLIE), value: 100n });
    expect(t.exists(ALICE)).toBe(false);
    expect(t.account(ALICE).nonce).toBe(0);
    expect(names(t.ext)).toEqual(['System.KilledAccount', 'System.NewAccount', 'Balances.Endowed', 'Balances.Transfer']);
    expectIssuanceConsistent(t);
  });

  it('cannot reap an account that holds a reserve (its consumer needs the provider)', () => {
    const t = setup();
    t.currency.reserve(t.ext.ctx, ALICE, 20n);
    expect(t.account(ALICE)).toMatchObject({ providers: 1, consumers: 1 });
    t.ext.assertNoop(signed(ALICE), 'Balances', 'transfer_allow_death', { dest: id(BOB), value: 80n }, tokenError('Frozen'));
    t.ext.assertNoop(signed(ALICE), 'Balances', 'transfer_allow_death', { dest: id(BOB), value: 71n }, tokenError('Frozen'));
    t.ext.assertOk(signed(ALICE), 'Balances', 'transfer_allow_death', { dest: id(BOB), value: 70n });
    expect([t.free(ALICE), t.reserved(ALICE)]).toEqual([ED, 20n]);
  });

  it('to oneself only checks', () => {
    const t = setup();
    t.ext.assertOk(signed(ALICE), 'Balances', 'transfer_allow_death', { dest: id(ALICE), value: 100n });
    expect(t.free(ALICE)).toBe(100n);
    expect(t.ext.events()).toEqual([]);
  });

  it('resolves Address32 and fails CannotLookup for the other MultiAddress forms', () => {
    const t = setup();
    t.ext.assertOk(signed(ALICE), 'Balances', 'transfer_allow_death', { dest: { tag: 'Address32', value: BOB }, value: 5n });
    expect(t.free(BOB)).toBe(55n);
    const cannotLookup = new DispatchFailure({ tag: 'CannotLookup' });
    for (const dest of [{ tag: 'Index', value: [] }, { tag: 'Raw', value: BOB }, { tag: 'Address20', value: new Uint8Array(20) }]) {
      t.ext.assertNoop(signed(ALICE), 'Balances', 'transfer_allow_death', { dest, value: 5n }, cannotLookup);
    }
  });

  it('needs a signed origin', () => {
    const t = setup();
    t.ext.assertNoop(root, 'Balances', 'transfer_allow_death', { dest: id(BOB), value: 5n }, BadOrigin);
  });
});

describe('transfer_keep_alive', () => {
  it('may leave exactly ED', () => {
    const t = setup();
    t.ext.assertOk(signed(ALICE), 'Balances', 'transfer_keep_alive', { dest: id(BOB), value: 90n });
    expect([t.free(ALICE), t.free(BOB)]).toEqual([ED, 140n]);
    expect(t.exists(ALICE)).toBe(true);
  });

  it('fails with Token(NotExpendable) when the sender would drop below ED', () => {
    const t = setup();
    t.ext.assertNoop(signed(ALICE), 'Balances', 'transfer_keep_alive', { dest: id(BOB), value: 91n }, tokenError('NotExpendable'));
    t.ext.assertNoop(signed(ALICE), 'Balances', 'transfer_keep_alive', { dest: id(BOB), value: 100n }, tokenError('NotExpendable'));
  });
});

describe('transfer_all', () => {
  it('keep_alive leaves the ED behind', () => {
    const t = setup();
    t.ext.assertOk(signed(ALICE), 'Balances', 'transfer_all', { dest: id(BOB), keep_alive: true });
    expect([t.free(ALICE), t.free(BOB)]).toEqual([ED, 140n]);
  });

  it('without keep_alive empties and reaps the sender', () => {
    const t = setup();
    t.ext.assertOk(signed(ALICE), 'Balances', 'transfer_all', { dest: id(CHARLIE), keep_alive: false });
    expect(t.exists(ALICE)).toBe(false);
    expect(t.free(CHARLIE)).toBe(100n);
    expect(t.ext.events().at(-1)).toEqual({ pallet: 'Balances', name: 'Transfer', value: { from: ALICE, to: CHARLIE, amount: 100n } });
    expectIssuanceConsistent(t);
  });

  it('leaves reserved funds and the ED of an account with a reserve', () => {
    const t = setup();
    t.currency.reserve(t.ext.ctx, ALICE, 30n);
    t.ext.assertOk(signed(ALICE), 'Balances', 'transfer_all', { dest: id(BOB), keep_alive: false });
    expect([t.free(ALICE), t.reserved(ALICE), t.free(BOB)]).toEqual([ED, 30n, 110n]);
  });

  it('fails with Token(BelowMinimum) when the transferable amount cannot create the destination', () => {
    const t = setup([[3, 15n]]);
    t.ext.assertNoop(signed(CHARLIE), 'Balances', 'transfer_all', { dest: id(DAVE), keep_alive: true }, tokenError('BelowMinimum'));
  });
});

describe('force_transfer', () => {
  it('moves funds between any accounts for Root', () => {
    const t = setup();
    t.ext.assertOk(root, 'Balances', 'force_transfer', { source: id(BOB), dest: id(ALICE), value: 50n });
    expect([t.free(ALICE), t.exists(BOB)]).toEqual([150n, false]);
    expectIssuanceConsistent(t);
  });

  it('is Root-only', () => {
    const t = setup();
    t.ext.assertNoop(signed(ALICE), 'Balances', 'force_transfer', { source: id(BOB), dest: id(ALICE), value: 1n }, BadOrigin);
  });

  it('fails like a transfer when the source cannot pay', () => {
    const t = setup();
    t.ext.assertNoop(root, 'Balances', 'force_transfer', { source: id(BOB), dest: id(ALICE), value: 51n }, tokenError('FundsUnavailable'));
  });
});

describe('force_unreserve', () => {
  it('unreserves up to the reserved amount and reports what moved', () => {
    const t = setup();
    t.currency.reserve(t.ext.ctx, ALICE, 40n);
    t.ext.assertOk(root, 'Balances', 'force_unreserve', { who: id(ALICE), amount: 100n });
    expect([t.free(ALICE), t.reserved(ALICE)]).toEqual([100n, 0n]);
    expect(t.account(ALICE).consumers).toBe(0);
    expect(t.ext.events().at(-1)).toEqual({ pallet: 'Balances', name: 'Unreserved', value: { who: ALICE, amount: 40n } });
  });

  it('is Root-only', () => {
    const t = setup();
    t.ext.assertNoop(signed(ALICE), 'Balances', 'force_unreserve', { who: id(ALICE), amount: 1n }, BadOrigin);
  });
});

describe('force_set_balance', () => {
  it('raises a balance and the issuance', () => {
    const t = setup();
    t.ext.assertOk(root, 'Balances', 'force_set_balance', { who: id(BOB), new_free: 1_000n });
    expect([t.free(BOB), t.issuance()]).toEqual([1_000n, 1_100n]);
    expect(t.ext.events()).toEqual([{ pallet: 'Balances', name: 'BalanceSet', value: { who: BOB, free: 1_000n } }]);
  });

  it('creates an account', () => {
    const t = setup();
    t.ext.assertOk(root, 'Balances', 'force_set_balance', { who: id(CHARLIE), new_free: ED });
    expect(names(t.ext)).toEqual(['System.NewAccount', 'Balances.Endowed', 'Balances.BalanceSet']);
    expectIssuanceConsistent(t);
  });

  it('wipes out an account set below ED', () => {
    const t = setup();
    t.ext.assertOk(root, 'Balances', 'force_set_balance', { who: id(BOB), new_free: ED - 1n });
    expect(t.exists(BOB)).toBe(false);
    expect(t.ext.events()).toEqual([
      { pallet: 'System', name: 'KilledAccount', value: { account: BOB } },
      { pallet: 'Balances', name: 'BalanceSet', value: { who: BOB, free: 0n } },
    ]);
    expect(t.issuance()).toBe(100n);
  });

  it('cannot wipe out an account that holds a reserve', () => {
    const t = setup();
    t.currency.reserve(t.ext.ctx, BOB, 10n);
    t.ext.assertNoop(root, 'Balances', 'force_set_balance', { who: id(BOB), new_free: 0n }, new DispatchFailure({ tag: 'ConsumerRemaining' }));
  });

  it('is Root-only', () => {
    const t = setup();
    t.ext.assertNoop(signed(ALICE), 'Balances', 'force_set_balance', { who: id(ALICE), new_free: 1n }, BadOrigin);
  });
});

describe('burn', () => {
  it('burns and lowers the issuance', () => {
    const t = setup();
    t.ext.assertOk(signed(ALICE), 'Balances', 'burn', { value: 40n, keep_alive: true });
    expect([t.free(ALICE), t.issuance()]).toEqual([60n, 110n]);
    expect(t.ext.events()).toEqual([{ pallet: 'Balances', name: 'Burned', value: { who: ALICE, amount: 40n } }]);
  });

  it('without keep_alive reaps the account and burns its dust too', () => {
    const t = setup();
    t.ext.assertOk(signed(ALICE), 'Balances', 'burn', { value: 95n, keep_alive: false });
    expect(t.exists(ALICE)).toBe(false);
    expect(t.issuance()).toBe(50n);
    expect(names(t.ext)).toEqual(['System.KilledAccount', 'Balances.DustLost', 'Balances.Burned']);
    expectIssuanceConsistent(t);
  });

  it('with keep_alive fails with Token(FundsUnavailable) below ED', () => {
    const t = setup();
    t.ext.assertNoop(signed(ALICE), 'Balances', 'burn', { value: 91n, keep_alive: true }, tokenError('FundsUnavailable'));
    t.ext.assertNoop(signed(ALICE), 'Balances', 'burn', { value: 101n, keep_alive: false }, tokenError('FundsUnavailable'));
  });
});

describe('Currency', () => {
  it('reserve takes a consumer reference; unreserve gives it back', () => {
    const t = setup();
    t.currency.reserve(t.ext.ctx, ALICE, 90n);
    expect(t.account(ALICE)).toMatchObject({ consumers: 1, data: { free: ED, reserved: 90n } });
    expect(t.currency.unreserve(t.ext.ctx, ALICE, 100n)).toBe(10n);
    expect(t.account(ALICE)).toMatchObject({ consumers: 0, data: { free: 100n, reserved: 0n } });
    expect(names(t.ext)).toEqual(['Balances.Reserved', 'Balances.Unreserved']);
    expectIssuanceConsistent(t);
  });

  it('reserve fails without changing anything', () => {
    const t = setup();
    const before = t.ext.snapshot();
    expect(() => t.currency.reserve(t.ext.ctx, ALICE, 101n)).toThrow(BalancesError.InsufficientBalance);
    expect(() => t.currency.reserve(t.ext.ctx, ALICE, 91n)).toThrow(new DispatchFailure({ tag: 'ConsumerRemaining' }));
    expect(t.ext.snapshot()).toEqual(before);
    expect(t.ext.events()).toEqual([]);
    expect([t.currency.canReserve(t.ext.state, ALICE, 90n), t.currency.canReserve(t.ext.state, ALICE, 91n)]).toEqual([true, false]);
  });

  it('unreserve and slashReserved of an unknown account return the whole amount', () => {
    const t = setup();
    expect(t.currency.unreserve(t.ext.ctx, CHARLIE, 5n)).toBe(5n);
    expect(t.currency.slashReserved(t.ext.ctx, CHARLIE, 5n)).toBe(5n);
    expect(t.ext.events()).toEqual([]);
  });

  it('slashReserved burns reserved funds', () => {
    const t = setup();
    t.currency.reserve(t.ext.ctx, ALICE, 30n);
    expect(t.currency.slashReserved(t.ext.ctx, ALICE, 50n)).toBe(20n);
    expect([t.free(ALICE), t.reserved(ALICE), t.issuance()]).toEqual([70n, 0n, 120n]);
    expect(t.ext.events().at(-1)).toEqual({ pallet: 'Balances', name: 'Slashed', value: { who: ALICE, amount: 30n } });
    expect(t.account(ALICE).consumers).toBe(0);
    expectIssuanceConsistent(t);
  });

  it('repatriateReserved moves reserved funds to free or reserved', () => {
    const t = setup();
    t.currency.reserve(t.ext.ctx, ALICE, 60n);
    expect(t.currency.repatriateReserved(t.ext.ctx, ALICE, BOB, 20n, 'Free')).toBe(0n);
    expect(t.currency.repatriateReserved(t.ext.ctx, ALICE, BOB, 50n, 'Reserved')).toBe(10n);
    expect([t.free(ALICE), t.reserved(ALICE), t.free(BOB), t.reserved(BOB)]).toEqual([40n, 0n, 70n, 40n]);
    expect([t.account(ALICE).consumers, t.account(BOB).consumers]).toEqual([0, 1]);
    expect(t.ext.events().at(-1)).toEqual({
      pallet: 'Balances',
      name: 'ReserveRepatriated',
      value: { from: ALICE, to: BOB, amount: 40n, destination_status: { tag: 'Reserved' } },
    });
    expectIssuanceConsistent(t);
  });

  it('repatriateReserved to a dead account fails with DeadAccount and changes nothing', () => {
    const t = setup();
    t.currency.reserve(t.ext.ctx, ALICE, 60n);
    const before = t.ext.snapshot();
    expect(() => t.currency.repatriateReserved(t.ext.ctx, ALICE, CHARLIE, 20n, 'Free')).toThrow(BalancesError.DeadAccount);
    expect(t.ext.snapshot()).toEqual(before);
  });

  it('repatriateReserved to oneself unreserves (Free) or does nothing (Reserved)', () => {
    const t = setup();
    t.currency.reserve(t.ext.ctx, ALICE, 60n);
    expect(t.currency.repatriateReserved(t.ext.ctx, ALICE, ALICE, 70n, 'Reserved')).toBe(10n);
    expect(t.currency.repatriateReserved(t.ext.ctx, ALICE, ALICE, 70n, 'Free')).toBe(10n);
    expect([t.free(ALICE), t.reserved(ALICE)]).toEqual([100n, 0n]);
  });

  it('deposit mints, creating the account with at least ED', () => {
    const t = setup();
    t.currency.deposit(t.ext.ctx, CHARLIE, ED);
    expect(names(t.ext)).toEqual(['Balances.Deposit', 'System.NewAccount', 'Balances.Endowed']);
    expect(t.issuance()).toBe(160n);
    expect(() => t.currency.deposit(t.ext.ctx, DAVE, ED - 1n)).toThrow(BalancesError.ExistentialDeposit);
    expect(t.currency.canDeposit(t.ext.state, DAVE, ED - 1n)).toBe(false);
    t.currency.deposit(t.ext.ctx, CHARLIE, 1n);
    expect(t.free(CHARLIE)).toBe(ED + 1n);
    expectIssuanceConsistent(t);
  });

  it('deposit fails with Arithmetic(Overflow) past u128', () => {
    const t = setup();
    const before = t.ext.snapshot();
    expect(() => t.currency.deposit(t.ext.ctx, ALICE, MAX_U128 - 100n)).toThrow(new DispatchFailure({ tag: 'Arithmetic', value: { tag: 'Overflow' } }));
    expect(t.currency.canDeposit(t.ext.state, ALICE, MAX_U128 - 100n)).toBe(false);
    expect(t.ext.snapshot()).toEqual(before);
  });

  it('withdraw burns, with the keep-alive rule and InsufficientBalance', () => {
    const t = setup();
    expect(t.currency.canWithdraw(t.ext.state, ALICE, 91n, true)).toBe(false);
    expect(() => t.currency.withdraw(t.ext.ctx, ALICE, 91n, true)).toThrow(BalancesError.Expendability);
    expect(() => t.currency.withdraw(t.ext.ctx, ALICE, 101n, false)).toThrow(BalancesError.InsufficientBalance);
    t.currency.withdraw(t.ext.ctx, ALICE, 90n, true);
    expect([t.free(ALICE), t.issuance()]).toEqual([ED, 60n]);
    t.currency.withdraw(t.ext.ctx, ALICE, 5n, false);
    expect(t.exists(ALICE)).toBe(false);
    expect(names(t.ext)).toEqual(['Balances.Withdraw', 'Balances.Withdraw', 'System.KilledAccount', 'Balances.DustLost']);
    expectIssuanceConsistent(t);
  });

  it('withdraw cannot reap an account with a reserve', () => {
    const t = setup();
    t.currency.reserve(t.ext.ctx, ALICE, 10n);
    expect(t.currency.canWithdraw(t.ext.state, ALICE, 85n, false)).toBe(false);
    expect(() => t.currency.withdraw(t.ext.ctx, ALICE, 85n, false)).toThrow(new DispatchFailure({ tag: 'ConsumerRemaining' }));
  });

  it('transfer keeps FRAME`s Currency semantics (zero and self transfers do nothing)', () => {
    const t = setup();
    t.currency.transfer(t.ext.ctx, ALICE, BOB, 0n, false);
    t.currency.transfer(t.ext.ctx, ALICE, ALICE, 10n, false);
    expect(t.ext.events()).toEqual([]);
    expect(() => t.currency.transfer(t.ext.ctx, ALICE, BOB, 95n, true)).toThrow(tokenError('NotExpendable'));
    t.currency.transfer(t.ext.ctx, ALICE, BOB, 95n, false);
    expect([t.exists(ALICE), t.free(BOB)]).toEqual([false, 145n]);
    expectIssuanceConsistent(t);
  });

  it('handles balances at the u128 bound', () => {
    const t = setup();
    t.ext.assertOk(root, 'Balances', 'force_set_balance', { who: id(ALICE), new_free: MAX_U128 - 50n });
    expect(t.issuance()).toBe(MAX_U128);
    t.ext.assertOk(signed(BOB), 'Balances', 'transfer_allow_death', { dest: id(ALICE), value: 50n });
    expect(t.free(ALICE)).toBe(MAX_U128);
    t.ext.assertOk(root, 'Balances', 'force_transfer', { source: id(ALICE), dest: id(CHARLIE), value: MAX_U128 });
    expect([t.exists(ALICE), t.free(CHARLIE), t.issuance()]).toEqual([false, MAX_U128, MAX_U128]);
    expect(() => t.currency.deposit(t.ext.ctx, CHARLIE, 1n)).toThrow(new DispatchFailure({ tag: 'Arithmetic', value: { tag: 'Overflow' } }));
    t.ext.assertNoop(signed(CHARLIE), 'Balances', 'burn', { value: MAX_U128, keep_alive: true }, tokenError('FundsUnavailable'));
  });
});

describe('wire format', () => {
  it('encodes calls and events at FRAME`s indices', () => {
    const { runtime } = mockRuntime();
    const call = (name: string, value: Record<string, unknown>) => encode(runtime.call, { tag: 'Balances', value: { tag: name, value } });
    expect(call('transfer_allow_death', { dest: id(BOB), value: 1n }).subarray(0, 3)).toEqual(Uint8Array.from([2, 0, 0]));
    expect(call('transfer_keep_alive', { dest: id(BOB), value: 1n })[1]).toBe(3);
    expect(call('transfer_all', { dest: id(BOB), keep_alive: true })[1]).toBe(4);
    expect(call('force_set_balance', { who: id(BOB), new_free: 1n })[1]).toBe(8);
    expect(call('burn', { value: 1n, keep_alive: false })).toEqual(Uint8Array.from([2, 10, 4, 0]));
    const event = encode(runtime.event, { tag: 'Balances', value: { tag: 'ReserveRepatriated', value: { from: ALICE, to: BOB, amount: 1n, destination_status: { tag: 'Reserved' } } } });
    expect([event[0], event[1], event.at(-1)]).toEqual([2, 6, 1]);
    expect(encode(runtime.error, { tag: 'Balances', value: { tag: 'DeltaZero' } })).toEqual(Uint8Array.from([2, 11]));
  });
});

describe('property: the ledger stays consistent', () => {
  const who = fc.integer({ min: 0, max: 4 });
  const amount = fc.oneof(fc.bigInt({ min: 0n, max: 30n }), fc.bigInt({ min: 0n, max: 400n }));
  const op = fc.oneof(
    fc.record({ kind: fc.constantFrom('transfer_allow_death', 'transfer_keep_alive'), from: who, to: who, amount }),
    fc.record({ kind: fc.constant('transfer_all'), from: who, to: who, keepAlive: fc.boolean() }),
    fc.record({ kind: fc.constant('burn'), from: who, amount, keepAlive: fc.boolean() }),
    fc.record({ kind: fc.constantFrom('reserve', 'unreserve', 'slashReserved'), from: who, amount }),
    fc.record({ kind: fc.constant('repatriateReserved'), from: who, to: who, amount, toFree: fc.boolean() }),
  );
  const accounts = [ALICE, BOB, CHARLIE, DAVE, EVE];

  it('TotalIssuance == Σ(free + reserved); live accounts hold ≥ ED and the right references', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 25 }), (ops) => {
        const t = setup([[3, 200n], [4, 10n]]);
        for (const o of ops) {
          const from = accounts[o.from]!;
          const ctx = t.ext.ctx;
          // Calls go through the dispatcher (rolled back on failure); Currency methods are atomic themselves.
          try {
            switch (o.kind) {
              case 'transfer_allow_death':
              case 'transfer_keep_alive':
                t.ext.call(signed(from), 'Balances', o.kind, { dest: id(accounts[o.to]!), value: o.amount });
                break;
              case 'transfer_all':
                t.ext.call(signed(from), 'Balances', 'transfer_all', { dest: id(accounts[o.to]!), keep_alive: o.keepAlive });
                break;
              case 'burn':
                t.ext.call(signed(from), 'Balances', 'burn', { value: o.amount, keep_alive: o.keepAlive });
                break;
              case 'reserve':
                t.currency.reserve(ctx, from, o.amount);
                break;
              case 'unreserve':
                expect(t.currency.unreserve(ctx, from, o.amount)).toBeGreaterThanOrEqual(0n);
                break;
              case 'slashReserved':
                expect(t.currency.slashReserved(ctx, from, o.amount)).toBeGreaterThanOrEqual(0n);
                break;
              case 'repatriateReserved':
                t.currency.repatriateReserved(ctx, from, accounts[o.to]!, o.amount, o.toFree ? 'Free' : 'Reserved');
                break;
            }
          } catch (e) {
            if (!(e instanceof DispatchFailure) && (e as Error).name !== 'PalletError') throw e;
          }
          expect(t.issuance()).toBe(t.sum());
          for (const w of accounts) {
            const a = t.account(w);
            expect(a.data.free >= 0n && a.data.reserved >= 0n).toBe(true);
            if (t.exists(w)) {
              expect(a.data.free).toBeGreaterThanOrEqual(ED);
              expect(a.providers).toBe(1);
              expect(a.consumers).toBe(a.data.reserved > 0n ? 1 : 0);
            } else {
              expect(a.data.free + a.data.reserved).toBe(0n);
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
