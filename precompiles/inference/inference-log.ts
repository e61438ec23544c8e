/**
 * An in-memory {@link InferenceLog} for one block: the EVM pallet can keep one per block (record on the author,
 * replay from the author's entries on import) and serialise `entries()` into the block's body or state.
 */
import type { InferenceKey, InferenceLog, InferenceRecord } from './host.ts';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** A log entry with its key. */
export interface InferenceLogEntry extends InferenceKey, InferenceRecord {}

/** The log as a Map keyed by `modelHash ‖ inputHash`, in insertion order. */
export class MemoryInferenceLog implements InferenceLog {
  private readonly map = new Map<string, InferenceLogEntry>();

  constructor(
    readonly mode: 'record' | 'replay' = 'record',
    entries: readonly InferenceLogEntry[] = [],
  ) {
    for (const e of entries) this.map.set(hex(e.modelHash) + hex(e.inputHash), e);
  }

  get(key: InferenceKey): InferenceRecord | undefined {
    return this.map.get(hex(key.modelHash) + hex(key.inputHash));
  }

  put(key: InferenceKey, record: InferenceRecord): void {
    const k = hex(key.modelHash) + hex(key.inputHash);
    if (this.mode === 'record' && !this.map.has(k)) this.map.set(k, { ...key, ...record });
  }

  /** The entries, in the order they were first recorded. */
  entries(): InferenceLogEntry[] {
    return [...this.map.values()];
  }

  /** The same entries in a `replay` log, as an importing node would receive them. */
  toReplay(): MemoryInferenceLog {
    return new MemoryInferenceLog('replay', this.entries());
  }
}
