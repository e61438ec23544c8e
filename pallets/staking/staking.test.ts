import { Metadata, TypeRegistry } from '@polkadot/types';
import { u8aToHex } from '@polkadot/util';
import { describe, expect, it } from 'vitest';
import { BadOrigin, type PalletError } from '../../runtime/framework/pallet.ts';
import { root, signed, type TestExt } from '../../runtime/framework/testing.ts';
import { buildMetadata } from '../../runtime/metadata/build.ts';
import { acct, hexAcct } from '../balances/mock.ts';
import { HISTORY_DEPTH, StakingError } from './index.ts';
import { ALICE, BOB, CHARLIE, DAVE, EVE, FERDIE, MIN, stakingMock, type StakingMock } from './mock.ts';

const roles = (validator = false, worker = false, verifier = false, evaluator = false) => ({ validator, worker, verifier, evaluator });
const ID1 = new Uint8Array(8).fill(1);
const ID2 = new Uint8Array(8).fill(2);
const PROOF = new Uint8Array(32).fill(0xab);
const names = (ext: TestExt) => ext.events().map((e) => `${e.pallet}.${e.name}`);
const stakingEvents = (ext: TestExt) => ext.events().filter((e) => e.pallet === 'Staking');
const expectConsistent = (t: StakingMock) => expect(t.issuance()).toBe(t.sum());

/** An API function that fails must leave storage and events as they were. */
function expectApiNoop(t: StakingMock, f: () => unknown, error: PalletError | RegExp) {
  const before = t.ext.snapshot();
  const events = t.ext.events().length;
  expect(f).toThrow(error instanceof RegExp ? error : error.message);
  expect(t.ext.snapshot()).toEqual(before);
  expect(t.ext.events().length).toBe(events);
}

describe('genesis', () => {
  it('bonds the stakers, writes the minimum bonds and elects era 0', () => {
    const t = stakingMock({ stakers: [[hexAcct(1), '1000', ['validator']], [hexAcct(2), 500, ['worker', 'verifier']]] });
    expect(t.ledger(ALICE)).toEqual({ total: 1000n, active: 1000n, unlocking: [], roles: roles(true) });
    expect(t.ledger(BOB)).toEqual({ total: 500n, active: 500n, unlocking: [], roles: roles(false, true, true) });
    expect([t.free(ALICE), t.reserved(ALICE)]).toEqual([9000n, 1000n]);
    expect(t.staking.storage.MinBonds.get(t.ext.state)).toEqual(MIN);
    expect(t.api.validators(t.ext.state)).toEqual([ALICE]);
    expect(t.api.validatorStake(t.ext.state, ALICE)).toBe(1000n);
    expect(t.api.currentEra(t.ext.state)).toBe(0);
    expect(t.staking.storage.ErasStartBlock.get(t.ext.state, 0)).toBe(0);
    expect(t.staking.storage.ErasTotalStake.get(t.ext.state, 0)).toBe(1000n);
    expect(t.ext.events()).toEqual([]);
    expectConsistent(t);
  });

  it.each([
    ['a duplicate staker', [[hexAcct(1), '200', []], [hexAcct(1), '300', []]], /listed twice/],
    ['a bond below a role minimum', [[hexAcct(1), '99', ['validator']]], /below the validator minimum 100/],
    ['a bond the free balance cannot cover', [[hexAcct(1), '9991', []]], /cannot bond 9991/],
  ])('rejects %s with a clear error', (_, stakers, message) => {
    expect(() => stakingMock({ stakers: stakers as never })).toThrow(message);
  });

  it.each([
    ['an unknown role', [[hexAcct(1), '200', ['miner']]]],
    ['a zero bond', [[hexAcct(1), '0', []]]],
    ['a bad account', [['0x1234', '200', []]]],
  ])('rejects %s in the schema', (_, stakers) => {
    expect(() => stakingMock({ stakers: stakers as never })).toThrow();
  });

  it('rejects an out-of-range Config', () => {
    expect(() => stakingMock({ config: { eraLength: 0 } })).toThrow(/eraLength/);
    expect(() => stakingMock({ config: { slashRewardShare: 1_000_001 } })).toThrow(/slashRewardShare/);
  });
});

