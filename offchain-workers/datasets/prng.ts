/**
 * A seeded, portable random stream: block i = blake2b-512(key = seed, msg = domain ‖ u64le(i)), read as sixteen
 * little-endian u32 words. Only integer operations and exact float scalings are used, so every worker and
 * verifier derives the same numbers from the chain-given 32-byte seed on any CPU and JS engine.
 */
import { blake2b } from '@noble/hashes/blake2.js';

const WORDS_PER_BLOCK = 16;
const TWO_POW_32 = 0x1_0000_0000;

/** A deterministic stream of u32 words, integers in a range, and exact float32 uniforms. */
export class SeededStream {
  private readonly prefix: Uint8Array;
  private block = new Uint32Array(WORDS_PER_BLOCK);
  private used = WORDS_PER_BLOCK;
  private counter = 0;

  /**
   * @param seed 32 bytes (the job's chain-given seed, or a model's init seed)
   * @param domain separates independent streams drawn from the same seed, e.g. `'batches/epoch/3'`
   */
  constructor(private readonly seed: Uint8Array, domain: string) {
    if (seed.length !== 32) throw new RangeError(`seed must be 32 bytes, got ${seed.length}`);
    const tag = new TextEncoder().encode(domain);
    // Length-prefix the domain so that ('ab', counter) and ('a', 'b'…) can never produce the same message.
    this.prefix = new Uint8Array(4 + tag.length + 8);
    new DataView(this.prefix.buffer).setUint32(0, tag.length, true);
    this.prefix.set(tag, 4);
  }

  /** The next uniformly distributed u32. */
  nextU32(): number {
    if (this.used === WORDS_PER_BLOCK) this.refill();
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

  private refill(): void {
    const view = new DataView(this.prefix.buffer);
    const at = this.prefix.length - 8;
    view.setUint32(at, this.counter >>> 0, true);
    view.setUint32(at + 4, Math.floor(this.counter / TWO_POW_32), true);
    this.counter++;
    const bytes = blake2b(this.prefix, { key: this.seed, dkLen: 64 });
    const words = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < WORDS_PER_BLOCK; i++) this.block[i] = words.getUint32(i * 4, true);
    this.used = 0;
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
