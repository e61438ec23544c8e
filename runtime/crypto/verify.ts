/**
 * Substrate `MultiSignature` verification for one item, synchronous.
 *
 * Semantics follow `sp_runtime::MultiSignature::verify`:
 * - sr25519: schnorrkel `verify_simple` with context "substrate" (see ./sr25519.ts);
 * - ed25519: ZIP-215 rules, as `ed25519-zebra` in sp_core (cofactored equation, non-canonical
 *   point encodings allowed, canonical `s` required);
 * - ecdsa: recover over blake2_256(message), compare blake2_256(compressed key) (see ./ecdsa.ts).
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { ed25519Verify as wasmEd25519Verify, isReady as wasmReady, waitReady } from '@polkadot/wasm-crypto';
import { verifyEcdsa } from './ecdsa.ts';
import { verifySr25519 } from './sr25519.ts';

/** The three `MultiSignature` variants. */
export type SignatureScheme = 'ed25519' | 'sr25519' | 'ecdsa';

/** One signature to check. */
export interface SignedItem {
  scheme: SignatureScheme;
  /** AccountId32 (32 bytes): the public key for ed25519/sr25519, blake2_256(compressed key) for ecdsa. */
  signer: Uint8Array;
  /** 64 bytes, or 65 (`r || s || v`) for ecdsa. */
  signature: Uint8Array;
  message: Uint8Array;
}

/** Schemes in wire order (the `MultiSignature` variant index). */
export const SCHEMES: readonly SignatureScheme[] = ['ed25519', 'sr25519', 'ecdsa'];

let ready: Promise<void> | undefined;

/**
 * Initialises @polkadot/wasm-crypto (used for the ed25519 fast path and as the sr25519 fallback).
 * The schnorrkel wasm loads synchronously on import. Verification is correct before this resolves,
 * only slower for ed25519.
 */
export function cryptoReady(): Promise<void> {
  ready ??= waitReady().then(() => undefined);
  return ready;
}

/**
 * ed25519 with ZIP-215 semantics. wasm-crypto checks the stricter cofactorless equation about
 * 4x faster than noble; anything it accepts ZIP-215 accepts too, so only its rejections are
 * re-checked (mixed-order keys can pass ZIP-215 and fail cofactorless).
 */
export function verifyEd25519(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  try {
    if (wasmReady() && wasmEd25519Verify(signature, message, publicKey)) return true;
  } catch {
    // fall through to the pure-JS check
  }
  try {
    return ed25519.verify(signature, message, publicKey, { zip215: true });
  } catch {
    return false;
  }
}

/** Verifies one `MultiSignature`. Never throws: malformed input of any kind yields `false`. */
export function verifySignature(item: SignedItem): boolean {
  const { scheme, signer, signature, message } = item;
  if (!(signer instanceof Uint8Array) || !(signature instanceof Uint8Array) || !(message instanceof Uint8Array)) return false;
  switch (scheme) {
    case 'sr25519':
      return verifySr25519(signer, message, signature);
    case 'ed25519':
      return verifyEd25519(signer, message, signature);
    case 'ecdsa':
      return verifyEcdsa(signer, message, signature);
    default:
      return false;
  }
}
