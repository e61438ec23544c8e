/**
 * The rules over a staking ledger that calls, the API, genesis and the era hook share: the minimum bonds in
 * force, which roles are effective, how much active stake is free of locks, and how a ledger is written back
 * (with the validator-candidate index kept in step and an emptied ledger removed).
 */
import type { AccountId } from '../../runtime/primitives.ts';
import type { OverlayState, StateReader } from '../../runtime/state/overlay.ts';
import type { StakingConfig } from './config.ts';
import { StakingError } from './errors.ts';
import type { StakingStorage } from './storage.ts';
import { type MinBonds, ROLES, type Role, type Roles, type StakingLedger } from './types.ts';

/** What every staking function needs: the Config and the pallet's storage. */
export interface StakingEnv {
  readonly config: StakingConfig;
  readonly storage: StakingStorage;
}

/** `a - b`, floored at 0. */
export const saturatingSub = (a: bigint, b: bigint): bigint => (a > b ? a - b : 0n);
/** The smaller of two amounts. */
export const minOf = (a: bigint, b: bigint): bigint => (a < b ? a : b);

/** The minimum bonds in force: storage (genesis, `set_min_bonds`), else the Config's defaults. */
export function minBonds(env: StakingEnv, state: StateReader): MinBonds {
  return env.storage.MinBonds.get(state) ?? env.config.minBond;
}

/** Throws `BelowMinimumBond` unless `active` covers the minimum of every role in `roles`. */
export function ensureRolesCovered(min: MinBonds, roles: Roles, active: bigint): void {
  for (const role of ROLES) if (roles[role] && active < min[role]) throw StakingError.BelowMinimumBond;
}

/** A declared role counts only while its minimum is met (a slash or a raised minimum can suspend it). */
export function isRoleEffective(min: MinBonds, ledger: StakingLedger, role: Role): boolean {
  return ledger.roles[role] && ledger.active > 0n && ledger.active >= min[role];
}

/** Active stake not held by any lock: what may be unbonded or newly locked. */
export function unlockedActive(env: StakingEnv, state: StateReader, who: AccountId, ledger: StakingLedger): bigint {
  return saturatingSub(ledger.active, env.storage.TotalLocked.get(state, who));
}

/** Adds or removes `who` in the validator-candidate index, keeping its counter exact. */
export function setCandidate(env: StakingEnv, state: OverlayState, who: AccountId, candidate: boolean): void {
  const { ValidatorCandidates, CounterForValidatorCandidates } = env.storage;
  const present = ValidatorCandidates.contains(state, who);
  if (candidate === present) return;
  if (candidate) ValidatorCandidates.insert(state, [], who);
  else ValidatorCandidates.remove(state, who);
  CounterForValidatorCandidates.set(state, CounterForValidatorCandidates.get(state) + (candidate ? 1 : -1));
}

/**
 * Writes a ledger back and syncs the candidate index with its validator flag. A ledger with nothing bonded, no
 * role and no lock is removed, so that storage does not keep dead stakers.
 */
export function putLedger(env: StakingEnv, state: OverlayState, who: AccountId, ledger: StakingLedger): void {
  const noRoles = ROLES.every((r) => !ledger.roles[r]);
  if (ledger.total === 0n && noRoles && env.storage.TotalLocked.get(state, who) === 0n) env.storage.Ledger.remove(state, who);
  else env.storage.Ledger.insert(state, ledger, who);
  setCandidate(env, state, who, ledger.roles.validator);
}

/** The ledger of `who`, or `NotBonded`. */
export function ledgerOf(env: StakingEnv, state: StateReader, who: AccountId): StakingLedger {
  const ledger = env.storage.Ledger.get(state, who);
  if (!ledger) throw StakingError.NotBonded;
  return ledger;
}

/** Byte order of two account ids (the election's tie-break). */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

export { transactional } from '../../runtime/framework/pallet.ts';
