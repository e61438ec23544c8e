/**
 * Faster secp256k1 recovery and keccak-256 for @ethereumjs (its `Common.customCrypto`): @polkadot/wasm-crypto
 * (libsecp256k1 and a Rust keccak compiled to WASM) instead of the pure-JS @noble code. Sender recovery runs for
 * every Ethereum transaction the pool sees, and keccak for every SHA3 opcode, code hash and trie key. Until the
 * WASM is initialised (`cryptoWaitReady()`, done at node start) both fall back to @ethereumjs' own functions, and
 * both give the same bytes (tested against them on random and malformed signatures).
 */
import type { CustomCrypto } from '@ethereumjs/common';
import { bytesToBigInt, calculateSigRecovery, concatBytes, ecrecover as jsEcrecover, SECP256K1_ORDER, setLengthLeft } from '@ethereumjs/util';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { isReady, keccak256 as wasmKeccak256, secp256k1Expand, secp256k1Recover } from '@polkadot/wasm-crypto';


/** `ecrecover(msgHash, v, r, s, chainId)` → the 64-byte uncompressed public key, as @ethereumjs/util's. */
export function ecrecover(msgHash: Uint8Array, v: bigint, r: Uint8Array, s: Uint8Array, chainId?: bigint): Uint8Array {
  const recovery = calculateSigRecovery(v, chainId);
  // Outside libsecp's domain (bad v, r or s out of range, a hash of another length): the JS path throws the same errors.
  if (!isReady() || (recovery !== 0n && recovery !== 1n) || msgHash.length !== 32 || r.length > 32 || s.length > 32 || !inRange(r) || !inRange(s)) {
    return jsEcrecover(msgHash, v, r, s, chainId);
  }
  const compressed = secp256k1Recover(msgHash, concatBytes(setLengthLeft(r, 32), setLengthLeft(s, 32)), Number(recovery));
  return secp256k1Expand(compressed).slice(1);
}

function inRange(b: Uint8Array): boolean {
  const n = bytesToBigInt(b);
  return n > 0n && n < SECP256K1_ORDER;
}

/** keccak-256. */
export function keccak256(data: Uint8Array): Uint8Array {
  return isReady() ? wasmKeccak256(data) : keccak_256(data);
}

/** The `customCrypto` of our `Common`. */
export const EVM_CRYPTO: CustomCrypto = { ecrecover, keccak256 };
