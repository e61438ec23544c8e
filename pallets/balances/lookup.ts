/** `T::Lookup`: resolves a `MultiAddress` argument to an account. */
import { DispatchFailure } from '../../runtime/framework/pallet.ts';
import type { AccountId, MultiAddress } from '../../runtime/primitives.ts';

/**
 * `Id` and `Address32` name a 32-byte account directly; `Index`, `Raw` and `Address20` fail with
 * `DispatchError::CannotLookup` (this chain has no indices pallet, and H160s are mapped by the EVM pallet only).
 */
export function lookupAddress(address: MultiAddress): AccountId {
  if (address.tag === 'Id' || address.tag === 'Address32') return address.value;
  throw new DispatchFailure({ tag: 'CannotLookup' });
}

/** Byte equality of two account ids. */
export function sameAccount(a: AccountId, b: AccountId): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
