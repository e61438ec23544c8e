/**
 * A strict reader of ABI-encoded calldata: every offset and length is bounds-checked and every integer must be
 * clean (no dirty high bits), as solc's decoder demands. Any violation throws {@link AbiDecodeError}, which the
 * precompile turns into a `BadCalldata` revert; the reader never reads outside `data`.
 */

/** Malformed calldata. */
export class AbiDecodeError extends Error {
  override readonly name = 'AbiDecodeError';
}

/** Reads words, integers, offsets, `bytes` and `uintN[]` from calldata. */
export class AbiReader {
  constructor(
    readonly data: Uint8Array,
    /** Largest length accepted for a `bytes` or an array, in elements or bytes. */
    private readonly maxLength: number,
  ) {}

  /** The 32-byte word at `pos`. */
  word(pos: number): Uint8Array {
    if (!Number.isSafeInteger(pos) || pos < 0 || pos + 32 > this.data.length) throw new AbiDecodeError(`word at ${pos} is out of range`);
    return this.data.subarray(pos, pos + 32);
  }

  /** An unsigned integer of at most `bits` bits at `pos`. */
  uint(pos: number, bits: number): bigint {
    const w = this.word(pos);
    const v = toBigInt(w);
    if (v >> BigInt(bits) !== 0n) throw new AbiDecodeError(`uint${bits} at ${pos} has dirty high bits`);
    return v;
  }

  /** An unsigned integer of at most `bits` ≤ 48 bits at `pos`, as a number (the fast path for offsets and shapes). */
  uintN(pos: number, bits: number): number {
    const v = this.low48(pos);
    if (v === undefined || v >= 2 ** bits) throw new AbiDecodeError(`uint${bits} at ${pos} has dirty high bits`);
    return v;
  }

  /** An unsigned integer at `pos` that must not exceed `max` (a safe integer), as a number. */
  small(pos: number, max: number): number {
    const v = this.low48(pos);
    if (v === undefined || v > max) throw new AbiDecodeError(`value at ${pos} exceeds ${max}`);
    return v;
  }

  /** The word at `pos` as a number when it is below 2^48, else undefined. */
  private low48(pos: number): number | undefined {
    const w = this.word(pos);
    for (let i = 0; i < 26; i++) if (w[i] !== 0) return undefined;
    return w[26]! * 2 ** 40 + w[27]! * 2 ** 32 + ((w[28]! << 24) >>> 0) + (w[29]! << 16) + (w[30]! << 8) + w[31]!;
  }

  /** A two's-complement int256 at `pos`. */
  int256(pos: number): bigint {
    return BigInt.asIntN(256, toBigInt(this.word(pos)));
  }

  /** Resolves the offset stored at `pos`, relative to `base`, to an absolute position inside the data. */
  offset(pos: number, base: number): number {
    const at = base + this.small(pos, this.data.length);
    if (at + 32 > this.data.length) throw new AbiDecodeError(`offset at ${pos} points past the end`);
    return at;
  }

  /** The length word at `at`, checked against the limit and against the bytes left for `unit` bytes each. */
  length(at: number, unit: number): number {
    const n = this.small(at, this.maxLength);
    if (at + 32 + n * unit > this.data.length) throw new AbiDecodeError(`length ${n} at ${at} runs past the end`);
    return n;
  }

  /** The `bytes` value whose length word is at `at` (a view into the calldata). */
  bytes(at: number): Uint8Array {
    const n = this.length(at, 1);
    return this.data.subarray(at + 32, at + 32 + n);
  }

  /** A `uintN[]` whose length word is at `at`, as numbers (N ≤ 32). */
  uintArray(at: number, bits: number): number[] {
    const n = this.length(at, 32);
    return Array.from({ length: n }, (_, i) => this.uintN(at + 32 + 32 * i, bits));
  }

  /** An `int256[]` whose length word is at `at`. */
  int256Array(at: number): bigint[] {
    const n = this.length(at, 32);
    return Array.from({ length: n }, (_, i) => this.int256(at + 32 + 32 * i));
  }
}

/** Big-endian bytes → bigint. */
export function toBigInt(bytes: Uint8Array): bigint {
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex === '' ? 0n : BigInt(`0x${hex}`);
}
