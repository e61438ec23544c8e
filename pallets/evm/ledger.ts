/**
 * EVM account state over our storage: balances are `System.Account[toAccountId(h160)].data.free` (one ledger),
 * nonces, code and slots are Evm's own items. Balance writes keep `TotalIssuance == Σ(free + reserved)` by
 * moving the issuance with their delta, and follow Balances' provider rule (free ≥ ED provides the account).
 */
import { keccak_256 as keccak256 } from '@noble/hashes/sha3.js';
import type { AccountStore } from '../system/index.ts';
import type { OverlayState, StateReader } from '../../runtime/state/overlay.ts';
import { toAccountId } from './address.ts';
import { evmStorage } from './storage.ts';

/** `keccak256(0x)`: the code hash of an account without code. */
export const EMPTY_CODE_HASH = keccak256(new Uint8Array());

/** What the ledger needs from the runtime (given through Evm's Config). */
export interface EvmLedger {
  readonly accounts: AccountStore;
  /** `Balances.TotalIssuance`. */
  readonly issuance: { get(state: StateReader): bigint; set(state: OverlayState, value: bigint): void };
  readonly existentialDeposit: bigint;
}

/** Spendable balance of an address. */
export function balanceOf(l: EvmLedger, state: StateReader, address: Uint8Array): bigint {
  return l.accounts.get(state, toAccountId(state, address)).data.free;
}

/** Sets an address's free balance, moving the total issuance by the difference. */
export function setBalance(l: EvmLedger, state: OverlayState, address: Uint8Array, value: bigint): void {
  const who = toAccountId(state, address);
  const info = l.accounts.get(state, who);
  const old = info.data.free;
  if (old === value) return;
  let { providers } = info;
  const ed = l.existentialDeposit;
  if (old < ed && value >= ed) providers += 1;
  // The provider stays while a reserve consumes it (Balances would refuse with ConsumerRemaining; the EVM can't).
  else if (old >= ed && value < ed && providers > 0 && !(providers === 1 && info.consumers > 0)) providers -= 1;
  const next = { ...info, providers, data: { ...info.data, free: value } };
  const empty = next.providers === 0 && next.consumers === 0 && next.sufficients === 0 && next.nonce === 0 && value === 0n && next.data.reserved === 0n && next.data.frozen === 0n;
  if (empty) l.accounts.remove(state, who);
  else l.accounts.set(state, who, next);
  l.issuance.set(state, l.issuance.get(state) + value - old);
}

export function nonceOf(state: StateReader, address: Uint8Array): bigint {
  return evmStorage.AccountNonces.get(state, address);
}

export function setNonce(state: OverlayState, address: Uint8Array, nonce: bigint): void {
  if (nonce === 0n) evmStorage.AccountNonces.remove(state, address);
  else evmStorage.AccountNonces.insert(state, nonce, address);
}

export function codeOf(state: StateReader, address: Uint8Array): Uint8Array {
  return evmStorage.AccountCodes.get(state, address) ?? new Uint8Array();
}

/** `(size, keccak hash)` of an address's code; an address without code has size 0 and `EMPTY_CODE_HASH`. */
export function codeMetadataOf(state: StateReader, address: Uint8Array): { size: bigint; hash: Uint8Array } {
  return evmStorage.AccountCodesMetadata.get(state, address) ?? { size: 0n, hash: EMPTY_CODE_HASH };
}

/** Stores code and its metadata; empty code removes both. */
export function setCode(state: OverlayState, address: Uint8Array, code: Uint8Array): void {
  if (code.length === 0) {
    evmStorage.AccountCodes.remove(state, address);
    evmStorage.AccountCodesMetadata.remove(state, address);
    return;
  }
  evmStorage.AccountCodes.insert(state, code, address);
  evmStorage.AccountCodesMetadata.insert(state, { size: BigInt(code.length), hash: keccak256(code) }, address);
}

/** A storage slot, 32 bytes (zero when unset). */
export function slotOf(state: StateReader, address: Uint8Array, key: Uint8Array): Uint8Array {
  return evmStorage.AccountStorages.get(state, address, key) ?? new Uint8Array(32);
}

/** Writes a slot (`value` up to 32 bytes, big-endian); zero deletes it. */
export function setSlot(state: OverlayState, address: Uint8Array, key: Uint8Array, value: Uint8Array): void {
  if (value.every((b) => b === 0)) {
    evmStorage.AccountStorages.remove(state, address, key);
    return;
  }
  const padded = new Uint8Array(32);
  padded.set(value, 32 - value.length);
  evmStorage.AccountStorages.insert(state, padded, address, key);
}

/** Deletes every slot of an address (a prefix scan: only for SELFDESTRUCT of a same-tx contract and 7702 resets). */
export function clearSlots(state: OverlayState, address: Uint8Array): void {
  const map = evmStorage.AccountStorages;
  const prefix = map.storageKey(address, new Uint8Array(32)).subarray(0, map.prefixKey.length + 16 + 20);
  for (const key of state.keysWithPrefix(Buffer.from(prefix).toString('latin1'))) state.delete(key);
}
