/**
 * Typed storage items, declared per pallet as FRAME declares them: a prefix, a name, a value codec, a hasher per
 * map key, a modifier (Default with a fallback, or Optional) and docs. The declaration is also the metadata.
 */
import { type AnyCodec, type Codec, decode, encode } from '../scale/codec.ts';
import { Reader } from '../scale/io.ts';
import { type KeyString, keyString, type OverlayState, type StateReader } from '../state/overlay.ts';
import { type HasherName, hashKey, hashPrefixLength, twox128 } from './hashers.ts';

export interface StorageEntryMeta {
  name: string;
  modifier: 'Optional' | 'Default';
  keys: { hasher: HasherName; codec: AnyCodec }[];
  value: AnyCodec;
  /** SCALE bytes of the default value (`0x00` for Optional items, as FRAME emits). */
  fallback: Uint8Array;
  docs: string[];
}

const KEY_CACHE_ENTRIES = 65_536;

/** What item constructors return before the pallet prefix is known. */
interface ItemSpec<V> {
  value: Codec<V>;
  default?: V;
  docs?: string[];
}

abstract class StorageItem<V, D extends V | undefined> {
  readonly meta: StorageEntryMeta;
  protected readonly prefix: Uint8Array;
  protected readonly defaultValue: D;

  constructor(palletPrefix: string, name: string, keys: StorageEntryMeta['keys'], spec: ItemSpec<V>) {
    this.prefix = new Uint8Array([...twox128(palletPrefix), ...twox128(name)]);
    this.defaultValue = spec.default as D;
    this.meta = {
      name,
      modifier: spec.default === undefined ? 'Optional' : 'Default',
      keys,
      value: spec.value,
      fallback: spec.default === undefined ? new Uint8Array([0]) : encode(spec.value, spec.default),
      docs: spec.docs ?? [],
    };
  }

  /** `twox128(pallet) ++ twox128(item)`: the key of a value item, the prefix of a map's entries. */
  get prefixKey(): Uint8Array {
    return this.prefix;
  }

  protected read(state: StateReader, key: KeyString): V | D {
    const raw = state.get(key);
    return raw === undefined ? this.defaultValue : decode(this.meta.value as Codec<V>, raw);
  }

  protected write(state: OverlayState, key: KeyString, value: V): void {
    state.set(key, encode(this.meta.value as Codec<V>, value));
  }
}

/** `StorageValue<_, V>`. */
export class StorageValue<V, D extends V | undefined = V | undefined> extends StorageItem<V, D> {
  private readonly key: KeyString;

  constructor(palletPrefix: string, name: string, spec: ItemSpec<V>) {
    super(palletPrefix, name, [], spec);
    this.key = keyString(this.prefix);
  }

  get(state: StateReader): V | D {
    return this.read(state, this.key);
  }
  exists(state: StateReader): boolean {
    return state.get(this.key) !== undefined;
  }
  set(state: OverlayState, value: V): void {
    this.write(state, this.key, value);
  }
  kill(state: OverlayState): void {
    state.delete(this.key);
  }
  /** The raw key, for RPC and tests. */
  storageKey(): Uint8Array {
    return this.prefix;
  }
}

/** `StorageMap<_, Hasher, K, V>` and `StorageNMap` with one hasher per key part. */
export class StorageMap<K extends unknown[], V, D extends V | undefined = V | undefined> extends StorageItem<V, D> {
  constructor(palletPrefix: string, name: string, keys: { hasher: HasherName; codec: AnyCodec }[], spec: ItemSpec<V>) {
    super(palletPrefix, name, keys, spec);
  }

  /** The full storage key of one entry. */
  storageKey(...key: K): Uint8Array {
    const parts = this.meta.keys.map((k, i) => hashKey(k.hasher, encode(k.codec, key[i])));
    const out = new Uint8Array(this.prefix.length + parts.reduce((n, p) => n + p.length, 0));
    out.set(this.prefix);
    let o = this.prefix.length;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }

