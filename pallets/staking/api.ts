/**
 * `StakingInterface`: what other pallets (workers, jobs, verification, consensus) use through their Configs:
 * stake and role queries, per-purpose locks on active stake, slashing with a proof reference, rewards, and the
 * era's validator set. Mutating functions validate before they write; a throw leaves state unchanged.
 */
import type { DispatchContext } from '../../runtime/framework/pallet.ts';
import type { AccountId, Hash } from '../../runtime/primitives.ts';
import type { StateReader } from '../../runtime/state/overlay.ts';
import { StakingError } from './errors.ts';
import { StakingEvent } from './events.ts';
import { isRoleEffective, ledgerOf, minBonds, putLedger, saturatingSub, type StakingEnv } from './ledger.ts';
import { slash } from './slashing.ts';
import type { Role, SlashReason } from './types.ts';

/** Staking as other pallets see it. Lock ids are 8 bytes (`[u8; 8]`), chosen by the locking pallet. */
export interface StakingInterface {
  /** Active (not unbonding) stake of `who`; 0 when not bonded. Locked stake is included. */
  activeStake(state: StateReader, who: AccountId): bigint;
  /** Active stake not held by any lock: what `lock` can still take. */
  unlockedStake(state: StateReader, who: AccountId): bigint;
  /** Whether `who` declared `role` and its active stake meets the role's current minimum. */
  hasRole(state: StateReader, who: AccountId, role: Role): boolean;
  /**
   * Sets the lock `id` on `who`'s active stake to `amount` (replacing that id's previous amount). Throws
   * `NotBonded`, `ZeroAmount`, or `InsufficientActiveStake` when the unlocked active stake cannot cover it.
   */
  lock(ctx: DispatchContext, who: AccountId, id: Uint8Array, amount: bigint): void;
  /**
   * Releases the lock `id` and returns its amount; 0 and no event when there is none, so a pallet can release
   * collateral on every exit path (payout, slash, expiry) without tracking whether it already did.
   */
  unlock(ctx: DispatchContext, who: AccountId, id: Uint8Array): bigint;
  /** The amount locked under `id` (0 when none). */
  lockedAmount(state: StateReader, who: AccountId, id: Uint8Array): bigint;
  /** Sum of every lock of `who`. */
  totalLocked(state: StateReader, who: AccountId): bigint;
  /**
   * Slashes up to `amount` of bonded stake (active first, locked or not, then unlocking chunks) and returns what
   * was actually slashed. The reporter gets `slashRewardShare`, the rest is burned. Locks keep their amounts; they
   * may exceed the remaining active stake until released. Emits `Slashed`, stores a `SlashRecord`.
   */
  slash(ctx: DispatchContext, offender: AccountId, amount: bigint, reason: SlashReason, proofRef: Hash, reporter?: AccountId): bigint;
  /**
   * Pays `who` a reward: moved from `from`'s free balance (which may be emptied and reaped, e.g. an escrow pot)
   * or, without `from`, minted. Throws the currency's error when it cannot. Emits `Rewarded`.
   */
  reward(ctx: DispatchContext, who: AccountId, amount: bigint, from?: AccountId): void;
  /** The current era's validator set, highest stake first. */
  validators(state: StateReader): AccountId[];
  /** A current validator's stake snapshot (its weight this era); 0 for a non-validator. */
  validatorStake(state: StateReader, who: AccountId): bigint;
  /** The current era index. */
  currentEra(state: StateReader): number;
}

function checkLockId(id: Uint8Array): void {
  // A wrong length is a bug in the calling pallet, not a user error.
  if (id.length !== 8) throw new RangeError(`a stake lock id is 8 bytes, got ${id.length}`);
}

/** The API of a Staking pallet instance. */
export function createStakingApi(env: StakingEnv): StakingInterface {
  const s = env.storage;
  const api: StakingInterface = {
    activeStake: (state, who) => s.Ledger.get(state, who)?.active ?? 0n,
    unlockedStake: (state, who) => saturatingSub(api.activeStake(state, who), s.TotalLocked.get(state, who)),
    hasRole(state, who, role) {
      const ledger = s.Ledger.get(state, who);
      return ledger !== undefined && isRoleEffective(minBonds(env, state), ledger, role);
    },
    lock(ctx, who, id, amount) {
      checkLockId(id);
      const ledger = ledgerOf(env, ctx.state, who);
      if (amount === 0n) throw StakingError.ZeroAmount;
      const previous = s.Locks.get(ctx.state, who, id) ?? 0n;
      const total = s.TotalLocked.get(ctx.state, who) - previous + amount;
      if (total > ledger.active) throw StakingError.InsufficientActiveStake;
      s.Locks.insert(ctx.state, amount, who, id);
      s.TotalLocked.insert(ctx.state, total, who);
      ctx.deposit(StakingEvent, { tag: 'Locked', value: { who, id, amount } });
    },
    unlock(ctx, who, id) {
      checkLockId(id);
      const amount = s.Locks.get(ctx.state, who, id);
      if (amount === undefined) return 0n;
      s.Locks.remove(ctx.state, who, id);
      const rest = saturatingSub(s.TotalLocked.get(ctx.state, who), amount);
      if (rest === 0n) s.TotalLocked.remove(ctx.state, who);
      else s.TotalLocked.insert(ctx.state, rest, who);
      // The last lock may have been all that kept a fully slashed ledger.
      const ledger = s.Ledger.get(ctx.state, who);
      if (ledger) putLedger(env, ctx.state, who, ledger);
      ctx.deposit(StakingEvent, { tag: 'Unlocked', value: { who, id, amount } });
      return amount;
    },
    lockedAmount: (state, who, id) => {
      checkLockId(id);
      return s.Locks.get(state, who, id) ?? 0n;
    },
    totalLocked: (state, who) => s.TotalLocked.get(state, who),
    slash: (ctx, offender, amount, reason, proofRef, reporter) => slash(env, ctx, offender, amount, reason, proofRef, reporter),
    reward(ctx, who, amount, from) {
      if (amount === 0n) return;
      if (from) env.config.currency.transfer(ctx, from, who, amount, false);
      else env.config.currency.deposit(ctx, who, amount);
      ctx.deposit(StakingEvent, { tag: 'Rewarded', value: { who, amount, source: from } });
    },
    validators: (state) => s.Validators.get(state),
    validatorStake: (state, who) => s.ValidatorStake.get(state, who) ?? 0n,
    currentEra: (state) => s.CurrentEra.get(state),
  };
  return api;
}
