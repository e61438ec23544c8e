/**
 * Runs a synchronous runtime read (`(state) => T`, as the EVM pallets' API takes) against an old block without
 * materializing its whole state: the read runs on a reader that records the keys it misses, those keys are fetched
 * from the trie, and the read runs again until it misses nothing. Reads touch a handful of keys, so this costs a
 * few trie lookups instead of a full state copy.
 */
import type { StateView } from '../../node/chain-api.ts';
import { keyBytes, type KeyString, type StateReader } from '../../runtime/state/overlay.ts';

/** Rounds before giving up (each round follows reads that depend on values of the previous one). */
const MAX_ROUNDS = 8;

/** Thrown when the read cannot be answered this way (it lists keys by prefix); the caller falls back. */
export class LazyStateUnsupported extends Error {
  constructor() {
    super('prefix iteration on a lazily fetched state');
    this.name = 'LazyStateUnsupported';
  }
}

class RecordingReader implements StateReader {
  readonly missing = new Set<KeyString>();
  constructor(private readonly known: Map<KeyString, Uint8Array | undefined>) {}

  get(key: KeyString): Uint8Array | undefined {
    if (this.known.has(key)) return this.known.get(key);
    this.missing.add(key);
    return undefined;
  }

  keysWithPrefix(): KeyString[] {
    throw new LazyStateUnsupported();
  }
}

/**
 * `read` evaluated on the state of `view`'s block. Errors thrown while keys were still missing are retried with
 * those keys; an error on complete data propagates.
 */
export async function readLazily<T>(view: StateView, read: (state: StateReader) => T): Promise<T> {
  const known = new Map<KeyString, Uint8Array | undefined>();
  for (let round = 0; ; round++) {
    const reader = new RecordingReader(known);
    let result: T | undefined;
    let error: unknown;
    let failed = false;
    try {
      result = read(reader);
    } catch (e) {
      if (e instanceof LazyStateUnsupported) throw e;
      failed = true;
      error = e;
    }
    if (reader.missing.size === 0) {
      if (failed) throw error;
      return result as T;
    }
    if (round >= MAX_ROUNDS) throw new LazyStateUnsupported();
    const keys = [...reader.missing];
    const values = await Promise.all(keys.map((k) => view.get(keyBytes(k))));
    keys.forEach((k, i) => known.set(k, values[i]));
  }
}
