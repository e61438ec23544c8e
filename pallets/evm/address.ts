/**
 * The account mapping (pallet-revive's `AccountId32Mapper`): an address is the first 20 bytes of an AccountId32;
 * an address nobody mapped belongs to `h160 ‖ 0xEE×12`, so EVM-only keys own Substrate accounts too.
 */
import type { AccountId } from '../../runtime/primitives.ts';
import type { StateReader } from '../../runtime/state/overlay.ts';
import { evmStorage } from './storage.ts';

/** The 12 bytes that pad an unmapped address to an AccountId32. */
export const FALLBACK_SUFFIX = 0xee;

/** `acc32[0..20]`: the address an AccountId32 acts as in the EVM. */
export function toAddress(account: AccountId): Uint8Array {
  if (account.length !== 32) throw new RangeError(`AccountId32 must be 32 bytes, got ${account.length}`);
  return account.slice(0, 20);
}

/** `h160 ‖ 0xEE×12`: the account of an address that no AccountId32 has mapped. */
export function fallbackAccountId(address: Uint8Array): AccountId {
  if (address.length !== 20) throw new RangeError(`H160 must be 20 bytes, got ${address.length}`);
  const out = new Uint8Array(32).fill(FALLBACK_SUFFIX);
  out.set(address);
  return out;
}

/** `OriginalAccount[h160] ?? (h160 ‖ 0xEE×12)`: whose balance an address spends. */
export function toAccountId(state: StateReader, address: Uint8Array): AccountId {
  return evmStorage.OriginalAccount.get(state, address) ?? fallbackAccountId(address);
}

/** Whether `account` is the fallback account of its own address (it needs no mapping). */
export function isFallbackAccount(account: AccountId): boolean {
  for (let i = 20; i < 32; i++) if (account[i] !== FALLBACK_SUFFIX) return false;
  return true;
}
