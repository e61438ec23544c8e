/**
 * Typed SCALE codecs that also describe themselves as scale-info types.
 *
 * One declaration gives three things: a TypeScript type (`CodecType<typeof X>`), a fast encoder/decoder used by the
 * runtime, and the portable type that the metadata builder (`runtime/metadata/`) emits, so the metadata can never
 * disagree with the bytes the runtime writes. Tests cross-check every layout against @polkadot/types.
 */
import { Reader, ScaleDecodeError, Writer } from './io.ts';

export type PrimitiveName = 'Bool' | 'U8' | 'U16' | 'U32' | 'U64' | 'U128' | 'Str';

export interface FieldInfo {
  name?: string;
  type: AnyCodec;
  typeName?: string;
  docs: string[];
}
export interface VariantInfo {
  name: string;
  index: number;
  fields: FieldInfo[];
  docs: string[];
}
export type TypeDef =
  | { tag: 'primitive'; name: PrimitiveName }
  | { tag: 'compact'; inner: AnyCodec }
  | { tag: 'sequence'; inner: AnyCodec }
  | { tag: 'array'; len: number; inner: AnyCodec }
  | { tag: 'tuple'; items: AnyCodec[] }
  | { tag: 'composite'; fields: FieldInfo[] }
  | { tag: 'variant'; variants: VariantInfo[] };

/** The scale-info description of a type: path (`frame_system::AccountInfo`), generic params, shape, docs. */
export interface TypeInfo {
  path: string[];
  params: { name: string; type: AnyCodec | null }[];
  def: TypeDef;
  docs: string[];
}

export interface Codec<T> {
  /** Resolved lazily so that recursive types (a call that carries a call) can be declared. */
  readonly info: TypeInfo;
  /** The Rust type name shown in metadata fields (`T::Balance`); purely descriptive. */
  readonly rustName?: string;
  encodeTo(w: Writer, value: T): void;
  decodeFrom(r: Reader): T;
}
// eslint-style escape hatch for heterogeneous codec collections; values are checked by each codec.
// biome-ignore lint: a codec of unknown value type
export type AnyCodec = Codec<any>;
export type CodecType<C> = C extends Codec<infer T> ? T : never;

// One scratch buffer for top-level encodes (allocation showed up in block-execution profiles); nested calls,
// which do not happen today, fall back to a fresh writer.
const scratch = new Writer(4096);
let scratchBusy = false;

export function encode<T>(codec: Codec<T>, value: T): Uint8Array {
  if (scratchBusy) {
    const w = new Writer();
    codec.encodeTo(w, value);
    return w.finish();
  }
  scratchBusy = true;
  try {
    scratch.length = 0;
    codec.encodeTo(scratch, value);
    return scratch.finish();
  } finally {
    scratchBusy = false;
  }
}

/** Decodes exactly the whole input; trailing bytes are an error (as in Substrate's `decode_all`). */
export function decode<T>(codec: Codec<T>, bytes: Uint8Array): T {
  const r = new Reader(bytes);
  const v = codec.decodeFrom(r);
  if (r.remaining !== 0) throw new ScaleDecodeError(`${r.remaining} trailing bytes after ${describe(codec)}`);
  return v;
}

export function describe(codec: AnyCodec): string {
  const { path, def } = codec.info;
  return path.length ? path.join('::') : def.tag;
}

function make<T>(info: TypeInfo | (() => TypeInfo), enc: (w: Writer, v: T) => void, dec: (r: Reader) => T, rustName?: string): Codec<T> {
  let resolved: TypeInfo | undefined = typeof info === 'function' ? undefined : info;
  return {
    get info() {
      resolved ??= (info as () => TypeInfo)();
      return resolved;
    },
    rustName,
    encodeTo: enc,
    decodeFrom: dec,
  };
}

const prim = (name: PrimitiveName): TypeInfo => ({ path: [], params: [], def: { tag: 'primitive', name }, docs: [] });

export const bool: Codec<boolean> = make(prim('Bool'), (w, v) => w.u8(v ? 1 : 0), (r) => {
  const b = r.u8();
  if (b > 1) throw new ScaleDecodeError(`invalid bool byte ${b}`);
  return b === 1;
}, 'bool');
export const u8: Codec<number> = make(prim('U8'), (w, v) => w.u8(checkUint(v, 8)), (r) => r.u8(), 'u8');
export const u16: Codec<number> = make(prim('U16'), (w, v) => w.u16(checkUint(v, 16)), (r) => r.u16(), 'u16');
export const u32: Codec<number> = make(prim('U32'), (w, v) => w.u32(checkUint(v, 32)), (r) => r.u32(), 'u32');
export const u64: Codec<bigint> = make(prim('U64'), (w, v) => w.u64(checkBig(v, 64)), (r) => r.u64(), 'u64');
export const u128: Codec<bigint> = make(prim('U128'), (w, v) => w.u128(checkBig(v, 128)), (r) => r.u128(), 'u128');
export const str: Codec<string> = make(prim('Str'), (w, v) => {
  const b = new TextEncoder().encode(v);
  w.compact(b.length);
  w.bytes(b);
}, (r) => new TextDecoder('utf-8', { fatal: true }).decode(r.take(r.length())), 'String');

function checkUint(v: number, bits: number): number {
  if (!Number.isInteger(v) || v < 0 || v >= 2 ** bits) throw new RangeError(`${v} is not a u${bits}`);
  return v;
}
function checkBig(v: bigint, bits: number): bigint {
  if (typeof v !== 'bigint' || v < 0n || v >= 1n << BigInt(bits)) throw new RangeError(`${String(v)} is not a u${bits}`);
  return v;
}

