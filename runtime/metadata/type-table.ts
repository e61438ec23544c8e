/**
 * scale-info's PortableRegistry, built by walking our codecs. Each distinct `TypeInfo` object gets one id;
 * recursive types resolve because an id is reserved before the type's fields are visited.
 */
import type { AnyCodec, TypeDef, TypeInfo } from '../scale/codec.ts';

/** The JSON shape @polkadot/types' `PortableType` accepts. */
export interface PortableType {
  id: number;
  type: {
    path: string[];
    params: { name: string; type: number | null }[];
    def: Record<string, unknown>;
    docs: string[];
  };
}

export class TypeTable {
  readonly types: PortableType[] = [];
  private readonly ids = new Map<TypeInfo, number>();

  /** The id of a codec's type, registering it (and everything it refers to) on first sight. */
  id(codec: AnyCodec): number {
    const info = codec.info;
    const known = this.ids.get(info);
    if (known !== undefined) return known;
    const id = this.types.length;
    this.ids.set(info, id);
    const entry: PortableType = { id, type: { path: info.path, params: [], def: {}, docs: info.docs } };
    this.types.push(entry);
    entry.type.params = info.params.map((p) => ({ name: p.name, type: p.type ? this.id(p.type) : null }));
    entry.type.def = this.def(info.def);
    return id;
  }

  private def(def: TypeDef): Record<string, unknown> {
    switch (def.tag) {
      case 'primitive':
        return { Primitive: def.name };
      case 'compact':
        return { Compact: { type: this.id(def.inner) } };
      case 'sequence':
        return { Sequence: { type: this.id(def.inner) } };
      case 'array':
        return { Array: { len: def.len, type: this.id(def.inner) } };
      case 'tuple':
        return { Tuple: def.items.map((c) => this.id(c)) };
      case 'composite':
        return { Composite: { fields: def.fields.map((f) => ({ name: f.name ?? null, type: this.id(f.type), typeName: f.typeName ?? null, docs: f.docs })) } };
      case 'variant':
        return {
          Variant: {
            variants: def.variants.map((v) => ({
              name: v.name,
              index: v.index,
              docs: v.docs,
              fields: v.fields.map((f) => ({ name: f.name ?? null, type: this.id(f.type), typeName: f.typeName ?? null, docs: f.docs })),
            })),
          },
        };
    }
  }
}
