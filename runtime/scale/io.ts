/** Byte-level SCALE reader and writer. The codecs in `codec.ts` are built on these. */

/** Thrown when bytes do not decode; callers turn it into their own typed error (RPC 1002, block rejection, …). */
export class ScaleDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScaleDecodeError';
  }
}

/** A cursor over input bytes; every read checks bounds. */
export class Reader {
  offset = 0;
  private readonly view: DataView;

  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get remaining(): number {
    return this.bytes.length - this.offset;
  }

  private need(n: number): void {
    if (this.offset + n > this.bytes.length) {
      throw new ScaleDecodeError(`unexpected end of input: need ${n} bytes at offset ${this.offset}, have ${this.remaining}`);
    }
  }

  u8(): number {
    this.need(1);
    return this.bytes[this.offset++]!;
  }

  u16(): number {
    this.need(2);
    const v = this.view.getUint16(this.offset, true);
    this.offset += 2;
    return v;
  }

  u32(): number {
    this.need(4);
    const v = this.view.getUint32(this.offset, true);
    this.offset += 4;
    return v;
  }

  u64(): bigint {
    this.need(8);
    const v = this.view.getBigUint64(this.offset, true);
    this.offset += 8;
    return v;
  }

  u128(): bigint {
    const lo = this.u64();
    const hi = this.u64();
    return (hi << 64n) | lo;
  }

  /** Raw bytes, a view into the input (no copy). */
  take(n: number): Uint8Array {
    this.need(n);
    const out = this.bytes.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }

  compact(): bigint {
    const b0 = this.u8();
    switch (b0 & 3) {
      case 0:
        return BigInt(b0 >>> 2);
      case 1:
        return BigInt(((this.u8() << 8) | b0) >>> 2);
      case 2: {
        this.offset -= 1;
        return BigInt(this.u32() >>> 2);
      }
      default: {
        const len = (b0 >>> 2) + 4;
        if (len > 16) throw new ScaleDecodeError(`compact integer of ${len} bytes is too large`);
        const raw = this.take(len);
        let v = 0n;
        for (let i = len - 1; i >= 0; i--) v = (v << 8n) | BigInt(raw[i]!);
        // Canonical encoding: a big-integer form must not fit a shorter form.
        if (v < 1n << 30n || (len > 4 && v < 1n << BigInt((len - 1) * 8))) {
          throw new ScaleDecodeError('non-canonical compact encoding');
        }
        return v;
      }
    }
  }

  /** A compact length that must fit the rest of the input (each element takes at least `minElementBytes`). */
  length(minElementBytes = 1): number {
    const n = this.compact();
    if (n > BigInt(this.remaining) / BigInt(Math.max(1, minElementBytes)) && minElementBytes > 0) {
      throw new ScaleDecodeError(`length ${n} exceeds the remaining ${this.remaining} bytes`);
    }
    return Number(n);
  }
}

/** A growable output buffer. */
export class Writer {
  private buf: Uint8Array;
  private view: DataView;
  length = 0;

  constructor(initial = 256) {
    this.buf = new Uint8Array(initial);
    this.view = new DataView(this.buf.buffer);
  }

  private ensure(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  u8(v: number): void {
    this.ensure(1);
    this.buf[this.length++] = v & 0xff;
  }

  u16(v: number): void {
    this.ensure(2);
    this.view.setUint16(this.length, v, true);
    this.length += 2;
  }

  u32(v: number): void {
    this.ensure(4);
    this.view.setUint32(this.length, v >>> 0, true);
    this.length += 4;
  }

  u64(v: bigint): void {
    this.ensure(8);
    this.view.setBigUint64(this.length, BigInt.asUintN(64, v), true);
    this.length += 8;
  }

  u128(v: bigint): void {
    this.u64(v & 0xffff_ffff_ffff_ffffn);
    this.u64(v >> 64n);
  }

  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }

  compact(v: bigint | number): void {
    const n = BigInt(v);
    if (n < 0n) throw new RangeError('compact integers are unsigned');
    if (n < 1n << 6n) this.u8(Number(n) << 2);
    else if (n < 1n << 14n) this.u16((Number(n) << 2) | 1);
    else if (n < 1n << 30n) this.u32(((Number(n) << 2) | 2) >>> 0);
    else {
      const out: number[] = [];
      let rest = n;
      while (rest > 0n) {
        out.push(Number(rest & 0xffn));
        rest >>= 8n;
      }
      if (out.length > 67) throw new RangeError('compact integer too large');
      this.u8(((out.length - 4) << 2) | 3);
      for (const b of out) this.u8(b);
    }
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

/** SCALE compact encoding of one number. */
export function compactBytes(v: bigint | number): Uint8Array {
  const w = new Writer(17);
  w.compact(v);
  return w.finish();
}