/** `Compact<u32>` and friends: the value type stays that of the inner integer. */
export function compact<T extends number | bigint>(inner: Codec<T>): Codec<T> {
  const name = inner.info.def.tag === 'primitive' ? inner.info.def.name : 'U128';
  const bits = { U8: 8, U16: 16, U32: 32, U64: 64, U128: 128 }[name as 'U8'] ?? 128;
  const asNumber = bits <= 32;
  return make(
    { path: [], params: [], def: { tag: 'compact', inner }, docs: [] },
    (w, v) => w.compact(v),
    (r) => {
      const v = r.compact();
      if (v >= 1n << BigInt(bits)) throw new ScaleDecodeError(`compact value ${v} overflows u${bits}`);
      return (asNumber ? Number(v) : v) as T;
    },
    `Compact<${inner.rustName ?? name.toLowerCase()}>`,
  );
}

/** `Vec<u8>` as a Uint8Array (decoded without copying). */
export const bytes: Codec<Uint8Array> = make(
  { path: [], params: [], def: { tag: 'sequence', inner: u8 }, docs: [] },
  (w, v) => {
    w.compact(v.length);
    w.bytes(v);
  },
  (r) => r.take(r.length()),
  'Vec<u8>',
);

/** `[u8; N]` as a Uint8Array. */
export function fixedBytes(len: number): Codec<Uint8Array> {
  return make(
    { path: [], params: [], def: { tag: 'array', len, inner: u8 }, docs: [] },
    (w, v) => {
      if (v.length !== len) throw new RangeError(`expected ${len} bytes, got ${v.length}`);
      w.bytes(v);
    },
    (r) => r.take(len),
    `[u8; ${len}]`,
  );
}

export function vec<T>(inner: Codec<T>, rustName?: string): Codec<T[]> {
  return make(
    { path: [], params: [], def: { tag: 'sequence', inner }, docs: [] },
    (w, v) => {
      w.compact(v.length);
      for (const item of v) inner.encodeTo(w, item);
    },
    (r) => {
      const n = r.length();
      const out: T[] = new Array<T>(n);
      for (let i = 0; i < n; i++) out[i] = inner.decodeFrom(r);
      return out;
    },
    rustName ?? `Vec<${inner.rustName ?? ''}>`,
  );
}

export function tuple<T extends unknown[]>(...items: { [K in keyof T]: Codec<T[K]> }): Codec<T> {
  const list = items as AnyCodec[];
  return make(
    { path: [], params: [], def: { tag: 'tuple', items: list }, docs: [] },
    (w, v) => list.forEach((c, i) => c.encodeTo(w, v[i])),
    (r) => list.map((c) => c.decodeFrom(r)) as T,
    list.length === 0 ? '()' : undefined,
  );
}
export const unit: Codec<[]> = tuple<[]>();

/** `Option<T>`; `undefined` is `None`. */
export function option<T>(inner: Codec<T>): Codec<T | undefined> {
  return make(
    () => ({
      path: ['Option'],
      params: [{ name: 'T', type: inner }],
      def: {
        tag: 'variant',
        variants: [
          { name: 'None', index: 0, fields: [], docs: [] },
          { name: 'Some', index: 1, fields: [{ type: inner, typeName: inner.rustName, docs: [] }], docs: [] },
        ],
      },
      docs: [],
    }),
    (w, v) => {
      if (v === undefined) w.u8(0);
      else {
        w.u8(1);
        inner.encodeTo(w, v);
      }
    },
    (r) => {
      const tag = r.u8();
      if (tag === 0) return undefined;
      if (tag === 1) return inner.decodeFrom(r);
      throw new ScaleDecodeError(`invalid Option tag ${tag}`);
    },
    `Option<${inner.rustName ?? ''}>`,
  );
}

export type ResultValue<T, E> = { ok: true; value: T } | { ok: false; error: E };
export function result<T, E>(ok: Codec<T>, err: Codec<E>): Codec<ResultValue<T, E>> {
  return make(
    () => ({
      path: ['Result'],
      params: [{ name: 'T', type: ok }, { name: 'E', type: err }],
      def: {
        tag: 'variant',
        variants: [
          { name: 'Ok', index: 0, fields: [{ type: ok, typeName: ok.rustName, docs: [] }], docs: [] },
          { name: 'Err', index: 1, fields: [{ type: err, typeName: err.rustName, docs: [] }], docs: [] },
        ],
      },
      docs: [],
    }),
    (w, v) => {
      w.u8(v.ok ? 0 : 1);
      if (v.ok) ok.encodeTo(w, v.value);
      else err.encodeTo(w, v.error);
    },
    (r) => {
      const tag = r.u8();
      if (tag === 0) return { ok: true, value: ok.decodeFrom(r) };
      if (tag === 1) return { ok: false, error: err.decodeFrom(r) };
      throw new ScaleDecodeError(`invalid Result tag ${tag}`);
    },
  );
}

/** Same codec, another Rust type name in metadata (`T::Balance` instead of `u128`). */
export function named<T>(codec: Codec<T>, rustName: string): Codec<T> {
  return { get info() { return codec.info; }, rustName, encodeTo: codec.encodeTo, decodeFrom: codec.decodeFrom };
}

/** Declare a codec now and define it later (recursive types such as `Box<RuntimeCall>`). */
export function lazy<T>(get: () => Codec<T>, rustName?: string): Codec<T> {
  return {
    get info() { return get().info; },
    rustName,
    encodeTo: (w, v) => get().encodeTo(w, v),
    decodeFrom: (r) => get().decodeFrom(r),
  };
}

export { make as makeCodec };
