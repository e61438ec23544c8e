/** Structs, newtypes and enums with Rust paths: the named types that appear in metadata. */
import { type AnyCodec, type Codec, type CodecType, type FieldInfo, makeCodec, type VariantInfo } from './codec.ts';
import { ScaleDecodeError } from './io.ts';

export type Fields = Record<string, AnyCodec>;
export type StructValue<F extends Fields> = { [K in keyof F]: CodecType<F[K]> };

export interface NamedTypeOptions {
  docs?: string[];
  /** Generic parameters, as scale-info lists them (`AccountInfo<Nonce, AccountData>`). */
  params?: { name: string; type: AnyCodec | null }[];
  /** Per-field Rust type names and docs, when they differ from the field codec's own. */
  fieldNames?: Record<string, string>;
  fieldDocs?: Record<string, string[]>;
  rustName?: string;
}

/** Splits `frame_system::AccountInfo` into a scale-info path. */
export function pathOf(rustPath: string): string[] {
  return rustPath.split('::');
}

function fieldInfos(fields: Fields, opts: NamedTypeOptions): FieldInfo[] {
  return Object.entries(fields).map(([name, type]) => ({
    name,
    type,
    typeName: opts.fieldNames?.[name] ?? type.rustName,
    docs: opts.fieldDocs?.[name] ?? [],
  }));
}

/** A Rust struct with named fields; encoded as the fields in declaration order. */
export function struct<F extends Fields>(rustPath: string, fields: F, opts: NamedTypeOptions = {}): Codec<StructValue<F>> {
  const entries = Object.entries(fields);
  return makeCodec(
    () => ({ path: pathOf(rustPath), params: opts.params ?? [], def: { tag: 'composite', fields: fieldInfos(fields, opts) }, docs: opts.docs ?? [] }),
    (w, v) => {
      for (const [k, c] of entries) c.encodeTo(w, (v as Record<string, unknown>)[k]);
    },
    (r) => {
      const out: Record<string, unknown> = {};
      for (const [k, c] of entries) out[k] = c.decodeFrom(r);
      return out as StructValue<F>;
    },
    opts.rustName ?? rustPath.split('::').pop(),
  );
}

/** A tuple struct with one unnamed field (`struct AccountId32([u8; 32])`); the value is the inner value. */
export function newtype<T>(rustPath: string, inner: Codec<T>, opts: NamedTypeOptions = {}): Codec<T> {
  return makeCodec(
    () => ({
      path: pathOf(rustPath),
      params: opts.params ?? [],
      def: { tag: 'composite', fields: [{ type: inner, typeName: inner.rustName, docs: [] }] },
      docs: opts.docs ?? [],
    }),
    inner.encodeTo,
    inner.decodeFrom,
    opts.rustName ?? rustPath.split('::').pop(),
  );
}

/** One enum variant: an explicit index, and no fields, one unnamed field, or named fields. */
export interface VariantSpec {
  index: number;
  /** one unnamed field, several unnamed fields (a tuple variant), or named fields */
  fields?: AnyCodec | readonly AnyCodec[] | Fields;
  docs?: string[];
  fieldNames?: Record<string, string>;
}
export type VariantSpecs = Record<string, VariantSpec>;

type TupleValue<T extends readonly AnyCodec[]> = { -readonly [I in keyof T]: CodecType<T[I]> };
type VariantPayload<V extends VariantSpec> = V['fields'] extends AnyCodec
  ? CodecType<V['fields']>
  : V['fields'] extends readonly AnyCodec[]
    ? TupleValue<V['fields']>
    : V['fields'] extends Fields
    ? StructValue<V['fields']>
    : never;
/** `{ tag: 'Transfer', value: { from, to, amount } }`, or `{ tag: 'Immortal' }` for a unit variant. */
export type EnumValue<S extends VariantSpecs> = {
  [K in keyof S & string]: S[K]['fields'] extends AnyCodec | readonly AnyCodec[] | Fields ? { tag: K; value: VariantPayload<S[K]> } : { tag: K };
}[keyof S & string];

function isCodec(x: AnyCodec | readonly AnyCodec[] | Fields): x is AnyCodec {
  return typeof (x as AnyCodec).encodeTo === 'function';
}
function fieldsOf(spec: VariantSpec): FieldInfo[] {
  const f = spec.fields;
  if (f === undefined) return [];
  if (isCodec(f)) return [{ type: f, typeName: spec.fieldNames?.[''] ?? f.rustName, docs: [] }];
  if (Array.isArray(f)) return (f as readonly AnyCodec[]).map((type) => ({ type, typeName: type.rustName, docs: [] }));
  return fieldInfos(f as Fields, { fieldNames: spec.fieldNames });
}

/** A Rust enum. Variants keep their declared indices (call, event and error indices are part of the wire format). */
export function enumeration<S extends VariantSpecs>(rustPath: string, specs: S, opts: NamedTypeOptions = {}): Codec<EnumValue<S>> {
  const byIndex: ({ name: string; spec: VariantSpec } | undefined)[] = new Array(256);
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.index < 0 || spec.index > 255 || byIndex[spec.index]) throw new Error(`${rustPath}: bad or duplicate variant index ${spec.index}`);
    byIndex[spec.index] = { name, spec };
  }
  const variantInfos = (): VariantInfo[] =>
    Object.entries(specs)
      .sort((a, b) => a[1].index - b[1].index)
      .map(([name, spec]) => ({
        name,
        index: spec.index,
        docs: spec.docs ?? [],
        fields: fieldsOf(spec),
      }));
  return makeCodec(
    () => ({ path: pathOf(rustPath), params: opts.params ?? [], def: { tag: 'variant', variants: variantInfos() }, docs: opts.docs ?? [] }),
    (w, v) => {
      const spec = specs[v.tag];
      if (!spec) throw new RangeError(`${rustPath} has no variant ${String(v.tag)}`);
      w.u8(spec.index);
      const fields = spec.fields;
      if (fields === undefined) return;
      const payload = (v as { value: unknown }).value;
      if (isCodec(fields)) fields.encodeTo(w, payload);
      else if (Array.isArray(fields)) (fields as readonly AnyCodec[]).forEach((c, i) => c.encodeTo(w, (payload as unknown[])[i]));
      else for (const [k, c] of Object.entries(fields as Fields)) c.encodeTo(w, (payload as Record<string, unknown>)[k]);
    },
    (r) => {
      const index = r.u8();
      const hit = byIndex[index];
      if (!hit) throw new ScaleDecodeError(`${rustPath}: unknown variant index ${index}`);
      const fields = hit.spec.fields;
      if (fields === undefined) return { tag: hit.name } as EnumValue<S>;
      if (isCodec(fields)) return { tag: hit.name, value: fields.decodeFrom(r) } as EnumValue<S>;
      if (Array.isArray(fields)) return { tag: hit.name, value: (fields as readonly AnyCodec[]).map((c) => c.decodeFrom(r)) } as EnumValue<S>;
      const value: Record<string, unknown> = {};
      for (const [k, c] of Object.entries(fields as Fields)) value[k] = c.decodeFrom(r);
      return { tag: hit.name, value } as EnumValue<S>;
    },
    opts.rustName ?? rustPath.split('::').pop(),
  );
}
