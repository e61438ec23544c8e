/**
 * The balance ledger: FRAME's `try_mutate_account` (provider/consumer references, account creation and reaping,
 * dust) and the `fungible` primitives built on it (`can_withdraw`, `can_deposit`, `decrease_balance`,
 * `increase_balance`, `transfer`, `burn_from`). Calls and the `Currency` API are thin layers over these.
 *
 * Account lifecycle (FRAME's "new logic"): a free balance ≥ ED gives the account its one provider reference; a
 * non-zero reserved balance takes a consumer reference. Dropping below ED removes the provider, which reaps the
 * account unless a consumer (a reserve) remains — then the operation fails with `ConsumerRemaining`.
 */
import { type DispatchContext, Overflow, Underflow } from '../../runtime/framework/pallet.ts';
import type { AccountId } from '../../runtime/primitives.ts';
import type { StateReader } from '../../runtime/state/overlay.ts';
import type { AccountStore } from '../system/index.ts';
import { type AccountData, type AccountInfo, NEW_LOGIC_FLAG } from '../system/types.ts';
import { BalancesError, ConsumerRemaining, NoProviders, tokenError } from './errors.ts';
import { BalancesEvent } from './events.ts';
import type { BalancesStorage } from './storage.ts';
import { type Fortitude, MAX_U128, type Precision, type Preservation } from './types.ts';
import { sameAccount } from './lookup.ts';

/** What every ledger function needs: the ED, the account store and the pallet's storage. */
export interface Ledger {
  readonly ed: bigint;
  readonly accounts: AccountStore;
  readonly storage: BalancesStorage;
}

/** `a + b`, failing with `Arithmetic(Overflow)` beyond u128. */
export function checkedAdd(a: bigint, b: bigint): bigint {
  const r = a + b;
  if (r > MAX_U128) throw Overflow;
  return r;
}
/** `a + b`, capped at u128::MAX. */
export const saturatingAdd = (a: bigint, b: bigint): bigint => (a + b > MAX_U128 ? MAX_U128 : a + b);
/** `a - b`, floored at 0. */
export const saturatingSub = (a: bigint, b: bigint): bigint => (a > b ? a - b : 0n);
const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);

const defaultData = (): AccountData => ({ free: 0n, reserved: 0n, frozen: 0n, flags: NEW_LOGIC_FLAG });
// FRAME compares with `AccountData::default()`; the flags bit does not make an account exist.
const hasNoBalance = (d: AccountData): boolean => d.free === 0n && d.reserved === 0n && d.frozen === 0n;
const isEmptyRecord = (a: AccountInfo): boolean => a.providers === 0 && a.consumers === 0 && a.sufficients === 0 && a.nonce === 0 && hasNoBalance(a.data);

/** `frame_system::can_dec_provider`: the provider may go if nothing consumes, or another provider remains. */
export const canDecProvider = (a: AccountInfo): boolean => a.consumers === 0 || a.providers > 1;

/**
 * FRAME's `try_mutate_account`: runs `f` on the account's balance data, then fixes up reference counts, creates or
 * reaps the account (System.NewAccount / KilledAccount), emits Endowed and DustLost, and burns any dust from the
 * total issuance. Throws without writing anything when `f` or a reference-count rule fails.
 */