describe('bond', () => {
  it('reserves the value; bonding again adds', () => {
    const t = stakingMock();
    t.ext.assertOk(signed(ALICE), 'Staking', 'bond', { value: 300n });
    expect(names(t.ext)).toEqual(['Balances.Reserved', 'Staking.Bonded']);
    expect(stakingEvents(t.ext)[0]!.value).toEqual({ who: ALICE, amount: 300n });
    t.ext.assertOk(signed(ALICE), 'Staking', 'bond', { value: 200n });
    expect(t.ledger(ALICE)).toEqual({ total: 500n, active: 500n, unlocking: [], roles: roles() });
    expect([t.free(ALICE), t.reserved(ALICE)]).toEqual([9500n, 500n]);
    expectConsistent(t);
  });

  it('fails with ZeroAmount, InsufficientBond (keeping the ED) and BadOrigin', () => {
    const t = stakingMock();
    t.ext.assertNoop(signed(ALICE), 'Staking', 'bond', { value: 0n }, StakingError.ZeroAmount);
    t.ext.assertNoop(signed(ALICE), 'Staking', 'bond', { value: 9991n }, StakingError.InsufficientBond);
    t.ext.assertNoop(signed(acct(7)), 'Staking', 'bond', { value: 1n }, StakingError.InsufficientBond);
    t.ext.assertNoop(root, 'Staking', 'bond', { value: 1n }, BadOrigin);
    t.ext.assertOk(signed(ALICE), 'Staking', 'bond', { value: 9990n });
    expect(t.free(ALICE)).toBe(10n);
  });
});

