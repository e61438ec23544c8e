/** Rough heap cost of one entry beyond its value bytes: Map slot, key string, typed-array object. */
const ENTRY_OVERHEAD = 160;

/**
 * Byte-budgeted LRU over a `Map` (whose iteration order is insertion order, so
 * the first key is always the least recently used). Each entry is charged its
 * value length plus a fixed overhead, so the budget approximates real heap use.
 * Values are immutable byte arrays; callers must not mutate what they put or get.
 */
export class LruCache {
  private readonly map = new Map<string, Uint8Array>();
  private bytes = 0;
  /** Lookup counters, for benchmarks and tuning. */
  readonly counters = { hits: 0, misses: 0, evictions: 0 };

  /** @param maxBytes approximate heap bytes kept before evicting. */
  constructor(readonly maxBytes: number) {}

  /** Number of entries. */
  get size(): number {
    return this.map.size;
  }

  /** Approximate heap bytes held. */
  get byteSize(): number {
    return this.bytes;
  }

  /** Returns the value and marks it most recently used. */
  get(key: string): Uint8Array | undefined {
    const value = this.map.get(key);
    if (value === undefined) {
      this.counters.misses++;
      return undefined;
    }
    this.counters.hits++;
    // Re-insert to move the key to the most-recent end.
    this.map.delete(key);
    this.map.set(key, value);
    return value;
  }

  /** Inserts or refreshes `key`, evicting least recently used entries over budget. */
  set(key: string, value: Uint8Array): void {
    const old = this.map.get(key);
    if (old !== undefined) {
      this.bytes -= old.length + ENTRY_OVERHEAD;
      this.map.delete(key);
    }
    if (value.length + ENTRY_OVERHEAD > this.maxBytes) return;
    this.map.set(key, value);
    this.bytes += value.length + ENTRY_OVERHEAD;
    if (this.bytes > this.maxBytes) this.evict();
  }

  /** Drops everything. */
  clear(): void {
    this.map.clear();
    this.bytes = 0;
  }

  private evict(): void {
    for (const [key, value] of this.map) {
      if (this.bytes <= this.maxBytes) break;
      this.map.delete(key);
      this.bytes -= value.length + ENTRY_OVERHEAD;
      this.counters.evictions++;
    }
  }
}
