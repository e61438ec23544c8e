/**
 * The runtime's view of state: a read-only base (the parent block's state) under a stack of write layers.
 * One layer per block, one more per extrinsic and per nested dispatch: a failed call is rolled back by dropping
 * its layer, so it leaves state byte-identical (FRAME's `#[transactional]` semantics).
 */

/** Storage keys inside the runtime are latin1 strings: one char per byte, so string order is byte order. */
export type KeyString = string;
export const keyString = (key: Uint8Array): KeyString => Buffer.from(key.buffer, key.byteOffset, key.byteLength).toString('latin1');
export const keyBytes = (key: KeyString): Uint8Array => new Uint8Array(Buffer.from(key, 'latin1'));

/** What the runtime reads from: a state snapshot. */
export interface StateReader {
  get(key: KeyString): Uint8Array | undefined;
  /** Keys with this prefix in byte order (used only by rare, whitelisted calls such as `kill_prefix`). */
  keysWithPrefix(prefix: KeyString): KeyString[];
}

/** A change set: value, or `null` for a deletion. */
export type ChangeSet = Map<KeyString, Uint8Array | null>;

/** Layers are bounded so a runaway recursion of nested calls cannot exhaust memory (FRAME's TRANSACTIONAL_LIMIT). */
const MAX_LAYERS = 255;

export class OverlayState implements StateReader {
  private readonly layers: ChangeSet[] = [new Map()];

  /** `maxLayers` bounds the nesting (default 255); the EVM adapter needs ~1024 for its call-depth checkpoints. */
  constructor(
    private readonly base: StateReader,
    private readonly maxLayers: number = MAX_LAYERS,
  ) {}

  get depth(): number {
    return this.layers.length;
  }

  get(key: KeyString): Uint8Array | undefined {
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const v = this.layers[i]!.get(key);
      if (v !== undefined) return v ?? undefined;
    }
    return this.base.get(key);
  }

  set(key: KeyString, value: Uint8Array): void {
    this.layers[this.layers.length - 1]!.set(key, value);
  }

  delete(key: KeyString): void {
    this.layers[this.layers.length - 1]!.set(key, null);
  }

  keysWithPrefix(prefix: KeyString): KeyString[] {
    const keys = new Set(this.base.keysWithPrefix(prefix));
    for (const layer of this.layers) {
      for (const [k, v] of layer) {
        if (!k.startsWith(prefix)) continue;
        if (v === null) keys.delete(k);
        else keys.add(k);
      }
    }
    return [...keys].sort();
  }

  /** Opens a transactional layer. Returns false when the nesting limit is reached. */
  begin(): boolean {
    if (this.layers.length >= this.maxLayers) return false;
    this.layers.push(new Map());
    return true;
  }

  commit(): void {
    if (this.layers.length < 2) throw new Error('commit without an open layer');
    const top = this.layers.pop()!;
    const below = this.layers[this.layers.length - 1]!;
    for (const [k, v] of top) below.set(k, v);
  }

  rollback(): void {
    if (this.layers.length < 2) throw new Error('rollback without an open layer');
    this.layers.pop();
  }

  /** The block's changes against the base, once every nested layer is closed. */
  changes(): ChangeSet {
    if (this.layers.length !== 1) throw new Error(`${this.layers.length - 1} transactional layers still open`);
    return this.layers[0]!;
  }
}

/** An in-memory snapshot: the full state of one block, as a map. Used for the best block and for tests. */
export class MemoryState implements StateReader {
  constructor(readonly entries: Map<KeyString, Uint8Array> = new Map()) {}

  get(key: KeyString): Uint8Array | undefined {
    return this.entries.get(key);
  }

  keysWithPrefix(prefix: KeyString): KeyString[] {
    const out: KeyString[] = [];
    for (const k of this.entries.keys()) if (k.startsWith(prefix)) out.push(k);
    return out.sort();
  }

  /** Applies a block's change set in place. */
  apply(changes: ChangeSet): void {
    for (const [k, v] of changes) {
      if (v === null) this.entries.delete(k);
      else this.entries.set(k, v);
    }
  }

  clone(): MemoryState {
    return new MemoryState(new Map(this.entries));
  }
}
