/**
 * Installed filters (`eth_newFilter`, `eth_newBlockFilter`, `eth_newPendingTransactionFilter`): each keeps the
 * cursor of its last poll and expires after `ttlMs` without one (geth: 5 minutes). Pure bookkeeping; the handlers
 * in `eth-filters.ts` compute the changes.
 */
import { randomBytes } from 'node:crypto';
import type { LogFilter } from './logs.ts';

/** One installed filter. `next` is the first block number its next poll reports. */
export type InstalledFilter =
  | { kind: 'logs'; filter: LogFilter; next: number; lastPoll: number }
  | { kind: 'blocks'; next: number; lastPoll: number }
  | { kind: 'pending'; hashes: Uint8Array[]; lastPoll: number };

/** Options of {@link FilterManager}. */
export interface FilterOptions {
  /** A filter not polled for this long is removed; default 5 minutes. */
  ttlMs?: number;
  /** Most filters at once (all clients together); default 10,000. */
  maxFilters?: number;
  /** Pending hashes kept per filter between polls; default 10,000. */
  maxPending?: number;
  now?: () => number;
}

/** The node's installed filters. */
export class FilterManager {
  private readonly filters = new Map<string, InstalledFilter>();
  private readonly ttlMs: number;
  private readonly maxFilters: number;
  private readonly maxPending: number;
  private readonly now: () => number;

  constructor(opts: FilterOptions = {}) {
    this.ttlMs = opts.ttlMs ?? 5 * 60_000;
    this.maxFilters = opts.maxFilters ?? 10_000;
    this.maxPending = opts.maxPending ?? 10_000;
    this.now = opts.now ?? Date.now;
  }

  /** Number of live filters. */
  get size(): number {
    this.sweep();
    return this.filters.size;
  }

  /** Installs a log filter whose first poll reports blocks from `next` on. */
  newLogFilter(filter: LogFilter, next: number): string {
    return this.add({ kind: 'logs', filter, next, lastPoll: this.now() });
  }

  /** Installs a block filter reporting blocks after `bestNumber`. */
  newBlockFilter(bestNumber: number): string {
    return this.add({ kind: 'blocks', next: bestNumber + 1, lastPoll: this.now() });
  }

  /** Installs a pending-transaction filter. */
  newPendingFilter(): string {
    return this.add({ kind: 'pending', hashes: [], lastPoll: this.now() });
  }

  /** A live filter (its expiry restarts), or undefined for an unknown or expired id. */
  touch(id: string): InstalledFilter | undefined {
    this.sweep();
    const f = this.filters.get(id.toLowerCase());
    if (f) f.lastPoll = this.now();
    return f;
  }

  /** Removes a filter; false when there was none. */
  uninstall(id: string): boolean {
    return this.filters.delete(id.toLowerCase());
  }

  /** Records a new pending transaction in every pending filter. */
  pushPending(hash: Uint8Array): void {
    for (const f of this.filters.values()) {
      if (f.kind !== 'pending') continue;
      f.hashes.push(hash);
      if (f.hashes.length > this.maxPending) f.hashes.splice(0, f.hashes.length - this.maxPending);
    }
  }

  /** Drops filters not polled within the TTL. */
  sweep(): void {
    const cutoff = this.now() - this.ttlMs;
    for (const [id, f] of this.filters) if (f.lastPoll < cutoff) this.filters.delete(id);
  }

  private add(f: InstalledFilter): string {
    this.sweep();
    if (this.filters.size >= this.maxFilters) throw new Error(`too many filters installed (limit ${this.maxFilters})`);
    let id = `0x${randomBytes(16).toString('hex')}`;
    while (this.filters.has(id)) id = `0x${randomBytes(16).toString('hex')}`;
    this.filters.set(id, f);
    return id;
  }
}
