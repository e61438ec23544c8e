/**
 * Property: over random sequences of bond / unbond / withdraw / set_roles / blocks / lock / unlock / slash /
 * reward, the books always balance: TotalIssuance == Σ(free + reserved) == genesis issuance + minted − burned,
 * each ledger's total == its reserve == active + Σ chunks, each TotalLocked == Σ of its locks, the candidate
 * counter is exact, a failed call or API call changes nothing, and a signed call touches only its signer.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signed } from '../../runtime/framework/testing.ts';
import { acct } from '../balances/mock.ts';
import { ACCOUNTS, stakingMock, type StakingMock } from './mock.ts';

const who = fc.integer({ min: 1, max: 4 });
// Mostly amounts that fit the stakes in play, sometimes any amount up to past a whole balance.
const amount = fc.oneof({ arbitrary: fc.bigInt({ min: 1n, max: 250n }), weight: 4 }, { arbitrary: fc.bigInt({ min: 0n, max: 12_000n }), weight: 1 });
const lockIds = [1, 2, 3].map((n) => new Uint8Array(8).fill(n));
const bool = fc.boolean();

const action = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('bond' as const), who, value: amount }), weight: 3 },
  fc.record({ kind: fc.constant('unbond' as const), who, value: amount }),
  fc.record({ kind: fc.constant('withdraw' as const), who }),
  fc.record({ kind: fc.constant('roles' as const), who, validator: bool, worker: bool, verifier: bool, evaluator: bool }),
  { arbitrary: fc.record({ kind: fc.constant('blocks' as const), n: fc.integer({ min: 1, max: 4 }) }), weight: 2 },
  fc.record({ kind: fc.constant('lock' as const), who, id: fc.integer({ min: 0, max: 2 }), value: amount }),
  fc.record({ kind: fc.constant('unlock' as const), who, id: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ kind: fc.constant('slash' as const), who, value: amount, reporter: fc.option(fc.integer({ min: 1, max: 7 }), { nil: undefined }) }),
  fc.record({ kind: fc.constant('reward' as const), who, value: amount, from: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }) }),
);
type Action = typeof action extends fc.Arbitrary<infer A> ? A : never;

// Which kinds of action succeeded at least once, so that the property cannot pass vacuously.
const succeeded = new Set<string>();

const CALLS = { bond: 'bond', unbond: 'unbond', withdraw: 'withdraw_unbonded', roles: 'set_roles' } as const;

/** Balances and ledger of one account, for "touches only its signer". */
const footprint = (t: StakingMock, w: Uint8Array) => [t.free(w), t.reserved(w), t.ledger(w), t.api.totalLocked(t.ext.state, w)];

function checkInvariants(t: StakingMock, expectedIssuance: bigint) {
  expect(t.issuance()).toBe(t.sum());
  expect(t.issuance()).toBe(expectedIssuance);
  let candidates = 0;
  for (const w of ACCOUNTS) {
    const ledger = t.ledger(w);
    if (ledger === undefined) {
      expect(t.reserved(w)).toBe(0n);
      continue;
    }
    expect(ledger.total).toBe(t.reserved(w));
    expect(ledger.total).toBe(ledger.active + ledger.unlocking.reduce((s, c) => s + c.value, 0n));
    expect(ledger.unlocking.every((c) => c.value > 0n)).toBe(true);
    const locks = lockIds.reduce((s, id) => s + t.api.lockedAmount(t.ext.state, w, id), 0n);
    expect(t.api.totalLocked(t.ext.state, w)).toBe(locks);
    if (ledger.roles.validator) candidates++;
  }
  expect(t.staking.storage.CounterForValidatorCandidates.get(t.ext.state)).toBe(candidates);
  const stakes = t.api.validators(t.ext.state).map((w) => t.api.validatorStake(t.ext.state, w));
  expect(stakes.length).toBeLessThanOrEqual(t.config.maxValidators);
  expect(stakes.every((s, i) => i === 0 || stakes[i - 1]! >= s)).toBe(true);
}

