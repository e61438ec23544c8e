import { describe, expect, it } from 'vitest';
import { BadOrigin, DispatchFailure, type RuntimeCall } from '../../runtime/framework/pallet.ts';
import { composeRuntime, type ComposedRuntime } from '../../runtime/framework/runtime.ts';
import { newTestExt, none, root, signed } from '../../runtime/framework/testing.ts';
import { encode, lazy } from '../../runtime/scale/codec.ts';
import { balancesPallet } from '../balances/index.ts';
import { acct, hexAcct, mockSystem } from '../balances/mock.ts';
import { SudoError, sudoPallet } from './index.ts';

const [ALICE, BOB, CHARLIE] = [1, 2, 3].map(acct) as [Uint8Array, Uint8Array, Uint8Array];
const id = (who: Uint8Array) => ({ tag: 'Id', value: who });
const balancesCall = (name: string, value: Record<string, unknown>): RuntimeCall => ({ tag: 'Balances', value: { tag: name, value } });
const setBalance = (who: Uint8Array, free: bigint) => balancesCall('force_set_balance', { who: id(who), new_free: free });
const ok = { ok: true, value: [] };

/** System 0, Balances 2, Sudo 4; Alice holds the key. */
function setup(key: string | null = hexAcct(1)) {
  let runtime: ComposedRuntime | undefined;
  const system = mockSystem(() => runtime!);
  const balances = balancesPallet({ existentialDeposit: 10n, accounts: system.accounts });
  const sudo = sudoPallet({ call: lazy(() => runtime!.call), callWeight: (c) => runtime!.callWeight(c) });
  runtime = composeRuntime('test_runtime', [
    { index: 0, pallet: system.pallet },
    { index: 2, pallet: balances.pallet },
    { index: 4, pallet: sudo.pallet },
  ]);
  const ext = newTestExt(runtime, (ctx) => {
    balances.pallet.genesis!.build(ctx.state, { balances: [[hexAcct(1), '100'], [hexAcct(2), '100']] });
    sudo.pallet.genesis!.build(ctx.state, key === null ? {} : { key });
  });
  const free = (who: Uint8Array) => balances.currency.free(ext.state, who);
  return { runtime, ext, sudo, balances, free, key: () => sudo.storage.Key.get(ext.state) };
}

describe('sudo', () => {
  it('dispatches the call as Root and reports success', () => {
    const t = setup();
    t.ext.assertOk(signed(ALICE), 'Sudo', 'sudo', { call: setBalance(BOB, 500n) });
    expect(t.free(BOB)).toBe(500n);
    expect(t.ext.events()).toEqual([
      { pallet: 'Balances', name: 'BalanceSet', value: { who: BOB, free: 500n } },
      { pallet: 'Sudo', name: 'Sudid', value: { sudo_result: ok } },
    ]);
  });

  it('succeeds when the inner call fails, reporting the error and rolling the inner call back', () => {
    const t = setup();
    const before = t.ext.snapshot();
    t.ext.assertOk(signed(ALICE), 'Sudo', 'sudo', { call: balancesCall('force_transfer', { source: id(BOB), dest: id(ALICE), value: 150n }) });
    expect(t.ext.snapshot()).toEqual(before);
    expect(t.ext.events()).toEqual([
      { pallet: 'Sudo', name: 'Sudid', value: { sudo_result: { ok: false, error: { tag: 'Token', value: { tag: 'FundsUnavailable' } } } } },
    ]);
  });

  it('fails with RequireSudo for any other signer, and BadOrigin unsigned', () => {
    const t = setup();
    t.ext.assertNoop(signed(BOB), 'Sudo', 'sudo', { call: setBalance(BOB, 500n) }, SudoError.RequireSudo);
    t.ext.assertNoop(none, 'Sudo', 'sudo', { call: setBalance(BOB, 500n) }, BadOrigin);
  });

  it('accepts Root (ensure_sudo allows it)', () => {
    const t = setup();
    t.ext.assertOk(root, 'Sudo', 'sudo', { call: setBalance(BOB, 500n) });
    expect(t.free(BOB)).toBe(500n);
  });

  it('weighs its own overhead plus the inner call, and pays no fee', () => {
    const t = setup();
    const inner = setBalance(BOB, 1n);
    const outer: RuntimeCall = { tag: 'Sudo', value: { tag: 'sudo', value: { call: inner } } };
    expect(t.runtime.callWeight(outer).ref_time).toBe(11_000_000n + t.runtime.callWeight(inner).ref_time);
    expect(t.runtime.lookupCall(outer).spec.paysFee).toBe(false);
  });

  it('encodes a boxed RuntimeCall inside the call', () => {
    const t = setup();
    const bytes = encode(t.runtime.call, { tag: 'Sudo', value: { tag: 'sudo', value: { call: balancesCall('burn', { value: 1n, keep_alive: true }) } } });
    expect(bytes).toEqual(Uint8Array.from([4, 0, 2, 10, 4, 1]));
  });
});

