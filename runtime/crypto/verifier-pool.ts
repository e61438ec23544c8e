/**
 * Parallel signature verification on `worker_threads`.
 *
 * Single `verify()` calls are coalesced until the next macrotask (setImmediate) and travel as
 * one packed, transferred batch. Batches wait in one queue and go to the least-loaded started
 * worker with fewer than PIPELINE_DEPTH in flight, which bounds memory for huge inputs and keeps
 * a slow worker from hoarding work. Batches orphaned by a dying worker are re-queued once, then
 * rejected; the worker is respawned (see ./worker-slot.ts). With every slot retired, or with
 * `threads: 0`, verification runs inline.
 */
import { availableParallelism } from 'node:os';
import { cryptoReady, verifySignature, type SignedItem } from './verify.ts';
import { WorkerSlot, type Job } from './worker-slot.ts';

const MAX_CHUNK = 1024; // items per message: big enough to amortise, small enough to pipeline
const PIPELINE_DEPTH = 2; // batches in flight per worker: one running, one ready to start
const FLUSH_AT = 4096; // coalesced singles that trigger an immediate flush
const MAX_ATTEMPTS = 2; // sends of one batch before it is rejected, so a poison batch cannot loop

interface Pending {
  item: SignedItem;
  resolve(valid: boolean): void;
  reject(error: Error): void;
}

function verifyInline(items: readonly SignedItem[]): Uint8Array {
  return Uint8Array.from(items, (item) => (verifySignature(item) ? 1 : 0));
}

/** Verifies signatures in parallel on worker threads (or inline with `threads: 0`). */
export class SignatureVerifierPool {
  private readonly slots: WorkerSlot[] = [];
  private readonly queue: Job[] = [];
  private pending: Pending[] = [];
  private flushScheduled = false;
  private closed = false;

  private constructor(readonly threads: number) {
    for (let i = 0; i < threads; i++) {
      this.slots.push(new WorkerSlot({ onCapacity: () => this.pump(), onOrphans: (jobs, reason) => this.requeue(jobs, reason) }));
    }
  }

  /** Starts `threads` workers (default: os.availableParallelism()) and waits until they are ready. */
  static async create(opts: { threads?: number } = {}): Promise<SignatureVerifierPool> {
    const pool = new SignatureVerifierPool(Math.max(0, Math.floor(opts.threads ?? availableParallelism())));
    await cryptoReady();
    try {
      await Promise.all(pool.slots.map((slot) => slot.start()));
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  /** Verifies one item; calls made in the same tick travel to the workers together. */
  verify(item: SignedItem): Promise<boolean> {
    if (this.closed) return Promise.reject(new Error('SignatureVerifierPool is closed'));
    if (this.threads === 0) return Promise.resolve(verifySignature(item));
    return new Promise<boolean>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.pending.length >= FLUSH_AT) this.flush();
      else if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Verifies many items, spread over the workers; answers in input order. */
  async verifyBatch(items: readonly SignedItem[]): Promise<boolean[]> {
    if (this.closed) throw new Error('SignatureVerifierPool is closed');
    if (this.threads === 0 || items.length === 0) return items.map(verifySignature);
    const parts = this.chunks(items).map((chunk) => this.submit(chunk));
    const out: boolean[] = [];
    for (const results of await Promise.all(parts)) for (const r of results) out.push(r === 1);
    return out;
  }

  /** Stops the workers; anything not yet answered is rejected. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const error = new Error('SignatureVerifierPool closed before the signature was verified');
    for (const p of this.pending.splice(0)) p.reject(error);
    for (const job of this.queue.splice(0)) job.reject(error);
    for (const slot of this.slots) {
      for (const job of slot.inflight.values()) job.reject(error);
      slot.inflight.clear();
    }
    await Promise.all(this.slots.map((slot) => slot.stop()));
  }

  /** Test hook: kills worker `index` the way a crash would, to exercise the retry path. */
  crashWorkerForTest(index: number, how: 'terminate' | 'throw' = 'terminate'): void {
    this.slots[index]?.kill(how);
  }

  /** Splits into about one chunk per thread, at most MAX_CHUNK items each. */
  private chunks<T>(items: readonly T[]): T[][] {
    const size = Math.min(MAX_CHUNK, Math.ceil(items.length / Math.max(1, this.threads)));
    const out: T[][] = [];
    for (let at = 0; at < items.length; at += size) out.push(items.slice(at, at + size));
    return out;
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.pending;
    this.pending = [];
    for (const group of this.chunks(batch)) {
      this.submit(group.map((p) => p.item)).then(
        (results) => group.forEach((p, i) => p.resolve(results[i] === 1)),
        (error: Error) => group.forEach((p) => p.reject(error)),
      );
    }
  }

  private submit(items: readonly SignedItem[]): Promise<Uint8Array> {
    return new Promise<Uint8Array>((resolve, reject) => {
      this.queue.push({ items, attempts: 0, resolve, reject });
      this.pump();
    });
  }

  /** Hands queued batches to workers with pipeline room, least-loaded first. */
  private pump(): void {
    while (this.queue.length > 0 && !this.closed) {
      const live = this.slots.filter((slot) => !slot.retired);
      if (live.length === 0) {
        for (const job of this.queue.splice(0)) job.resolve(verifyInline(job.items));
        return;
      }
      // A respawning worker gets work only when no started one exists (it would just queue it).
      const started = live.filter((slot) => slot.started);
      let target: WorkerSlot | undefined;
      for (const slot of started.length > 0 ? started : live) {
        if (slot.inflight.size < PIPELINE_DEPTH && (target === undefined || slot.load < target.load)) target = slot;
      }
      if (target === undefined) return; // all busy: the next answer pumps again
      target.send(this.queue.shift()!);
    }
  }

  private requeue(jobs: Job[], reason: string): void {
    if (this.closed) return;
    const retry: Job[] = [];
    for (const job of jobs) {
      if (job.attempts < MAX_ATTEMPTS) retry.push(job);
      else job.reject(new Error(`signature verifier worker died twice on this batch (${reason})`));
    }
    this.queue.unshift(...retry); // the oldest work goes first
    this.pump();
  }
}
