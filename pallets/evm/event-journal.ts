/**
 * Pallet events raised inside the EVM (by precompiles that dispatch pallet calls), buffered per EVM checkpoint:
 * a reverted frame drops its events with its writes, a committed one hands them to the frame below, and the
 * outermost commit replays them, in order, into the dispatch's context (none for read-only calls: discarded).
 */
import type { DispatchContext } from '../../runtime/framework/pallet.ts';

/** A buffered `ctx.deposit(events, event)`, replayed against the dispatch's context. */
type Deposit = (ctx: DispatchContext) => void;

export class EventJournal {
  private readonly pending: Deposit[] = [];
  /** `pending.length` when each open checkpoint began. */
  private readonly marks: number[] = [];

  /** Buffers one event in the innermost checkpoint. */
  push(deposit: Deposit): void {
    this.pending.push(deposit);
  }

  /** Events buffered so far, all checkpoints together (what `eventCount` reports). */
  get length(): number {
    return this.pending.length;
  }

  /** Drops events past `count` (a pallet call rolled back inside the current checkpoint). */
  truncate(count: number): void {
    // A call never truncates below the checkpoint it runs in: the EVM cannot close checkpoints during a dispatch.
    const floor = this.marks.at(-1) ?? 0;
    this.pending.length = Math.max(floor, Math.min(count, this.pending.length));
  }

  checkpoint(): void {
    this.marks.push(this.pending.length);
  }

  /** Closes the innermost checkpoint, keeping its events; at the outermost one, replays them into `sink`. */
  commit(sink: DispatchContext | undefined): void {
    this.marks.pop();
    if (this.marks.length > 0) return;
    const events = this.pending.splice(0);
    if (sink) for (const deposit of events) deposit(sink);
  }

  /** Closes the innermost checkpoint, dropping its events. */
  revert(): void {
    this.pending.length = this.marks.pop() ?? 0;
  }

  /** Forgets everything (after a VM error left checkpoints open). */
  reset(): void {
    this.pending.length = 0;
    this.marks.length = 0;
  }
}
