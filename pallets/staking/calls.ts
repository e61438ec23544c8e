/** Staking calls: bond, unbond, withdraw, declare roles, and Root's era and minimum-bond controls. */
import { call, ensureRoot, ensureSigned } from '../../runtime/framework/pallet.ts';
import { CompactBalance } from '../../runtime/primitives.ts';
import { bool } from '../../runtime/scale/codec.ts';
import { StakingError } from './errors.ts';
import { StakingEvent } from './events.ts';
import { ensureRolesCovered, ledgerOf, minBonds, putLedger, type StakingEnv, unlockedActive } from './ledger.ts';
import { NO_ROLES } from './types.ts';
import { StakingWeights } from './weights.ts';

/** The call table of a Staking instance. */
export function stakingCalls(env: StakingEnv) {
  const { config, storage: s } = env;
  const { currency } = config;
  return {
    bond: call({
      index: 0,
      args: { value: CompactBalance },
      docs: [
        ' Bond `value` of the free balance as stake (it is reserved). Bonding again adds to the active stake.',
        '',
        ' The free balance must keep the existential deposit. Emits `Bonded`.',
      ],
      weight: StakingWeights.bond,
      dispatch: (ctx, origin, { value }) => {
        const who = ensureSigned(origin);
        if (value === 0n) throw StakingError.ZeroAmount;
        if (!currency.canReserve(ctx.state, who, value)) throw StakingError.InsufficientBond;
        const ledger = s.Ledger.get(ctx.state, who) ?? { total: 0n, active: 0n, unlocking: [], roles: NO_ROLES };
        currency.reserve(ctx, who, value);
        putLedger(env, ctx.state, who, { ...ledger, total: ledger.total + value, active: ledger.active + value });
        ctx.deposit(StakingEvent, { tag: 'Bonded', value: { who, amount: value } });
      },
    }),
    unbond: call({
      index: 1,
      args: { value: CompactBalance },
      docs: [
        ' Move `value` of active stake into an unlocking chunk, withdrawable after `UnbondingPeriod` blocks.',
        '',
        ' Locked stake cannot be unbonded, and the active stake left must still meet the minimum of every',
        ' role held: give a role up with `set_roles` or `chill` first. Emits `Unbonded`.',
      ],
      weight: () => StakingWeights.unbond(config.maxUnlockingChunks),
      dispatch: (ctx, origin, { value }) => {
        const who = ensureSigned(origin);
        const ledger = ledgerOf(env, ctx.state, who);
        if (value === 0n) throw StakingError.ZeroAmount;
        if (value > ledger.active) throw StakingError.InsufficientActiveStake;
        if (value > unlockedActive(env, ctx.state, who, ledger)) throw StakingError.StakeLocked;
        const active = ledger.active - value;
        ensureRolesCovered(minBonds(env, ctx.state), ledger.roles, active);
        const unlockAt = ctx.block.number + config.unbondingPeriod;
        const unlocking = ledger.unlocking.map((c) => ({ ...c }));
        const last = unlocking[unlocking.length - 1];
        // Unbonds that mature at the same block share one chunk.
        if (last && last.unlock_at === unlockAt) last.value += value;
        else unlocking.push({ value, unlock_at: unlockAt });
        if (unlocking.length > config.maxUnlockingChunks) throw StakingError.TooManyUnlockingChunks;
        putLedger(env, ctx.state, who, { ...ledger, active, unlocking });
        ctx.deposit(StakingEvent, { tag: 'Unbonded', value: { who, amount: value, unlock_at: unlockAt } });
      },
    }),
    withdraw_unbonded: call({
      index: 2,
      args: {},
      docs: [
        ' Return every matured unlocking chunk to the free balance (it is unreserved).',
        '',
        ' A ledger left with nothing bonded, no role and no lock is removed. Emits `Withdrawn`.',
      ],
      weight: () => StakingWeights.withdrawUnbonded(config.maxUnlockingChunks),
      dispatch: (ctx, origin) => {
        const who = ensureSigned(origin);
        const ledger = ledgerOf(env, ctx.state, who);
        const now = ctx.block.number;
        const amount = ledger.unlocking.filter((c) => c.unlock_at <= now).reduce((t, c) => t + c.value, 0n);
        if (amount === 0n) throw StakingError.NothingToWithdraw;
        const unlocking = ledger.unlocking.filter((c) => c.unlock_at > now);
        // The ledger's total is this account's staking share of its reserve, so the whole amount unreserves.
        currency.unreserve(ctx, who, amount);
        putLedger(env, ctx.state, who, { ...ledger, total: ledger.total - amount, unlocking });
        ctx.deposit(StakingEvent, { tag: 'Withdrawn', value: { who, amount } });
      },
    }),
    set_roles: call({
      index: 3,
      args: { validator: bool, worker: bool, verifier: bool, evaluator: bool },
      docs: [
        ' Declare the roles the active stake backs; roles not set are given up.',
        '',
        ' Each role asked for needs its minimum active bond. A validator takes part in the next',
        ' election. Emits `RolesSet`.',
      ],
      weight: StakingWeights.setRoles,
      dispatch: (ctx, origin, roles) => {
        const who = ensureSigned(origin);
        const ledger = ledgerOf(env, ctx.state, who);
        ensureRolesCovered(minBonds(env, ctx.state), roles, ledger.active);
        putLedger(env, ctx.state, who, { ...ledger, roles });
        ctx.deposit(StakingEvent, { tag: 'RolesSet', value: { who, roles } });
      },
    }),
    chill: call({
      index: 4,
      args: {},
      docs: [' Give up the validator role; the current era\'s set is unchanged until the next election. Emits `RolesSet`.'],
      weight: StakingWeights.chill,
      dispatch: (ctx, origin) => {
        const who = ensureSigned(origin);
        const ledger = ledgerOf(env, ctx.state, who);
        if (!ledger.roles.validator) throw StakingError.NotValidator;
        const roles = { ...ledger.roles, validator: false };
        putLedger(env, ctx.state, who, { ...ledger, roles });
        ctx.deposit(StakingEvent, { tag: 'RolesSet', value: { who, roles } });
      },
    }),
    force_new_era: call({
      index: 5,
      args: {},
      docs: [' Start a new era, with a new election, at the next block. The dispatch origin must be Root.'],
      weight: StakingWeights.forceNewEra,
      dispatch: (ctx, origin) => {
        ensureRoot(origin);
        s.ForceNewEra.set(ctx.state, true);
      },
    }),
    set_min_bonds: call({
      index: 6,
      args: { validator: CompactBalance, worker: CompactBalance, verifier: CompactBalance, evaluator: CompactBalance },
      docs: [
        ' Set the minimum active bond of each role. The dispatch origin must be Root.',
        '',
        ' Holders below a raised minimum keep the role declared, but it is not effective (no election,',
        ' `hasRole` false) until they bond more. Emits `MinBondsSet`.',
      ],
      weight: StakingWeights.setMinBonds,
      dispatch: (ctx, origin, min) => {
        ensureRoot(origin);
        s.MinBonds.set(ctx.state, min);
        ctx.deposit(StakingEvent, { tag: 'MinBondsSet', value: { min_bonds: min } });
      },
    }),
  };
}
