/**
 * sr25519 (schnorrkel, signing context "substrate") verification.
 *
 * The fast path is @polkadot-labs/schnorrkel-wasm (~2x @polkadot/wasm-crypto here), but that
 * build `unwrap()`s its decoding: a public key that is not a ristretto point, a signature
 * without the schnorrkel marker bit or with a non-canonical scalar, or a wrong length makes
 * it panic (a wasm trap that also logs a stack). Substrate answers `false` for all of those,
 * so we reject them here first and only hand the wasm inputs it decodes cleanly.
 */
import { ristretto255 } from '@noble/curves/ed25519.js';
import { sr25519_verify as schnorrkelVerify } from '@polkadot-labs/schnorrkel-wasm';
import { isReady as wasmCryptoReady, sr25519Verify as wasmCryptoVerify } from '@polkadot/wasm-crypto';
import { verify as scureVerify } from '@scure/sr25519';

/** Group order ℓ = 2^252 + 27742317777372353535851937790883648493, little-endian. */
const L_LE = Uint8Array.from(Buffer.from('edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010', 'hex'));

// Signers repeat (nonces from the same accounts), and decoding a ristretto point in JS costs
// about half a wasm verify, so remember keys that decoded. Only valid keys are stored, so
// garbage keys from an attacker cannot crowd out real ones beyond FIFO turnover.
const KEY_CACHE_LIMIT = 65_536;
const validKeys = new Set<string>();

function keyId(publicKey: Uint8Array): string {
  return Buffer.from(publicKey.buffer, publicKey.byteOffset, publicKey.byteLength).toString('latin1');
}

/** True iff `publicKey` is the canonical encoding of a ristretto255 point (what schnorrkel accepts). */
export function isSr25519PublicKey(publicKey: Uint8Array, useCache = true): boolean {
  if (publicKey.length !== 32) return false;
  const id = useCache ? keyId(publicKey) : '';
  if (useCache && validKeys.has(id)) return true;
  try {
    ristretto255.Point.fromBytes(publicKey);
  } catch {
    return false;
  }
  if (useCache) {
    if (validKeys.size >= KEY_CACHE_LIMIT) {
      const oldest = validKeys.values().next();
      if (oldest.done !== true) validKeys.delete(oldest.value);
    }
    validKeys.add(id);
  }
  return true;
}

/**
 * True iff `signature` is 64 bytes, carries the schnorrkel marker bit (bit 7 of byte 63) and its
 * `s` half (marker cleared) is a canonical scalar below ℓ, i.e. `Signature::from_bytes` succeeds.
 */
export function isSr25519SignatureEncoding(signature: Uint8Array): boolean {
  if (signature.length !== 64) return false;
  const top = signature[63]!;
  if ((top & 0x80) === 0) return false;
  // With the top nibble (marker aside) clear, s < 2^252 < ℓ: the common, cheap case.
  if ((top & 0x70) === 0) return true;
  if ((top & 0x7f) !== L_LE[31]) return (top & 0x7f) < L_LE[31]!;
  for (let i = 30; i >= 0; i--) {
    const b = signature[32 + i]!;
    if (b !== L_LE[i]) return b < L_LE[i]!;
  }
  return false; // s == ℓ is not canonical
}

/**
 * Verifies an sr25519 signature made with the Substrate signing context.
 * Never throws. `useKeyCache: false` forces a fresh public-key decode (for benchmarks).
 */
export function verifySr25519(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array, useKeyCache = true): boolean {
  if (!isSr25519SignatureEncoding(signature) || !isSr25519PublicKey(publicKey, useKeyCache)) return false;
  try {
    return schnorrkelVerify(publicKey, message, signature);
  } catch {
    // Not expected after the checks above; fall back to a verifier that never traps.
    return verifySr25519Reference(publicKey, message, signature);
  }
}

/** Slower verifier without the pre-checks (wasm-crypto, else @scure/sr25519); the reference in tests. */
export function verifySr25519Reference(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  try {
    return wasmCryptoReady() ? wasmCryptoVerify(signature, message, publicKey) : scureVerify(message, signature, publicKey);
  } catch {
    return false;
  }
}
