/**
 * One verifier worker thread and the batches it owes answers for. When the thread dies the
 * slot hands its unanswered batches back to the pool and starts a replacement; after
 * MAX_EARLY_DEATHS consecutive deaths before a worker reported ready, it retires instead (a
 * worker that cannot start would otherwise respawn forever).
 */
import { Worker } from 'node:worker_threads';
import { packBatch } from './batch-codec.ts';
import type { SignedItem } from './verify.ts';
import type { VerifyRequest, VerifyResponse } from './verifier-worker.ts';
import { verifierWorkerSpawn } from './worker-spawn.ts';

const MAX_EARLY_DEATHS = 3;

/** A batch travelling to a worker; `attempts` counts how often it was sent. */
export interface Job {
  items: readonly SignedItem[];
  attempts: number;
  resolve(results: Uint8Array): void;
  reject(error: Error): void;
}

/** What a slot tells its pool. */
export interface SlotEvents {
  /** A batch was answered or a worker became ready: there may be room for more work. */
  onCapacity(): void;
  /** The worker died; these batches were not answered. */
  onOrphans(jobs: Job[], reason: string): void;
}

/** A respawning worker thread with its in-flight batches. */
export class WorkerSlot {
  readonly inflight = new Map<number, Job>();
  /** Items in flight. */
  load = 0;
  started = false;
  retired = false;
  private worker: Worker | undefined;
  private earlyDeaths = 0;
  private lastError: Error | undefined;
  private stopped = false;
  private nextId = 1;

  constructor(private readonly events: SlotEvents) {}

  /** Spawns the worker; resolves once it is ready, rejects if it dies first. */
  start(): Promise<void> {
    const { source, options } = verifierWorkerSpawn();
    const worker = new Worker(source, options);
    this.worker = worker;
    this.started = false;
    return new Promise<void>((resolve, reject) => {
      worker.on('message', (message: VerifyResponse) => {
        if (message.type === 'ready') {
          this.started = true;
          this.earlyDeaths = 0;
          if (this.inflight.size === 0) worker.unref(); // an idle pool must not keep the process alive
          resolve();
        } else {
          const job = this.inflight.get(message.id);
          if (job === undefined) return;
          this.inflight.delete(message.id);
          this.load -= job.items.length;
          if (this.inflight.size === 0) worker.unref();
          job.resolve(new Uint8Array(message.results));
        }
        this.events.onCapacity();
      });
      worker.on('error', (error: Error) => {
        this.lastError = error;
      });
      worker.on('exit', (code: number) => {
        if (this.worker !== worker) return;
        const reason = this.lastError?.message ?? `exit code ${code}`;
        if (!this.started) reject(new Error(`signature verifier worker failed to start: ${reason}`));
        if (!this.stopped) this.died(reason);
      });
    });
  }

  /** Packs `job` and transfers it to the worker. */
  send(job: Job): void {
    const worker = this.worker!;
    job.attempts++;
    const id = this.nextId++;
    const buffer = packBatch(job.items);
    this.inflight.set(id, job);
    this.load += job.items.length;
    worker.ref(); // keep the process alive while answers are owed
    worker.postMessage({ id, buffer } satisfies VerifyRequest, [buffer]);
  }

  /** Terminates the worker for good; in-flight batches are the caller's to settle. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.worker?.terminate();
  }

  /** Test hook: ends the worker abruptly, or makes it throw on a malformed request. */
  kill(how: 'terminate' | 'throw'): void {
    if (how === 'terminate') void this.worker?.terminate();
    else this.worker?.postMessage({ id: 'not-a-request' });
  }

  private died(reason: string): void {
    const orphans = [...this.inflight.values()];
    this.inflight.clear();
    this.load = 0;
    this.lastError = undefined;
    if (!this.started) this.earlyDeaths++;
    if (this.earlyDeaths >= MAX_EARLY_DEATHS) this.retired = true;
    else this.start().catch(() => undefined); // a failed restart is handled by its own exit event
    this.events.onOrphans(orphans, reason);
  }
}
