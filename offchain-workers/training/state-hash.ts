/**
 * The training-state commitment: blake2b-256 over the raw little-endian float32 bytes of every weight and
 * optimizer-state tensor, in signature order (weights, then state), with nothing in between. Workers commit it
 * every k steps; verifiers recompute it after re-executing a segment and need bit equality in `cpu-exact` mode.
 * A model package's `init-state.bin` holds exactly these bytes, so its file hash is the step-0 commitment.
 */
import { blake2b as nobleBlake2b } from '@noble/hashes/blake2.js';
import { blake2b as wasmBlake2b, isReady, waitReady } from '@polkadot/wasm-crypto';

const NO_KEY = new Uint8Array();

/** Loads the WASM blake2b, about 30× faster than the pure-JS fallback on a megabyte of state. */
export async function hashReady(): Promise<void> {
  await waitReady();
}

/** blake2b-256 of `bytes` (WASM once {@link hashReady} resolved, pure JS before: same digest, slower). */
export function blake2b256(bytes: Uint8Array): Uint8Array {
  return isReady() ? wasmBlake2b(bytes, NO_KEY, 32) : nobleBlake2b(bytes, { dkLen: 32 });
}

/** Hashes training state; keeps one scratch buffer so a hash every k steps allocates nothing new. */
export class StateHasher {
  private scratch = new Uint8Array(0);

  /** blake2b-256 of the concatenated raw bytes of `tensors`. */
  hash(tensors: readonly Float32Array[]): Uint8Array {
    return blake2b256(this.concat(tensors));
  }

  /** The concatenated raw bytes (a view of the scratch buffer, valid until the next call). */
  concat(tensors: readonly Float32Array[]): Uint8Array {
    const total = tensors.reduce((n, t) => n + t.byteLength, 0);
    if (this.scratch.length !== total) this.scratch = new Uint8Array(total);
    let at = 0;
    for (const t of tensors) {
      this.scratch.set(new Uint8Array(t.buffer, t.byteOffset, t.byteLength), at);
      at += t.byteLength;
    }
    return this.scratch;
  }
}