export function tryMutateAccount<R>(l: Ledger, ctx: DispatchContext, who: AccountId, f: (account: AccountData, isNew: boolean) => R): R {
  const state = ctx.state;
  const info = l.accounts.get(state, who);
  const isNew = hasNoBalance(info.data);
  const account: AccountData = isNew ? defaultData() : { ...info.data };
  const didProvide = account.free >= l.ed;
  const didConsume = !isNew && (account.reserved > 0n || account.frozen > 0n);

  const result = f(account, isNew);

  const doesProvide = account.free >= l.ed;
  const doesConsume = account.reserved > 0n || account.frozen > 0n;
  let { providers, consumers } = info;
  const { sufficients } = info;
  let created = false;
  let killed = false;
  if (!didProvide && doesProvide) {
    created = providers === 0 && sufficients === 0;
    providers += 1;
  }
  if (didConsume && !doesConsume) consumers = Math.max(0, consumers - 1);
  const incConsumers = () => {
    if (providers === 0) throw NoProviders;
    consumers += 1;
  };
  if (!didConsume && doesConsume) incConsumers();
  // FRAME's failsafe: data that consumes must hold a consumer reference.
  if (doesConsume && consumers === 0) incConsumers();
  if (didProvide && !doesProvide) {
    // `dec_providers`; this may reap the account, so it goes last.
    if (providers === 0) providers = 1;
    if (providers === 1 && consumers === 0 && sufficients === 0) {
      providers = 0;
      killed = true;
    } else if (providers === 1 && consumers > 0) {
      throw ConsumerRemaining;
    } else {
      providers -= 1;
    }
  }

  // Below ED with nothing reserved, the balance data is dropped; a non-zero remainder is dust.
  const keep = !(account.free < l.ed && account.reserved === 0n);
  const dust = keep ? 0n : account.free;
  if (providers > 0 || sufficients > 0) l.accounts.set(state, who, { ...info, providers, consumers, data: keep ? account : defaultData() });
  else if (!isEmptyRecord(info)) l.accounts.remove(state, who);

  if (created) l.accounts.onCreated(ctx, who);
  if (killed) l.accounts.onKilled(ctx, who);
  if (isNew && keep) ctx.deposit(BalancesEvent, { tag: 'Endowed', value: { account: who, free_balance: account.free } });
  if (dust > 0n) {
    ctx.deposit(BalancesEvent, { tag: 'DustLost', value: { account: who, amount: dust } });
    // `DustRemoval = ()`: the dust is destroyed, so the issuance shrinks with it.
    l.storage.TotalIssuance.set(state, saturatingSub(l.storage.TotalIssuance.get(state), dust));
  }
  return result;
}

/** `fungible::Inspect::reducible_balance`: how much free balance can leave the account. */
export function reducibleBalance(l: Ledger, state: StateReader, who: AccountId, preservation: Preservation, force: Fortitude): bigint {
  const info = l.accounts.get(state, who);
  const a = info.data;
  // Frozen balance applies to the total, so what is reserved counts towards it.
  let untouchable = force === 'Polite' ? saturatingSub(a.frozen, a.reserved) : 0n;
  if (
    preservation === 'Preserve' ||
    (preservation === 'Protect' && a.free > 0n && info.providers === 1) ||
    (preservation === 'Expendable' && a.free > 0n && !canDecProvider(info))
  ) {
    untouchable = untouchable > l.ed ? untouchable : l.ed;
  }
  return saturatingSub(a.free, untouchable);
}

/**
 * `can_withdraw(who, amount).into_result(keep_nonzero)`: throws the error FRAME returns when `amount` cannot leave
 * the account: `Token(FundsUnavailable)` (too little), `Token(Frozen)` (liquidity), `Token(OnlyProvider)` (a
 * consumer needs the account), `Token(NotExpendable)` (it would die and `keepNonzero`).
 */
export function ensureCanWithdraw(l: Ledger, state: StateReader, who: AccountId, amount: bigint, keepNonzero: boolean): void {
  if (amount === 0n) return;
  if (l.storage.TotalIssuance.get(state) < amount) throw Underflow;
  const info = l.accounts.get(state, who);
  const a = info.data;
  if (a.free < amount) throw tokenError('FundsUnavailable');
  const newFree = a.free - amount;
  if (amount > reducibleBalance(l, state, who, 'Expendable', 'Polite')) throw tokenError('Frozen');
  let reducedToZero = false;
  if (newFree < l.ed) {
    if (!canDecProvider(info)) throw tokenError('OnlyProvider');
    reducedToZero = true;
  }
  if (newFree + a.reserved < a.frozen) throw tokenError('Frozen');
  if (reducedToZero && keepNonzero) throw tokenError('NotExpendable');
}

/**
 * `can_deposit(who, amount, provenance).into_result()`: `Token(BelowMinimum)` when the account would hold less
 * than the ED, `Arithmetic(Overflow)` past u128 (for minted funds, of the total issuance too).
 */
export function ensureCanDeposit(l: Ledger, state: StateReader, who: AccountId, amount: bigint, provenance: 'Minted' | 'Extant'): void {
  if (amount === 0n) return;
  if (provenance === 'Minted' && l.storage.TotalIssuance.get(state) + amount > MAX_U128) throw Overflow;
  const a = l.accounts.get(state, who).data;
  const newFree = a.free + amount;
  if (newFree > MAX_U128) throw Overflow;
  if (newFree < l.ed) throw tokenError('BelowMinimum');
  if (a.reserved + newFree > MAX_U128) throw Overflow;
}