describe('unbond and withdraw_unbonded', () => {
  it('moves stake to a chunk that matures after the unbonding period', () => {
    const t = stakingMock();
    t.ext.assertOk(signed(ALICE), 'Staking', 'bond', { value: 500n });
    t.ext.assertOk(signed(ALICE), 'Staking', 'unbond', { value: 200n });
    expect(stakingEvents(t.ext).at(-1)!.value).toEqual({ who: ALICE, amount: 200n, unlock_at: 6 });
    expect(t.ledger(ALICE)).toEqual({ total: 500n, active: 300n, unlocking: [{ value: 200n, unlock_at: 6 }], roles: roles() });
    t.runToBlock(5);
    t.ext.assertNoop(signed(ALICE), 'Staking', 'withdraw_unbonded', {}, StakingError.NothingToWithdraw);
    t.runToBlock(6);
    t.ext.assertOk(signed(ALICE), 'Staking', 'withdraw_unbonded', {});
    expect(stakingEvents(t.ext).at(-1)).toEqual({ pallet: 'Staking', name: 'Withdrawn', value: { who: ALICE, amount: 200n } });
    expect(t.ledger(ALICE)).toEqual({ total: 300n, active: 300n, unlocking: [], roles: roles() });
    expect([t.free(ALICE), t.reserved(ALICE)]).toEqual([9700n, 300n]);
    expectConsistent(t);
  });

  it('merges unbonds of one block, withdraws only matured chunks, and removes an emptied ledger', () => {
    const t = stakingMock();
    t.ext.assertOk(signed(ALICE), 'Staking', 'bond', { value: 500n });
    t.ext.assertOk(signed(ALICE), 'Staking', 'unbond', { value: 100n });
    t.ext.assertOk(signed(ALICE), 'Staking', 'unbond', { value: 100n });
    t.runToBlock(3);
    t.ext.assertOk(signed(ALICE), 'Staking', 'unbond', { value: 300n });
    expect(t.ledger(ALICE)!.unlocking).toEqual([{ value: 200n, unlock_at: 6 }, { value: 300n, unlock_at: 8 }]);
    t.runToBlock(7);
    t.ext.assertOk(signed(ALICE), 'Staking', 'withdraw_unbonded', {});
    expect(t.ledger(ALICE)).toEqual({ total: 300n, active: 0n, unlocking: [{ value: 300n, unlock_at: 8 }], roles: roles() });
    t.runToBlock(8);
    t.ext.assertOk(signed(ALICE), 'Staking', 'withdraw_unbonded', {});
    expect(t.ledger(ALICE)).toBeUndefined();
    expect([t.free(ALICE), t.reserved(ALICE)]).toEqual([10_000n, 0n]);
    expectConsistent(t);
  });

  it('fails with NotBonded, ZeroAmount, InsufficientActiveStake and TooManyUnlockingChunks', () => {
    const t = stakingMock();
    t.ext.assertNoop(signed(ALICE), 'Staking', 'unbond', { value: 1n }, StakingError.NotBonded);
    t.ext.assertNoop(signed(ALICE), 'Staking', 'withdraw_unbonded', {}, StakingError.NotBonded);
    t.ext.assertOk(signed(ALICE), 'Staking', 'bond', { value: 500n });
    t.ext.assertNoop(signed(ALICE), 'Staking', 'unbond', { value: 0n }, StakingError.ZeroAmount);
    t.ext.assertNoop(signed(ALICE), 'Staking', 'unbond', { value: 501n }, StakingError.InsufficientActiveStake);
    t.ext.assertNoop(signed(ALICE), 'Staking', 'withdraw_unbonded', {}, StakingError.NothingToWithdraw);
    for (let b = 2; b <= 4; b++) {
      t.runToBlock(b);
      t.ext.assertOk(signed(ALICE), 'Staking', 'unbond', { value: 10n });
    }
    t.runToBlock(5);
    t.ext.assertNoop(signed(ALICE), 'Staking', 'unbond', { value: 10n }, StakingError.TooManyUnlockingChunks);
    t.runToBlock(7);
    t.ext.assertOk(signed(ALICE), 'Staking', 'withdraw_unbonded', {});
    t.ext.assertOk(signed(ALICE), 'Staking', 'unbond', { value: 10n });
  });

  it('keeps every held role covered: BelowMinimumBond until the role is given up', () => {
    const t = stakingMock({ stakers: [[hexAcct(1), '150', ['validator', 'worker']]] });
    t.ext.assertNoop(signed(ALICE), 'Staking', 'unbond', { value: 51n }, StakingError.BelowMinimumBond);
    t.ext.assertOk(signed(ALICE), 'Staking', 'unbond', { value: 50n });
    t.ext.assertNoop(signed(ALICE), 'Staking', 'unbond', { value: 51n }, StakingError.BelowMinimumBond);
    t.ext.assertOk(signed(ALICE), 'Staking', 'chill', {});
    t.ext.assertOk(signed(ALICE), 'Staking', 'unbond', { value: 50n });
    t.ext.assertNoop(signed(ALICE), 'Staking', 'unbond', { value: 1n }, StakingError.BelowMinimumBond);
    t.ext.assertOk(signed(ALICE), 'Staking', 'set_roles', roles());
    t.ext.assertOk(signed(ALICE), 'Staking', 'unbond', { value: 50n });
    expect(t.ledger(ALICE)!.active).toBe(0n);
  });
});

