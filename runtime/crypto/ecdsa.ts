/**
 * Polkadot-style ECDSA (`MultiSignature::Ecdsa`): secp256k1 over blake2_256(message), a 65-byte
 * `r || s || v` signature, and an AccountId32 that is blake2_256 of the compressed public key.
 *
 * Mirrors `sp_io::crypto::secp256k1_ecdsa_recover_compressed`: v may be 0..3 or 27..30, r and s
 * must be in 1..n-1, and high-s signatures are accepted (recovery does not normalise s).
 * Uses @noble/curves: @polkadot/wasm-crypto's recover is faster but panics (a wasm trap that
 * leaks its stack frame) on any unrecoverable input, which an attacker controls.
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { blake2b } from '@noble/hashes/blake2.js';

const Signature = secp256k1.Signature;
const N = secp256k1.Point.Fn.ORDER;

function readBigEndian(bytes: Uint8Array, from: number, to: number): bigint {
  let x = 0n;
  for (let i = from; i < to; i++) x = (x << 8n) | BigInt(bytes[i]!);
  return x;
}

/** Recovers the 33-byte compressed public key, or null when the signature recovers nothing. */
export function recoverEcdsaPublicKey(signature: Uint8Array, message: Uint8Array): Uint8Array | null {
  if (signature.length !== 65) return null;
  const v = signature[64]!;
  const recovery = v > 26 ? v - 27 : v;
  if (recovery > 3) return null;
  const r = readBigEndian(signature, 0, 32);
  const s = readBigEndian(signature, 32, 64);
  if (r === 0n || s === 0n || r >= N || s >= N) return null;
  try {
    const digest = blake2b(message, { dkLen: 32 });
    return new Signature(r, s, recovery).recoverPublicKey(digest).toBytes(true);
  } catch {
    return null; // R not on the curve, r + n overflowing p, or the point at infinity
  }
}

/** Verifies an ECDSA signature against a 32-byte AccountId (blake2_256 of the compressed key). Never throws. */
export function verifyEcdsa(accountId: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (accountId.length !== 32) return false;
  const publicKey = recoverEcdsaPublicKey(signature, message);
  if (publicKey === null) return false;
  const derived = blake2b(publicKey, { dkLen: 32 });
  let diff = 0;
  for (let i = 0; i < 32; i++) diff |= derived[i]! ^ accountId[i]!;
  return diff === 0;
}
