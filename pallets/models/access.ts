/**
 * Who may use a model right now, and recording a use. One rule serves `record_usage`, the `hasAccess` query,
 * `consumeAccess` (the inference precompile) and the derivative check of a registration:
 * owner → yes; revoked → no; a grant → until it expires or runs out of uses; an Open model → once published.
 */
import type { DispatchContext, PalletError } from '../../runtime/framework/pallet.ts';
import type { AccountId } from '../../runtime/primitives.ts';
import type { StateReader } from '../../runtime/state/overlay.ts';
import { sameAccount } from '../balances/lookup.ts';
import { ModelsError } from './errors.ts';
import { ModelsEvent } from './events.ts';
import type { ModelsStorage } from './storage.ts';
import type { AccessGrant, ModelInfo } from './types.ts';

/** The model `id` if `who` owns it: `ModelNotFound` or `NotOwner` otherwise. */
export function ownedModel(storage: ModelsStorage, state: StateReader, id: bigint, who: AccountId): ModelInfo {
  const info = storage.Models.get(state, id);
  if (!info) throw ModelsError.ModelNotFound;
  if (!sameAccount(info.owner, who)) throw ModelsError.NotOwner;
  return info;
}

/** Why `who` may use a model (`Free`: owner or Open; `Grant`: a bought grant) or the error that says why not. */
export type AccessCheck = { tag: 'Free' } | { tag: 'Grant'; grant: AccessGrant } | { tag: 'Denied'; error: PalletError };

/** The error that makes a grant unusable at block `now` (expired, or no uses left), or undefined while it is live. */
export function grantError(grant: AccessGrant, now: number): PalletError | undefined {
  if (grant.expires_at !== undefined && now >= grant.expires_at) return ModelsError.AccessExpired;
  if (grant.uses_left === 0) return ModelsError.NoUsesLeft;
  return undefined;
}

/** Decides access of `who` to model `id` at block `now`, reading state only. */
export function checkAccess(storage: ModelsStorage, state: StateReader, id: bigint, who: AccountId, now: number): AccessCheck {
  const info = storage.Models.get(state, id);
  if (!info) return { tag: 'Denied', error: ModelsError.ModelNotFound };
  if (info.revoked) return { tag: 'Denied', error: ModelsError.Revoked };
  if (sameAccount(info.owner, who)) return { tag: 'Free' };
  const grant = storage.Access.get(state, id, who);
  // Open models cannot be bought (the licence never changes), so a grant always belongs to a paid model.
  if (grant) {
    const error = grantError(grant, now);
    return error ? { tag: 'Denied', error } : { tag: 'Grant', grant };
  }
  if (info.license.tag === 'Open') return info.published ? { tag: 'Free' } : { tag: 'Denied', error: ModelsError.NotPublished };
  return { tag: 'Denied', error: ModelsError.NoAccess };
}

/**
 * Records one use by `who`, after `checkAccess` allowed it: takes one use off a counted grant, bumps the model's
 * and the account's usage counters (saturating: a counter must never make a use fail), emits `UsageRecorded`.
 */
export function recordUse(ctx: DispatchContext, storage: ModelsStorage, id: bigint, who: AccountId, access: Exclude<AccessCheck, { tag: 'Denied' }>): void {
  let usesLeft: number | undefined;
  if (access.tag === 'Grant' && access.grant.uses_left !== undefined) {
    usesLeft = access.grant.uses_left - 1;
    storage.Access.insert(ctx.state, { ...access.grant, uses_left: usesLeft }, id, who);
  }
  const info = storage.Models.get(ctx.state, id)!;
  storage.Models.insert(ctx.state, { ...info, usage_count: saturatingIncU64(info.usage_count) }, id);
  storage.Usage.insert(ctx.state, saturatingIncU64(storage.Usage.get(ctx.state, id, who)), id, who);
  ctx.deposit(ModelsEvent, { tag: 'UsageRecorded', value: { model_id: id, who, uses_left: usesLeft } });
}

const MAX_U64 = (1n << 64n) - 1n;
function saturatingIncU64(v: bigint): bigint {
  return v < MAX_U64 ? v + 1n : v;
}

/** `consumeAccess(ctx, model, who)`: records a use and returns true, or returns false having written nothing. */
export function consumeAccess(ctx: DispatchContext, storage: ModelsStorage, id: bigint, who: AccountId): boolean {
  const access = checkAccess(storage, ctx.state, id, who, ctx.block.number);
  if (access.tag === 'Denied') return false;
  recordUse(ctx, storage, id, who, access);
  return true;
}
