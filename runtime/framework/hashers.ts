/** FRAME storage hashers (`twox128(pallet) ++ twox128(item) ++ hasher(key)`). */
import { blake2b } from '@noble/hashes/blake2.js';
import { xxhashAsU8a } from '@polkadot/util-crypto';
import { blake2b as wasmBlake2b, isReady as wasmReady } from '@polkadot/wasm-crypto';

export type HasherName = 'Blake2_128' | 'Blake2_256' | 'Blake2_128Concat' | 'Twox128' | 'Twox256' | 'Twox64Concat' | 'Identity';

const NO_KEY = new Uint8Array();
// The WASM hasher is ~4x faster than the JS one; before `cryptoWaitReady()` (pure tools, tests) fall back to JS.
export const blake2_128 = (data: Uint8Array): Uint8Array => (wasmReady() ? wasmBlake2b(data, NO_KEY, 16) : blake2b(data, { dkLen: 16 }));
export const blake2_256 = (data: Uint8Array): Uint8Array => (wasmReady() ? wasmBlake2b(data, NO_KEY, 32) : blake2b(data, { dkLen: 32 }));
export const twox64 = (data: Uint8Array | string): Uint8Array => xxhashAsU8a(data, 64);
export const twox128 = (data: Uint8Array | string): Uint8Array => xxhashAsU8a(data, 128);
export const twox256 = (data: Uint8Array | string): Uint8Array => xxhashAsU8a(data, 256);

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Applies a hasher to an encoded key. */
export function hashKey(hasher: HasherName, key: Uint8Array): Uint8Array {
  switch (hasher) {
    case 'Blake2_128':
      return blake2_128(key);
    case 'Blake2_256':
      return blake2_256(key);
    case 'Blake2_128Concat':
      return concat(blake2_128(key), key);
    case 'Twox128':
      return twox128(key);
    case 'Twox256':
      return twox256(key);
    case 'Twox64Concat':
      return concat(twox64(key), key);
    case 'Identity':
      return key;
  }
}

/** How many hash bytes precede the raw key for the `*Concat` hashers (to recover keys when iterating). */
export function hashPrefixLength(hasher: HasherName): number | undefined {
  return hasher === 'Blake2_128Concat' ? 16 : hasher === 'Twox64Concat' ? 8 : hasher === 'Identity' ? 0 : undefined;
}
