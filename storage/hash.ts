import { blake2b as nobleBlake2b } from '@noble/hashes/blake2.js';
import { blake2b as wasmBlake2b, isReady as wasmIsReady, waitReady as wasmWaitReady } from '@polkadot/wasm-crypto';

const NO_KEY = new Uint8Array(0);

// Start loading the WASM hasher right away; until it is ready the JS one is used.
void wasmWaitReady();

/**
 * blake2b with a 32-byte digest (Substrate's `blake2_256`): the hash of trie nodes,
 * tx index keys and binary Merkle trees. @noble/hashes is the reference; once
 * {@link initHashing} has loaded the WASM build (~7x faster on 500-byte trie nodes)
 * that is used instead. Both give identical digests (checked in merkle.test.ts).
 */
export function blake2_256(data: Uint8Array): Uint8Array {
  return wasmIsReady() ? wasmBlake2b(data, NO_KEY, 32) : nobleBlake2b(data, { dkLen: 32 });
}

/** The pure-JS reference implementation, always available. */
export function blake2_256Noble(data: Uint8Array): Uint8Array {
  return nobleBlake2b(data, { dkLen: 32 });
}

/** Loads the WASM hasher (idempotent). Called by `ChainDb.open`; safe to skip, only slower. */
export async function initHashing(): Promise<boolean> {
  return wasmWaitReady();
}