describe('sudo_unchecked_weight', () => {
  it('dispatches as Root with the given weight', () => {
    const t = setup();
    const w = { ref_time: 7n, proof_size: 3n };
    t.ext.assertOk(signed(ALICE), 'Sudo', 'sudo_unchecked_weight', { call: setBalance(CHARLIE, 20n), weight: w });
    expect(t.free(CHARLIE)).toBe(20n);
    expect(t.ext.events().at(-1)).toEqual({ pallet: 'Sudo', name: 'Sudid', value: { sudo_result: ok } });
    expect(t.runtime.callWeight({ tag: 'Sudo', value: { tag: 'sudo_unchecked_weight', value: { call: setBalance(CHARLIE, 20n), weight: w } } })).toEqual(w);
    t.ext.assertNoop(signed(BOB), 'Sudo', 'sudo_unchecked_weight', { call: setBalance(CHARLIE, 20n), weight: w }, SudoError.RequireSudo);
  });
});

describe('set_key', () => {
  it('hands the key on', () => {
    const t = setup();
    t.ext.assertOk(signed(ALICE), 'Sudo', 'set_key', { new: id(BOB) });
    expect(t.key()).toEqual(BOB);
    expect(t.ext.events()).toEqual([{ pallet: 'Sudo', name: 'KeyChanged', value: { old: ALICE, new: BOB } }]);
    t.ext.assertNoop(signed(ALICE), 'Sudo', 'sudo', { call: setBalance(BOB, 1n) }, SudoError.RequireSudo);
    t.ext.assertOk(signed(BOB), 'Sudo', 'sudo', { call: setBalance(BOB, 500n) });
  });

  it('sets a first key through Root when there is none', () => {
    const t = setup(null);
    expect(t.key()).toBeUndefined();
    t.ext.assertNoop(signed(ALICE), 'Sudo', 'set_key', { new: id(BOB) }, SudoError.RequireSudo);
    t.ext.assertOk(root, 'Sudo', 'set_key', { new: id(BOB) });
    expect(t.ext.events()).toEqual([{ pallet: 'Sudo', name: 'KeyChanged', value: { old: undefined, new: BOB } }]);
  });

  it('fails CannotLookup for an unresolvable address', () => {
    const t = setup();
    t.ext.assertNoop(signed(ALICE), 'Sudo', 'set_key', { new: { tag: 'Raw', value: BOB } }, new DispatchFailure({ tag: 'CannotLookup' }));
  });
});

describe('sudo_as', () => {
  it('dispatches as the given account', () => {
    const t = setup();
    t.ext.assertOk(signed(ALICE), 'Sudo', 'sudo_as', { who: id(BOB), call: balancesCall('transfer_allow_death', { dest: id(CHARLIE), value: 30n }) });
    expect([t.free(BOB), t.free(CHARLIE)]).toEqual([70n, 30n]);
    expect(t.ext.events().at(-1)).toEqual({ pallet: 'Sudo', name: 'SudoAsDone', value: { sudo_result: ok } });
  });

  it('reports the inner failure in SudoAsDone', () => {
    const t = setup();
    t.ext.assertOk(signed(ALICE), 'Sudo', 'sudo_as', { who: id(BOB), call: setBalance(BOB, 1n) });
    expect(t.ext.events()).toEqual([{ pallet: 'Sudo', name: 'SudoAsDone', value: { sudo_result: { ok: false, error: { tag: 'BadOrigin' } } } }]);
  });

  it('requires the key', () => {
    const t = setup();
    t.ext.assertNoop(signed(BOB), 'Sudo', 'sudo_as', { who: id(ALICE), call: setBalance(BOB, 1n) }, SudoError.RequireSudo);
  });
});

describe('remove_key', () => {
  it('removes the key for good', () => {
    const t = setup();
    t.ext.assertOk(signed(ALICE), 'Sudo', 'remove_key', {});
    expect(t.key()).toBeUndefined();
    expect(t.ext.events()).toEqual([{ pallet: 'Sudo', name: 'KeyRemoved', value: undefined }]);
    t.ext.assertNoop(signed(ALICE), 'Sudo', 'sudo', { call: setBalance(BOB, 1n) }, SudoError.RequireSudo);
  });

  it('requires the key', () => {
    const t = setup();
    t.ext.assertNoop(signed(BOB), 'Sudo', 'remove_key', {}, SudoError.RequireSudo);
  });
});

describe('genesis and wire format', () => {
  it('rejects a malformed key', () => {
    expect(() => setup('0x1234')).toThrow(/SS58 address or a 0x-prefixed 32-byte hex/);
  });

  it('encodes events and errors at FRAME`s indices', () => {
    const t = setup();
    const failed = { tag: 'Sudo', value: { tag: 'Sudid', value: { sudo_result: { ok: false, error: { tag: 'Token', value: { tag: 'FundsUnavailable' } } } } } };
    expect(encode(t.runtime.event, failed)).toEqual(Uint8Array.from([4, 0, 1, 7, 0]));
    expect(encode(t.runtime.event, { tag: 'Sudo', value: { tag: 'KeyRemoved' } })).toEqual(Uint8Array.from([4, 2]));
    expect(encode(t.runtime.error, { tag: 'Sudo', value: { tag: 'RequireSudo' } })).toEqual(Uint8Array.from([4, 0]));
  });
});