describe('set_roles and chill', () => {
  it('declares roles, each needing its minimum; the validator role makes a candidate', () => {
    const t = stakingMock();
    t.ext.assertOk(signed(ALICE), 'Staking', 'bond', { value: 100n });
    t.ext.assertOk(signed(ALICE), 'Staking', 'set_roles', roles(true, true, true, true));
    expect(stakingEvents(t.ext).at(-1)).toEqual({ pallet: 'Staking', name: 'RolesSet', value: { who: ALICE, roles: roles(true, true, true, true) } });
    expect(t.staking.storage.ValidatorCandidates.contains(t.ext.state, ALICE)).toBe(true);
    expect(t.staking.storage.CounterForValidatorCandidates.get(t.ext.state)).toBe(1);
    for (const role of ['validator', 'worker', 'verifier', 'evaluator'] as const) expect(t.api.hasRole(t.ext.state, ALICE, role)).toBe(true);
    t.ext.assertOk(signed(ALICE), 'Staking', 'chill', {});
    expect(t.ledger(ALICE)!.roles).toEqual(roles(false, true, true, true));
    expect(t.staking.storage.CounterForValidatorCandidates.get(t.ext.state)).toBe(0);
    t.ext.assertNoop(signed(ALICE), 'Staking', 'chill', {}, StakingError.NotValidator);
  });

  it.each([
    ['validator', roles(true), 99n],
    ['worker', roles(false, true), 49n],
    ['verifier', roles(false, false, true), 29n],
    ['evaluator', roles(false, false, false, true), 19n],
  ])('fails with BelowMinimumBond for the %s role below its minimum', (_, wanted, bond) => {
    const t = stakingMock();
    t.ext.assertOk(signed(ALICE), 'Staking', 'bond', { value: bond });
    t.ext.assertNoop(signed(ALICE), 'Staking', 'set_roles', wanted, StakingError.BelowMinimumBond);
    t.ext.assertOk(signed(ALICE), 'Staking', 'bond', { value: 1n });
    t.ext.assertOk(signed(ALICE), 'Staking', 'set_roles', wanted);
  });

  it('fails with NotBonded and BadOrigin', () => {
    const t = stakingMock();
    t.ext.assertNoop(signed(ALICE), 'Staking', 'set_roles', roles(), StakingError.NotBonded);
    t.ext.assertNoop(signed(ALICE), 'Staking', 'chill', {}, StakingError.NotBonded);
    t.ext.assertNoop(root, 'Staking', 'set_roles', roles(), BadOrigin);
    t.ext.assertNoop(root, 'Staking', 'chill', {}, BadOrigin);
  });
});

describe('set_min_bonds and force_new_era (Root)', () => {
  it('set_min_bonds changes what roles need; a role below a raised minimum is suspended, not removed', () => {
    const t = stakingMock({ stakers: [[hexAcct(1), '150', ['validator']]] });
    const raised = { validator: 200n, worker: 60n, verifier: 40n, evaluator: 30n };
    t.ext.assertNoop(signed(ALICE), 'Staking', 'set_min_bonds', raised, BadOrigin);
    t.ext.assertOk(root, 'Staking', 'set_min_bonds', raised);
    expect(stakingEvents(t.ext)).toEqual([{ pallet: 'Staking', name: 'MinBondsSet', value: { min_bonds: raised } }]);
    expect(t.ledger(ALICE)!.roles.validator).toBe(true);
    expect(t.api.hasRole(t.ext.state, ALICE, 'validator')).toBe(false);
    t.ext.assertNoop(signed(ALICE), 'Staking', 'set_roles', roles(true), StakingError.BelowMinimumBond);
    t.ext.assertOk(signed(ALICE), 'Staking', 'bond', { value: 50n });
    expect(t.api.hasRole(t.ext.state, ALICE, 'validator')).toBe(true);
  });

  it('force_new_era starts an era at the next block', () => {
    const t = stakingMock({ stakers: [[hexAcct(1), '150', ['validator']]] });
    t.ext.assertNoop(signed(ALICE), 'Staking', 'force_new_era', {}, BadOrigin);
    t.ext.assertOk(root, 'Staking', 'force_new_era', {});
    expect(t.staking.storage.ForceNewEra.get(t.ext.state)).toBe(true);
    t.runToBlock(2);
    expect(t.api.currentEra(t.ext.state)).toBe(1);
    expect(t.staking.storage.ErasStartBlock.get(t.ext.state, 1)).toBe(2);
    expect(t.staking.storage.ForceNewEra.get(t.ext.state)).toBe(false);
    // The next boundary counts from the forced start.
    t.runToBlock(11);
    expect(t.api.currentEra(t.ext.state)).toBe(1);
    t.runToBlock(12);
    expect(t.api.currentEra(t.ext.state)).toBe(2);
  });
});

