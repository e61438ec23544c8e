/**
 * `Currency`: what other pallets (staking, jobs escrow, model payments, transaction fees) use to move funds, as
 * FRAME's `Currency + ReservableCurrency`. Each mutating method is atomic: when it throws, it has changed nothing.
 * Minting and burning keep `TotalIssuance == Σ (free + reserved)`.
 */
import type { DispatchContext } from '../../runtime/framework/pallet.ts';
import type { AccountId } from '../../runtime/primitives.ts';
import type { StateReader } from '../../runtime/state/overlay.ts';
import { BalancesError } from './errors.ts';
import { BalancesEvent } from './events.ts';
import {
  atomic,
  canDecProvider,
  checkedAdd,
  type Ledger,
  saturatingAdd,
  saturatingSub,
  transfer,
  tryMutateAccount,
} from './ledger.ts';
import { sameAccount } from './lookup.ts';
import { type BalanceStatus, MAX_U128 } from './types.ts';

/** Balances as other pallets see them (through their Config, never through Balances' storage). */
export interface Currency {
  /** The minimum free balance an account needs to exist. */
  readonly existentialDeposit: bigint;
  /** Free balance of `who` (0 for an account that does not exist). */
  free(state: StateReader, who: AccountId): bigint;
  /** Reserved balance of `who`. */
  reserved(state: StateReader, who: AccountId): bigint;
  /** `Balances.TotalIssuance`. */
  totalIssuance(state: StateReader): bigint;
  /** Whether `withdraw(ctx, who, amount, keepAlive)` would succeed. */
  canWithdraw(state: StateReader, who: AccountId, amount: bigint, keepAlive: boolean): boolean;
  /** Whether `reserve(ctx, who, amount)` would succeed (the free balance must stay ≥ ED). */
  canReserve(state: StateReader, who: AccountId, amount: bigint): boolean;
  /** Whether `deposit(ctx, who, amount)` would succeed (a new account needs ≥ ED; no u128 overflow). */
  canDeposit(state: StateReader, who: AccountId, amount: bigint): boolean;
  /**
   * Moves free balance (FRAME's `Currency::transfer`). `keepAlive` keeps `from` at ≥ ED; otherwise it may be
   * reaped and its dust burned. A zero amount or `from == to` does nothing. Throws `Token(FundsUnavailable)`,
   * `Token(NotExpendable)`, `Token(BelowMinimum)` (a new `to` would get < ED), `Token(Frozen)` or
   * `Token(OnlyProvider)` (a reserve keeps `from` alive), as FRAME's `fungible::Mutate::transfer`.
   */
  transfer(ctx: DispatchContext, from: AccountId, to: AccountId, amount: bigint, keepAlive: boolean): void;
  /** Moves free to reserved; emits `Reserved`. Throws `InsufficientBalance`, or `ConsumerRemaining` if free would drop below ED. */
  reserve(ctx: DispatchContext, who: AccountId, amount: bigint): void;
  /** Moves up to `amount` from reserved to free; emits `Unreserved`. Returns the amount NOT unreserved. */
  unreserve(ctx: DispatchContext, who: AccountId, amount: bigint): bigint;
  /** Burns up to `amount` of reserved balance; emits `Slashed`. Returns the amount NOT slashed. */
  slashReserved(ctx: DispatchContext, who: AccountId, amount: bigint): bigint;
  /**
   * Moves up to `amount` of `from`'s reserved balance to `to`'s free or reserved balance; emits
   * `ReserveRepatriated`. Returns the amount NOT moved. Throws `DeadAccount` if `to` does not exist.
   */
  repatriateReserved(ctx: DispatchContext, from: AccountId, to: AccountId, amount: bigint, toStatus: BalanceStatus): bigint;
  /** Mints `amount` into `who`'s free balance (creating it); emits `Deposit`. Throws `ExistentialDeposit` or `Arithmetic(Overflow)`. */
  deposit(ctx: DispatchContext, who: AccountId, amount: bigint): void;
  /** Burns `amount` of `who`'s free balance; emits `Withdraw`. Throws `InsufficientBalance`, or `Expendability` when `keepAlive` and it would reap `who`. */
  withdraw(ctx: DispatchContext, who: AccountId, amount: bigint, keepAlive: boolean): void;
}

