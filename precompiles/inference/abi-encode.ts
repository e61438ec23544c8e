/**
 * A minimal ABI encoder for the precompile's return data, errors and hashes: values are described as words,
 * `bytes`, dynamic arrays and tuples, and `encodeAbi` lays them out exactly as solc's `abi.encode` does, so
 * hashes of the encodings can be recomputed in Solidity.
 */

/** A value to encode: a static 32-byte word, dynamic `bytes`, a dynamic array `T[]`, or a tuple. */
export type AbiValue =
  | { kind: 'word'; word: Uint8Array }
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'array'; items: AbiValue[] }
  | { kind: 'tuple'; items: AbiValue[] };

const MAX_U256 = (1n << 256n) - 1n;

/** A uint word (must fit 256 bits). */
export function uintWord(v: bigint): AbiValue {
  if (v < 0n || v > MAX_U256) throw new RangeError(`uint256 out of range: ${v}`);
  return { kind: 'word', word: bigIntTo32(v) };
}

/** A uint word of a non-negative safe integer (no bigint arithmetic: the fast path for shapes and lengths). */
export function smallWord(v: number): AbiValue {
  return { kind: 'word', word: numberTo32(v) };
}

/** An int256 word (two's complement; must fit). */
export function intWord(v: bigint): AbiValue {
  return { kind: 'word', word: bigIntTo32(BigInt.asUintN(256, v)) };
}

/** A bytes32 word, or a 20-byte address left-padded. */
export function fixedWord(bytes: Uint8Array): AbiValue {
  if (bytes.length > 32) throw new RangeError('word longer than 32 bytes');
  const word = new Uint8Array(32);
  // bytes32 values are left-aligned, addresses right-aligned.
  if (bytes.length === 32) word.set(bytes);
  else word.set(bytes, 32 - bytes.length);
  return { kind: 'word', word };
}

/** A bool word. */
export const boolWord = (v: boolean): AbiValue => uintWord(v ? 1n : 0n);

function isDynamic(v: AbiValue): boolean {
  return v.kind === 'bytes' || v.kind === 'array' || (v.kind === 'tuple' && v.items.some(isDynamic));
}

function headSize(v: AbiValue): number {
  return v.kind === 'tuple' && !isDynamic(v) ? v.items.reduce((n, i) => n + headSize(i), 0) : 32;
}

/** Bytes of `v`'s encoding (its tail when dynamic, its head words when static). */
function encodedSize(v: AbiValue): number {
  switch (v.kind) {
    case 'word':
      return 32;
    case 'bytes':
      return 32 + Math.ceil(v.bytes.length / 32) * 32;
    case 'array':
      return 32 + sequenceSize(v.items);
    case 'tuple':
      return sequenceSize(v.items);
  }
}

function sequenceSize(items: readonly AbiValue[]): number {
  let n = 0;
  for (const i of items) n += isDynamic(i) ? 32 + encodedSize(i) : encodedSize(i);
  return n;
}

/** Writes the uint `n` as a word at `at` (the buffer is zero-filled). */
function putNumber(out: Uint8Array, at: number, n: number): void {
  const view = new DataView(out.buffer, out.byteOffset + at + 24, 8);
  view.setUint32(0, Math.floor(n / 2 ** 32));
  view.setUint32(4, n >>> 0);
}

/** Writes `v` at `at`; returns the position after it. One pass into one buffer: no intermediate chunks. */
function write(out: Uint8Array, at: number, v: AbiValue): number {
  switch (v.kind) {
    case 'word':
      out.set(v.word, at);
      return at + 32;
    case 'bytes':
      putNumber(out, at, v.bytes.length);
      out.set(v.bytes, at + 32);
      return at + 32 + Math.ceil(v.bytes.length / 32) * 32;
    case 'array':
      putNumber(out, at, v.items.length);
      return writeSequence(out, at + 32, v.items);
    case 'tuple':
      return writeSequence(out, at, v.items);
  }
}

function writeSequence(out: Uint8Array, start: number, items: readonly AbiValue[]): number {
  let head = start;
  let tail = start + items.reduce((n, i) => n + headSize(i), 0);
  for (const item of items) {
    if (isDynamic(item)) {
      putNumber(out, head, tail - start);
      head += 32;
      tail = write(out, tail, item);
    } else {
      head = write(out, head, item);
    }
  }
  return tail;
}

/** `abi.encode(values...)`, optionally prefixed by a 4-byte selector. */
export function encodeAbi(values: readonly AbiValue[], selector?: Uint8Array): Uint8Array {
  const pre = selector?.length ?? 0;
  const out = new Uint8Array(pre + sequenceSize(values));
  if (selector) out.set(selector);
  writeSequence(out, pre, values);
  return out;
}

/** A non-negative safe integer as a 32-byte big-endian word. */
function numberTo32(v: number): Uint8Array {
  if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`not a uint: ${v}`);
  const out = new Uint8Array(32);
  const view = new DataView(out.buffer);
  view.setUint32(24, Math.floor(v / 2 ** 32));
  view.setUint32(28, v >>> 0);
  return out;
}

/** A non-negative bigint as a 32-byte big-endian word. */
export function bigIntTo32(v: bigint): Uint8Array {
  const out = new Uint8Array(32);
  let x = v;
  for (let i = 31; i >= 0 && x > 0n; i--) {
    out[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return out;
}

/** A `bytes` value. */
export const bytesValue = (bytes: Uint8Array): AbiValue => ({ kind: 'bytes', bytes });