describe('eras', () => {
  const stakers = [
    [hexAcct(1), '300', ['validator']],
    [hexAcct(2), '500', ['validator']],
    [hexAcct(3), '300', ['validator']],
    [hexAcct(4), '200', ['validator']],
    [hexAcct(5), '900', ['worker']],
  ] as [string, string, string[]][];

  it('elects the top stakes at each era boundary, ties by account bytes, capped at MaxValidators', () => {
    const t = stakingMock({ stakers: stakers as never });
    expect(t.api.validators(t.ext.state)).toEqual([BOB, ALICE, CHARLIE]);
    t.ext.assertOk(signed(DAVE), 'Staking', 'bond', { value: 350n });
    t.ext.assertOk(signed(ALICE), 'Staking', 'chill', {});
    t.runToBlock(9);
    expect(t.api.validators(t.ext.state)).toEqual([BOB, ALICE, CHARLIE]);
    expect(t.ext.events()).toEqual([]);
    const weight = t.staking.pallet.hooks!.onInitialize!;
    t.ext.nextBlock();
    expect(weight(t.ext.ctx)).toMatchObject({ ref_time: expect.any(BigInt) });
    expect(t.api.currentEra(t.ext.state)).toBe(1);
    expect(t.api.validators(t.ext.state)).toEqual([DAVE, BOB, CHARLIE]);
    expect(t.ext.events()).toEqual([{ pallet: 'Staking', name: 'NewEra', value: { era: 1, validators: [DAVE, BOB, CHARLIE] } }]);
    expect([DAVE, BOB, CHARLIE, ALICE].map((w) => t.api.validatorStake(t.ext.state, w))).toEqual([550n, 500n, 300n, 0n]);
    expect(t.staking.storage.ErasTotalStake.get(t.ext.state, 1)).toBe(1350n);
    expect(t.staking.storage.ErasStartBlock.get(t.ext.state, 1)).toBe(10);
  });

  it('skips candidates below the validator minimum, and keeps the old set when nobody qualifies', () => {
    const t = stakingMock({ stakers: [[hexAcct(1), '300', ['validator']]] });
    t.api.slash(t.ext.ctx, ALICE, 250n, 'Equivocation', PROOF);
    t.runToBlock(10);
    expect(t.api.currentEra(t.ext.state)).toBe(1);
    expect(t.api.validators(t.ext.state)).toEqual([ALICE]);
    t.ext.assertOk(signed(BOB), 'Staking', 'bond', { value: 100n });
    t.ext.assertOk(signed(BOB), 'Staking', 'set_roles', roles(true));
    t.runToBlock(20);
    expect(t.api.validators(t.ext.state)).toEqual([BOB]);
    expect(t.api.validatorStake(t.ext.state, ALICE)).toBe(0n);
  });

  it(`prunes era history older than ${HISTORY_DEPTH} eras`, () => {
    const t = stakingMock({ stakers: [[hexAcct(1), '300', ['validator']]], config: { eraLength: 1 } });
    t.runToBlock(HISTORY_DEPTH + 1);
    expect(t.api.currentEra(t.ext.state)).toBe(HISTORY_DEPTH);
    expect(t.staking.storage.ErasStartBlock.get(t.ext.state, 0)).toBeUndefined();
    expect(t.staking.storage.ErasTotalStake.get(t.ext.state, 0)).toBeUndefined();
    expect(t.staking.storage.ErasStartBlock.get(t.ext.state, 1)).toBe(2);
  });
});