  /**
   * The state key of an entry. Hashing dominates hot paths (every balance read hashes the account), so keys of
   * single-key maps are memoized by their encoding, in a bounded cache.
   */
  private stateKey(key: K): KeyString {
    if (this.meta.keys.length !== 1) return keyString(this.storageKey(...key));
    const encoded = keyString(encode(this.meta.keys[0]!.codec, key[0]));
    let hit = this.keyCache.get(encoded);
    if (hit === undefined) {
      if (this.keyCache.size >= KEY_CACHE_ENTRIES) this.keyCache.clear();
      hit = keyString(this.storageKey(...key));
      this.keyCache.set(encoded, hit);
    }
    return hit;
  }
  private readonly keyCache = new Map<string, KeyString>();

  get(state: StateReader, ...key: K): V | D {
    return this.read(state, this.stateKey(key));
  }
  contains(state: StateReader, ...key: K): boolean {
    return state.get(this.stateKey(key)) !== undefined;
  }
  insert(state: OverlayState, value: V, ...key: K): void {
    this.write(state, this.stateKey(key), value);
  }
  remove(state: OverlayState, ...key: K): void {
    state.delete(this.stateKey(key));
  }

  /** Every entry, keys decoded (only for `*Concat`/`Identity` hashers). Not for use in calls: it scans. */
  entries(state: StateReader): [K, V][] {
    const prefix = keyString(this.prefix);
    return state.keysWithPrefix(prefix).map((k) => {
      const raw = Buffer.from(k, 'latin1');
      const r = new Reader(new Uint8Array(raw.buffer, raw.byteOffset + this.prefix.length, raw.length - this.prefix.length));
      const key = this.meta.keys.map(({ hasher, codec }) => {
        const skip = hashPrefixLength(hasher);
        if (skip === undefined) throw new Error(`${this.meta.name}: keys hashed with ${hasher} cannot be recovered`);
        r.take(skip);
        return codec.decodeFrom(r);
      }) as K;
      return [key, decode(this.meta.value as Codec<V>, state.get(k)!)];
    });
  }
}

/** Item constructors, bound to a pallet's storage prefix by `definePallet`. */
export const storage = {
  value<V, const S extends ItemSpec<V>>(spec: S & ItemSpec<V>) {
    return (prefix: string, name: string) =>
      new StorageValue<V, S['default'] extends V ? V : V | undefined>(prefix, name, spec);
  },
  map<K, V, const S extends ItemSpec<V>>(hasher: HasherName, key: Codec<K>, spec: S & ItemSpec<V>) {
    return (prefix: string, name: string) =>
      new StorageMap<[K], V, S['default'] extends V ? V : V | undefined>(prefix, name, [{ hasher, codec: key }], spec);
  },
  doubleMap<K1, K2, V, const S extends ItemSpec<V>>(
    k1: [HasherName, Codec<K1>],
    k2: [HasherName, Codec<K2>],
    spec: S & ItemSpec<V>,
  ) {
    return (prefix: string, name: string) =>
      new StorageMap<[K1, K2], V, S['default'] extends V ? V : V | undefined>(
        prefix,
        name,
        [{ hasher: k1[0], codec: k1[1] }, { hasher: k2[0], codec: k2[1] }],
        spec,
      );
  },
};

type ItemFactory = (prefix: string, name: string) => StorageValue<never, never> | StorageMap<never, never, never>;
export type StorageItems<F extends Record<string, (prefix: string, name: string) => unknown>> = { [K in keyof F]: ReturnType<F[K]> };

/** Binds item factories to a pallet prefix: `const Storage = defineStorage('System', { Account: storage.map(...) })`. */
export function defineStorage<F extends Record<string, (prefix: string, name: string) => unknown>>(
  palletPrefix: string,
  items: F,
): StorageItems<F> & { readonly [PALLET_PREFIX]: string } {
  const out: Record<string, unknown> = { [PALLET_PREFIX]: palletPrefix };
  for (const [name, make] of Object.entries(items)) out[name] = (make as unknown as ItemFactory)(palletPrefix, name);
  return out as StorageItems<F> & { readonly [PALLET_PREFIX]: string };
}
export const PALLET_PREFIX: unique symbol = Symbol('palletPrefix');

/** The metadata entries of a bound storage object, in declaration order. */
export function storageEntries(items: object): StorageEntryMeta[] {
  return Object.values(items)
    .filter((v): v is StorageItem<unknown, unknown> => v instanceof StorageItem)
    .map((v) => v.meta);
}