/** The `Currency` of a ledger (FRAME's `impl Currency for Pallet` and `impl ReservableCurrency for Pallet`). */
export function createCurrency(l: Ledger): Currency {
  const data = (state: StateReader, who: AccountId) => l.accounts.get(state, who).data;
  const issuance = l.storage.TotalIssuance;

  const unreserve = (ctx: DispatchContext, who: AccountId, value: bigint): bigint => {
    if (value === 0n) return 0n;
    const a = data(ctx.state, who);
    if (a.free + a.reserved === 0n) return value;
    try {
      const actual = atomic(ctx, () =>
        tryMutateAccount(l, ctx, who, (account) => {
          const actual = account.reserved < value ? account.reserved : value;
          account.reserved -= actual;
          account.free = saturatingAdd(account.free, actual);
          return actual;
        }),
      );
      ctx.deposit(BalancesEvent, { tag: 'Unreserved', value: { who, amount: actual } });
      return value - actual;
    } catch {
      // FRAME: never expected (the account's total does not change), but fail gracefully: nothing moved.
      return value;
    }
  };

  return {
    existentialDeposit: l.ed,
    free: (state, who) => data(state, who).free,
    reserved: (state, who) => data(state, who).reserved,
    totalIssuance: (state) => issuance.get(state),

    canWithdraw(state, who, amount, keepAlive) {
      if (amount === 0n) return true;
      const info = l.accounts.get(state, who);
      const a = info.data;
      if (a.free < amount) return false;
      const newFree = a.free - amount;
      if (newFree < a.frozen) return false;
      if (newFree < l.ed && a.free >= l.ed) {
        if (keepAlive) return false;
        // Reaping would need the provider reference a reserve still consumes.
        if (!canDecProvider(info)) return false;
      }
      return true;
    },
    canReserve(state, who, amount) {
      if (amount === 0n) return true;
      const a = data(state, who);
      return a.free >= amount && a.free - amount >= l.ed && a.free - amount >= a.frozen && a.reserved + amount <= MAX_U128;
    },
    canDeposit(state, who, amount) {
      if (amount === 0n) return true;
      const a = data(state, who);
      const isNew = a.free === 0n && a.reserved === 0n && a.frozen === 0n;
      if (isNew && amount < l.ed) return false;
      return issuance.get(state) + amount <= MAX_U128 && a.free + amount <= MAX_U128;
    },

    transfer(ctx, from, to, amount, keepAlive) {
      if (amount === 0n || sameAccount(from, to)) return;
      atomic(ctx, () => transfer(l, ctx, from, to, amount, keepAlive ? 'Preserve' : 'Expendable'));
    },

    reserve(ctx, who, value) {
      if (value === 0n) return;
      atomic(ctx, () => {
        tryMutateAccount(l, ctx, who, (account) => {
          if (account.free < value) throw BalancesError.InsufficientBalance;
          account.free -= value;
          account.reserved = checkedAdd(account.reserved, value);
          if (account.free < account.frozen) throw BalancesError.LiquidityRestrictions;
        });
        ctx.deposit(BalancesEvent, { tag: 'Reserved', value: { who, amount: value } });
      });
    },

    unreserve,

    slashReserved(ctx, who, value) {
      if (value === 0n) return 0n;
      const a = data(ctx.state, who);
      if (a.free + a.reserved === 0n) return value;
      try {
        return atomic(ctx, () => {
          const actual = tryMutateAccount(l, ctx, who, (account) => {
            const actual = account.reserved < value ? account.reserved : value;
            account.reserved -= actual;
            return actual;
          });
          // The slashed funds are destroyed (FRAME drops the `NegativeImbalance`).
          issuance.set(ctx.state, saturatingSub(issuance.get(ctx.state), actual));
          ctx.deposit(BalancesEvent, { tag: 'Slashed', value: { who, amount: actual } });
          return value - actual;
        });
      } catch {
        return value;
      }
    },

    repatriateReserved(ctx, from, to, value, status) {
      if (value === 0n) return 0n;
      const a = data(ctx.state, from);
      // `reducible_total_balance_on_hold(Polite)`: a freeze may claim reserved funds the free balance can't cover.
      const max = saturatingSub(a.reserved, saturatingSub(a.frozen, a.free));
      const actual = value < max ? value : max;
      if (sameAccount(from, to)) {
        if (status === 'Free') return value - (actual - unreserve(ctx, from, actual));
        return value - actual;
      }
      return atomic(ctx, () => {
        tryMutateAccount(l, ctx, to, (toAccount, isNew) => {
          if (isNew) throw BalancesError.DeadAccount;
          tryMutateAccount(l, ctx, from, (fromAccount) => {
            if (status === 'Free') toAccount.free = checkedAdd(toAccount.free, actual);
            else toAccount.reserved = checkedAdd(toAccount.reserved, actual);
            fromAccount.reserved -= actual;
          });
        });
        ctx.deposit(BalancesEvent, { tag: 'ReserveRepatriated', value: { from, to, amount: actual, destination_status: { tag: status } } });
        return value - actual;
      });
    },

    deposit(ctx, who, value) {
      if (value === 0n) return;
      atomic(ctx, () => {
        checkedAdd(issuance.get(ctx.state), value);
        tryMutateAccount(l, ctx, who, (account, isNew) => {
          if (isNew && value < l.ed) throw BalancesError.ExistentialDeposit;
          account.free = checkedAdd(account.free, value);
          ctx.deposit(BalancesEvent, { tag: 'Deposit', value: { who, amount: value } });
        });
        issuance.set(ctx.state, checkedAdd(issuance.get(ctx.state), value));
      });
    },

    withdraw(ctx, who, value, keepAlive) {
      if (value === 0n) return;
      atomic(ctx, () => {
        tryMutateAccount(l, ctx, who, (account) => {
          if (account.free < value) throw BalancesError.InsufficientBalance;
          const newFree = account.free - value;
          const wouldKill = newFree < l.ed && account.free >= l.ed;
          if (keepAlive && wouldKill) throw BalancesError.Expendability;
          if (newFree < account.frozen) throw BalancesError.LiquidityRestrictions;
          account.free = newFree;
          ctx.deposit(BalancesEvent, { tag: 'Withdraw', value: { who, amount: value } });
        });
        // The withdrawn funds are destroyed (FRAME drops the `NegativeImbalance`); dust was burned on reaping.
        issuance.set(ctx.state, saturatingSub(issuance.get(ctx.state), value));
      });
    },
  };
}