describe('locks', () => {
  it('lock and unlock active stake under an id; locked stake cannot be unbonded', () => {
    const t = stakingMock();
    t.ext.assertOk(signed(BOB), 'Staking', 'bond', { value: 500n });
    t.api.lock(t.ext.ctx, BOB, ID1, 300n);
    t.api.lock(t.ext.ctx, BOB, ID2, 100n);
    expect(stakingEvents(t.ext).slice(-2).map((e) => e.value)).toEqual([{ who: BOB, id: ID1, amount: 300n }, { who: BOB, id: ID2, amount: 100n }]);
    expect([t.api.lockedAmount(t.ext.state, BOB, ID1), t.api.totalLocked(t.ext.state, BOB), t.api.unlockedStake(t.ext.state, BOB)]).toEqual([300n, 400n, 100n]);
    t.ext.assertNoop(signed(BOB), 'Staking', 'unbond', { value: 101n }, StakingError.StakeLocked);
    t.ext.assertOk(signed(BOB), 'Staking', 'unbond', { value: 100n });
    // A lock is replaced, not added to.
    t.api.lock(t.ext.ctx, BOB, ID1, 200n);
    expect(t.api.totalLocked(t.ext.state, BOB)).toBe(300n);
    expect(t.api.unlock(t.ext.ctx, BOB, ID1)).toBe(200n);
    expect(stakingEvents(t.ext).at(-1)).toEqual({ pallet: 'Staking', name: 'Unlocked', value: { who: BOB, id: ID1, amount: 200n } });
    expect([t.api.lockedAmount(t.ext.state, BOB, ID1), t.api.totalLocked(t.ext.state, BOB)]).toEqual([0n, 100n]);
    t.ext.assertOk(signed(BOB), 'Staking', 'unbond', { value: 300n });
    t.ext.assertNoop(signed(BOB), 'Staking', 'unbond', { value: 1n }, StakingError.StakeLocked);
  });

  it('unlock of a missing lock releases nothing and writes nothing', () => {
    const t = stakingMock({ stakers: [[hexAcct(2), '500', []]] });
    const before = t.ext.snapshot();
    expect(t.api.unlock(t.ext.ctx, BOB, ID2)).toBe(0n);
    expect(t.api.unlock(t.ext.ctx, CHARLIE, ID2)).toBe(0n);
    expect(t.ext.snapshot()).toEqual(before);
    expect(t.ext.events()).toEqual([]);
  });

  it('fails with NotBonded, ZeroAmount and InsufficientActiveStake, writing nothing', () => {
    const t = stakingMock();
    expectApiNoop(t, () => t.api.lock(t.ext.ctx, BOB, ID1, 1n), StakingError.NotBonded);
    t.ext.assertOk(signed(BOB), 'Staking', 'bond', { value: 500n });
    expectApiNoop(t, () => t.api.lock(t.ext.ctx, BOB, ID1, 0n), StakingError.ZeroAmount);
    expectApiNoop(t, () => t.api.lock(t.ext.ctx, BOB, ID1, 501n), StakingError.InsufficientActiveStake);
    t.api.lock(t.ext.ctx, BOB, ID1, 400n);
    expectApiNoop(t, () => t.api.lock(t.ext.ctx, BOB, ID2, 101n), StakingError.InsufficientActiveStake);
    expectApiNoop(t, () => t.api.lock(t.ext.ctx, BOB, new Uint8Array(4), 1n), /8 bytes/);
  });
});

