/**
 * A seeded, portable random stream: ChaCha20 (RFC 8439) keyed with the 32-byte seed, with the 96-bit nonce
 * taken from blake2b(domain) so that one seed gives independent streams (`init/fc0.weight`, `batches/epoch/3`).
 * Only 32-bit integer operations and exact float scalings are used, so every worker and verifier derives the
 * same numbers from the chain-given seed on any CPU and JS engine.
 */
import { blake2b } from '@noble/hashes/blake2.js';

const TWO_POW_32 = 0x1_0000_0000;
const SIGMA = [0x61707865, 0x3320646e, 0x79622d32, 0x6b206574]; // "expand 32-byte k"

function quarterRound(x: Uint32Array, a: number, b: number, c: number, d: number): void {
  x[a] = (x[a]! + x[b]!) | 0; x[d] ^= x[a]!; x[d] = (x[d]! << 16) | (x[d]! >>> 16);
  x[c] = (x[c]! + x[d]!) | 0; x[b] ^= x[c]!; x[b] = (x[b]! << 12) | (x[b]! >>> 20);
  x[a] = (x[a]! + x[b]!) | 0; x[d] ^= x[a]!; x[d] = (x[d]! << 8) | (x[d]! >>> 24);
  x[c] = (x[c]! + x[d]!) | 0; x[b] ^= x[c]!; x[b] = (x[b]! << 7) | (x[b]! >>> 25);
}

function core(input: Uint32Array, out: Uint32Array): void {
  out.set(input);
  for (let i = 0; i < 10; i++) {
    quarterRound(out, 0, 4, 8, 12); quarterRound(out, 1, 5, 9, 13); quarterRound(out, 2, 6, 10, 14); quarterRound(out, 3, 7, 11, 15);
    quarterRound(out, 0, 5, 10, 15); quarterRound(out, 1, 6, 11, 12); quarterRound(out, 2, 7, 8, 13); quarterRound(out, 3, 4, 9, 14);
  }
  for (let i = 0; i < 16; i++) out[i] = (out[i]! + input[i]!) >>> 0;
}

/** The ChaCha20 block function: 16 output words for (8 key words, block counter, 3 nonce words). */
export function chacha20Block(key: Uint32Array, counter: number, nonce: Uint32Array): Uint32Array {
  const out = new Uint32Array(16);
  core(Uint32Array.of(...SIGMA, ...key, counter >>> 0, ...nonce), out);
  return out;
}

const littleEndianWords = (bytes: Uint8Array): Uint32Array => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Uint32Array.from({ length: bytes.length / 4 }, (_, i) => view.getUint32(i * 4, true));
};

/** A deterministic stream of u32 words, integers in a range, and exact float32 uniforms. */
export class SeededStream {
  private readonly input: Uint32Array;
  private readonly block = new Uint32Array(16);
  private used = 16;
  private counter = 0;

  /**
   * @param seed 32 bytes (the job's chain-given seed, or a model's init seed)
   * @param domain separates independent streams drawn from the same seed, e.g. `'batches/epoch/3'`
   */
  constructor(seed: Uint8Array, domain: string) {
    if (seed.length !== 32) throw new RangeError(`seed must be 32 bytes, got ${seed.length}`);
    const nonce = littleEndianWords(blake2b(new TextEncoder().encode(domain), { dkLen: 12 }));
    this.input = Uint32Array.of(...SIGMA, ...littleEndianWords(seed), 0, ...nonce);
  }

  /** The next uniformly distributed u32. */
  nextU32(): number {
    if (this.used === 16) {
      // 2^32 blocks of 64 bytes per stream: no job draws anywhere near that many.
      if (this.counter >= TWO_POW_32) throw new RangeError('random stream exhausted');
      this.input[12] = this.counter++;
      core(this.input, this.block);
      this.used = 0;
    }
    return this.block[this.used++]!;
  }

  /** A uniform integer in `[0, n)` for `1 <= n <= 2^32`, without modulo bias (rejection sampling). */
  below(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > TWO_POW_32) throw new RangeError(`below(${n}): n must be an integer in [1, 2^32]`);
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    for (;;) {
      const u = this.nextU32();
      if (u < limit) return u % n;
    }
  }

  /** A uniform float in `[-1, 1)` on a 2^-23 grid: exactly representable in float32, so portable. */
  symmetricUniform(): number {
    return ((this.nextU32() >>> 8) - 0x80_0000) / 0x80_0000;
  }
}

/**
 * A 32-byte seed from user text: `0x` + 64 hex digits is taken as is; anything else (`"42"`, `"my-run"`)
 * is hashed with blake2b-256, so short human seeds still spread over the whole seed space.
 */
export function seedFromString(text: string): Uint8Array {
  if (/^0x[0-9a-fA-F]{64}$/.test(text)) return Uint8Array.from(Buffer.from(text.slice(2), 'hex'));
  return blake2b(new TextEncoder().encode(text), { dkLen: 32 });
}