/** `Unbalanced::write_balance`: sets the free balance; dust is burned. Leaves the total issuance to the caller. */
export function writeBalance(l: Ledger, ctx: DispatchContext, who: AccountId, amount: bigint): void {
  const maxReduction = reducibleBalance(l, ctx.state, who, 'Expendable', 'Force');
  tryMutateAccount(l, ctx, who, (account) => {
    if (saturatingSub(account.free, amount) > maxReduction) throw BalancesError.InsufficientBalance;
    account.free = amount;
  });
}

/** `Unbalanced::decrease_balance`: returns how much the free balance went down (dust not included). */
export function decreaseBalance(
  l: Ledger,
  ctx: DispatchContext,
  who: AccountId,
  amount: bigint,
  precision: Precision,
  preservation: Preservation,
  force: Fortitude,
): bigint {
  const old = l.accounts.get(ctx.state, who).data.free;
  const reducible = reducibleBalance(l, ctx.state, who, preservation, force);
  if (precision === 'BestEffort') amount = min(amount, reducible);
  else if (reducible < amount) throw tokenError('FundsUnavailable');
  if (old < amount) throw tokenError('FundsUnavailable');
  writeBalance(l, ctx, who, old - amount);
  return amount;
}

/** `Unbalanced::increase_balance`: returns how much the free balance went up (0 when it would stay below ED). */
export function increaseBalance(l: Ledger, ctx: DispatchContext, who: AccountId, amount: bigint, precision: Precision): bigint {
  const old = l.accounts.get(ctx.state, who).data.free;
  const next = precision === 'BestEffort' ? saturatingAdd(old, amount) : checkedAdd(old, amount);
  if (next < l.ed) {
    if (precision === 'BestEffort') return 0n;
    throw tokenError('BelowMinimum');
  }
  if (next === old) return 0n;
  writeBalance(l, ctx, who, next);
  return next - old;
}

/**
 * `fungible::Mutate::transfer`: moves `amount` of free balance. `Expendable` may reap the source (its dust is
 * burned); `Preserve` keeps it at ≥ ED. A transfer to oneself only checks. Emits `Transfer`.
 */
export function transfer(l: Ledger, ctx: DispatchContext, source: AccountId, dest: AccountId, amount: bigint, preservation: Preservation): void {
  ensureCanWithdraw(l, ctx.state, source, amount, preservation !== 'Expendable');
  ensureCanDeposit(l, ctx.state, dest, amount, 'Extant');
  if (sameAccount(source, dest)) return;
  // Exact where FRAME says BestEffort: both checks above already guarantee the whole amount can move.
  decreaseBalance(l, ctx, source, amount, 'Exact', preservation, 'Polite');
  increaseBalance(l, ctx, dest, amount, 'Exact');
  ctx.deposit(BalancesEvent, { tag: 'Transfer', value: { from: source, to: dest, amount } });
}

/** `fungible::Mutate::burn_from`: destroys free balance (and any dust); returns the amount burned. Emits `Burned`. */
export function burnFrom(
  l: Ledger,
  ctx: DispatchContext,
  who: AccountId,
  amount: bigint,
  preservation: Preservation,
  precision: Precision,
  force: Fortitude,
): bigint {
  let actual = min(reducibleBalance(l, ctx.state, who, preservation, force), amount);
  if (actual !== amount && precision === 'Exact') throw tokenError('FundsUnavailable');
  if (l.storage.TotalIssuance.get(ctx.state) < actual) throw Overflow;
  actual = decreaseBalance(l, ctx, who, actual, 'BestEffort', preservation, force);
  // Read again: reaping the account has already burned its dust.
  l.storage.TotalIssuance.set(ctx.state, saturatingSub(l.storage.TotalIssuance.get(ctx.state), actual));
  ctx.deposit(BalancesEvent, { tag: 'Burned', value: { who, amount: actual } });
  return actual;
}

/** Runs `f` in its own transactional layer: on a throw, its writes and events are dropped, then it rethrows. */
export { transactional as atomic } from '../../runtime/framework/pallet.ts';