describe('slash', () => {
  it('splits the slash between the reporter and burning, exactly, and records it', () => {
    const t = stakingMock({ stakers: [[hexAcct(1), '1000', ['validator']]] });
    const issuance = t.issuance();
    expect(t.api.slash(t.ext.ctx, ALICE, 333n, 'InvalidWork', PROOF, BOB)).toBe(333n);
    // 10% of 333 rounds down to 33 for the reporter; 300 burned.
    expect([t.free(BOB), t.reserved(ALICE), t.ledger(ALICE)!.total, t.issuance()]).toEqual([10_033n, 667n, 667n, issuance - 300n]);
    expect(stakingEvents(t.ext)).toEqual([
      {
        pallet: 'Staking',
        name: 'Slashed',
        value: { slash_id: 0n, offender: ALICE, amount: 333n, reporter: BOB, reporter_reward: 33n, burned: 300n, reason: { tag: 'InvalidWork' }, proof_ref: PROOF },
      },
    ]);
    expect(t.staking.storage.SlashRecords.get(t.ext.state, 0n)).toEqual({ offender: ALICE, amount: 333n, reason: { tag: 'InvalidWork' }, proof_ref: PROOF, reporter: BOB, block: 1 });
    expect(t.staking.storage.NextSlashId.get(t.ext.state)).toBe(1n);
    expectConsistent(t);
  });

  it('takes active stake first, then unlocking chunks from the newest', () => {
    const t = stakingMock();
    t.ext.assertOk(signed(ALICE), 'Staking', 'bond', { value: 1000n });
    t.ext.assertOk(signed(ALICE), 'Staking', 'unbond', { value: 300n });
    t.runToBlock(2);
    t.ext.assertOk(signed(ALICE), 'Staking', 'unbond', { value: 400n });
    expect(t.api.slash(t.ext.ctx, ALICE, 500n, 'MissedDeadline', PROOF)).toBe(500n);
    expect(t.ledger(ALICE)).toEqual({ total: 500n, active: 0n, unlocking: [{ value: 300n, unlock_at: 6 }, { value: 200n, unlock_at: 7 }], roles: roles() });
    // Capped at what is bonded; the emptied ledger is removed.
    expect(t.api.slash(t.ext.ctx, ALICE, 10_000n, 'Other', PROOF)).toBe(500n);
    expect(t.ledger(ALICE)).toBeUndefined();
    expect([t.free(ALICE), t.reserved(ALICE)]).toEqual([9000n, 0n]);
    expectConsistent(t);
  });

  it('slashes locked stake; the lock stays recorded until released', () => {
    const t = stakingMock({ stakers: [[hexAcct(1), '500', ['worker']]] });
    t.api.lock(t.ext.ctx, ALICE, ID1, 400n);
    expect(t.api.slash(t.ext.ctx, ALICE, 450n, 'InvalidWork', PROOF, BOB)).toBe(450n);
    expect([t.api.activeStake(t.ext.state, ALICE), t.api.totalLocked(t.ext.state, ALICE), t.api.unlockedStake(t.ext.state, ALICE)]).toEqual([50n, 400n, 0n]);
    expect(t.api.hasRole(t.ext.state, ALICE, 'worker')).toBe(true);
    t.ext.assertNoop(signed(ALICE), 'Staking', 'unbond', { value: 1n }, StakingError.StakeLocked);
    expect(t.api.slash(t.ext.ctx, ALICE, 50n, 'InvalidWork', PROOF)).toBe(50n);
    expect(t.api.hasRole(t.ext.state, ALICE, 'worker')).toBe(false);
    expect(t.api.unlock(t.ext.ctx, ALICE, ID1)).toBe(400n);
    expect(t.ledger(ALICE)).toEqual({ total: 0n, active: 0n, unlocking: [], roles: roles(false, true) });
    expectConsistent(t);
  });

  it('burns everything when the reporter is the offender or has no account', () => {
    const t = stakingMock({ stakers: [[hexAcct(1), '1000', []]] });
    const issuance = t.issuance();
    expect(t.api.slash(t.ext.ctx, ALICE, 100n, 'Equivocation', PROOF, ALICE)).toBe(100n);
    expect(t.api.slash(t.ext.ctx, ALICE, 100n, 'Equivocation', PROOF, acct(7))).toBe(100n);
    expect(t.issuance()).toBe(issuance - 200n);
    expect(stakingEvents(t.ext).map((e) => (e.value as { reporter_reward: bigint }).reporter_reward)).toEqual([0n, 0n]);
    expectConsistent(t);
  });

  it('does nothing for a zero amount or an account with nothing bonded', () => {
    const t = stakingMock({ stakers: [[hexAcct(1), '1000', []]] });
    const before = t.ext.snapshot();
    expect(t.api.slash(t.ext.ctx, ALICE, 0n, 'Other', PROOF, BOB)).toBe(0n);
    expect(t.api.slash(t.ext.ctx, CHARLIE, 100n, 'Other', PROOF, BOB)).toBe(0n);
    expect(t.ext.snapshot()).toEqual(before);
    expect(t.ext.events()).toEqual([]);
  });
});