/** Runs an API function; a throw must leave storage and events exactly as they were. */
function tryApi<R>(t: StakingMock, kind: string, f: () => R): R | undefined {
  const before = t.ext.snapshot();
  const events = t.ext.events().length;
  try {
    const r = f();
    if (r !== 0n) succeeded.add(kind);
    return r;
  } catch {
    expect(t.ext.snapshot()).toEqual(before);
    expect(t.ext.events().length).toBe(events);
    return undefined;
  }
}

function run(actions: Action[]) {
  const t = stakingMock({ stakers: [[`0x${'01'.repeat(32)}`, '1000', ['validator']]], config: { unbondingPeriod: 3, eraLength: 4 } });
  let expected = t.issuance();
  const proof = new Uint8Array(32).fill(7);
  for (const a of actions) {
    if (a.kind === 'blocks') {
      t.runToBlock(t.ext.ctx.block.number + a.n);
    } else if (a.kind in CALLS) {
      const signer = acct((a as { who: number }).who);
      const others = ACCOUNTS.filter((w) => w[0] !== signer[0]).map((w) => footprint(t, w));
      const before = t.ext.snapshot();
      const args = a.kind === 'roles' ? { validator: a.validator, worker: a.worker, verifier: a.verifier, evaluator: a.evaluator } : 'value' in a ? { value: a.value } : {};
      const r = t.ext.call(signed(signer), 'Staking', CALLS[a.kind as keyof typeof CALLS], args);
      if (!r.ok) expect(t.ext.snapshot()).toEqual(before);
      else succeeded.add(a.kind);
      expect(ACCOUNTS.filter((w) => w[0] !== signer[0]).map((w) => footprint(t, w))).toEqual(others);
    } else if (a.kind === 'lock') {
      tryApi(t, 'lock', () => t.api.lock(t.ext.ctx, acct(a.who), lockIds[a.id]!, a.value));
    } else if (a.kind === 'unlock') {
      tryApi(t, 'unlock', () => t.api.unlock(t.ext.ctx, acct(a.who), lockIds[a.id]!));
    } else if (a.kind === 'slash') {
      const events = t.ext.events().length;
      const slashed = tryApi(t, 'slash', () => t.api.slash(t.ext.ctx, acct(a.who), a.value, 'InvalidWork', proof, a.reporter === undefined ? undefined : acct(a.reporter)));
      const event = t.ext.events().slice(events).find((e) => e.pallet === 'Staking' && e.name === 'Slashed');
      if (event) {
        const { amount: taken, burned, reporter_reward } = event.value as { amount: bigint; burned: bigint; reporter_reward: bigint };
        expect(taken).toBe(slashed);
        expect(burned + reporter_reward).toBe(taken);
        expected -= burned;
      } else {
        expect(slashed ?? 0n).toBe(0n);
      }
    } else if (a.kind === 'reward') {
      const from = a.from === undefined ? undefined : acct(a.from);
      const events = t.ext.events().length;
      tryApi(t, 'reward', () => t.api.reward(t.ext.ctx, acct(a.who), a.value, from));
      const rewarded = t.ext.events().slice(events).some((e) => e.pallet === 'Staking' && e.name === 'Rewarded');
      if (rewarded && from === undefined) expected += a.value;
      // A source emptied below the ED is reaped; its dust leaves the issuance.
      for (const e of t.ext.events().slice(events)) if (e.name === 'DustLost') expected -= (e.value as { amount: bigint }).amount;
    }
    checkInvariants(t, expected);
  }
}

describe('staking invariants (fast-check)', () => {
  it('hold over random sequences of calls, blocks, locks, slashes and rewards', () => {
    fc.assert(fc.property(fc.array(action, { minLength: 1, maxLength: 60, size: 'max' }), run), { numRuns: 60 });
    expect([...succeeded].sort()).toEqual(['bond', 'lock', 'reward', 'roles', 'slash', 'unbond', 'unlock', 'withdraw']);
  });
});