describe('reward', () => {
  it('mints without a source and moves funds from one', () => {
    const t = stakingMock();
    const issuance = t.issuance();
    t.api.reward(t.ext.ctx, ALICE, 70n);
    expect([t.free(ALICE), t.issuance()]).toEqual([10_070n, issuance + 70n]);
    t.api.reward(t.ext.ctx, BOB, 10_000n, EVE);
    expect([t.free(BOB), t.free(EVE), t.issuance()]).toEqual([20_000n, 0n, issuance + 70n]);
    expect(stakingEvents(t.ext).map((e) => e.value)).toEqual([{ who: ALICE, amount: 70n, source: undefined }, { who: BOB, amount: 10_000n, source: EVE }]);
    expectConsistent(t);
  });

  it('fails atomically when the source cannot pay or a new account would get less than the ED', () => {
    const t = stakingMock();
    expectApiNoop(t, () => t.api.reward(t.ext.ctx, ALICE, 10_001n, FERDIE), /FundsUnavailable/);
    expectApiNoop(t, () => t.api.reward(t.ext.ctx, acct(7), 5n), /Balances.ExistentialDeposit/);
  });
});

describe('metadata', () => {
  it('decodes with @polkadot/types: calls, events, errors, storage and constants with their docs', () => {
    const t = stakingMock({ stakers: [[hexAcct(1), '1000', ['validator']]] });
    const registry = new TypeRegistry();
    const metadata = new Metadata(registry, u8aToHex(buildMetadata({ composed: t.runtime, apis: [] }).v14));
    registry.setMetadata(metadata);
    const pallet = metadata.asLatest.pallets.find((p) => p.name.toString() === 'Staking')!;
    expect(pallet.index.toNumber()).toBe(10);
    expect(registry.findMetaCall(new Uint8Array([10, 3])).method).toBe('setRoles');
    expect(registry.findMetaError({ index: registry.createType('u8', 10), error: registry.createType('u8', 5) } as never).name).toBe('StakeLocked');
    const items = pallet.storage.unwrap().items.map((i) => i.name.toString());
    expect(items).toContain('Ledger');
    const ledgerItem = pallet.storage.unwrap().items.find((i) => i.name.toString() === 'Ledger')!;
    const ledgerType = registry.lookup.getTypeDef(ledgerItem.type.asMap.value).lookupName;
    const raw = t.ext.state.get(Buffer.from(t.staking.storage.Ledger.storageKey(ALICE)).toString('latin1'))!;
    const decoded = registry.createType(ledgerType!, raw).toJSON();
    expect(decoded).toEqual({ total: 1000, active: 1000, unlocking: [], roles: { validator: true, worker: false, verifier: false, evaluator: false } });
    expect(pallet.constants.map((c) => c.name.toString())).toEqual(['UnbondingPeriod', 'EraLength', 'MaxValidators', 'SlashRewardShare', 'MaxUnlockingChunks', 'HistoryDepth']);
  });
});
