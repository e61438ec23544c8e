/**
 * Batches assembled ahead of time on a worker thread: while the trainer runs step s (onnxruntime's `run`
 * occupies the JS thread), the worker gathers the next steps, `chunk` steps per message (each message costs
 * the training thread tens of µs, a few % of a small model's step), keeping at least one chunk ahead of the
 * step asked for. The batches are exactly those of
 * createBatchSource with the same dataset, seed and batch size; if the worker fails, this falls back to
 * assembling them on the calling thread.
 *
 * The worker writes into a fixed ring of shared batch slots instead of sending new buffers: a fresh 200 KB
 * buffer per step, held for a few steps until used, outlived the young generation, so only full mark-compact
 * collections freed it; on MNIST-sized batches that was a major GC every ~25 steps and most of the trainer's
 * overhead over a bare onnxruntime loop. The price is a lifetime: a served batch is valid until the batch of
 * step + 3 is asked for (or the walk jumps), which a trainer asking for step s+1 while it runs step s respects.
 */
import { Worker } from 'node:worker_threads';
import { tsxBootstrap } from '../../runtime/crypto/worker-spawn.ts';
import type { BatchRequest, BatchResponse } from './batch-worker.ts';
import { type Batch, type BatchSource, batchSlots, createBatchSource, gathersByCopy } from './batches.ts';
import type { TensorDataset } from './tds.ts';

const WORKER_URL = new URL('./batch-worker.ts', import.meta.url);

function shared(array: Float32Array | Uint8Array | Int32Array): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(array.byteLength);
  new Uint8Array(buffer).set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
  return buffer;
}

/** A prefetching batch source; call `close()` when training is done. */
export class BatchPrefetcher {
  /** Steps asked of the worker and not yet handed out: a promise until their slot is written, then `true`. */
  private readonly pending = new Map<number, Promise<void> | true>();
  /** Resolvers of steps the worker has not answered yet. */
  private readonly resolvers = new Map<number, () => void>();
  private failed = false;
  private outstanding = 0;
  /** Steps below this were asked for (a forward walk's next request starts here). */
  private requestedUntil = 0;

  private constructor(
    /** Undefined when batches are assembled on this thread (see start()). */
    private readonly worker: Worker | undefined,
    private readonly local: BatchSource,
    private readonly chunk: number,
    /** Step t's batch lives in `slots[t % slots.length]` (shared with the worker). */
    private readonly slots: Batch[],
    /**
     * Step t is handed out in `own[t % 3]`: onnxruntime takes no SharedArrayBuffer-backed input, so the batch is
     * copied out of its slot (a memcpy, far cheaper than assembling it) into one of three buffers kept for good.
     */
    private readonly own: Batch[],
  ) {
    this.failed = worker === undefined;
  }

  /**
   * Copies the dataset into shared memory once and starts the worker; batches are asked for `chunk` at a time.
   * With `thread: 'auto'` (default) a dataset whose batches are plain copies of float32 rows (gathersByCopy) is
   * served from this thread instead: such a batch costs about what handing one over from the worker does
   * (one memcpy), without the worker's wake-ups, which on a busy machine preempt the training thread.
   */
  static async start(ds: TensorDataset, seed: Uint8Array, batchSize: number, chunk = 8, thread: 'auto' | 'worker' = 'auto'): Promise<BatchPrefetcher> {
    const local = createBatchSource(ds, seed, batchSize); // validates, and serves as the fallback
    const width = ds.featureShape.reduce((a, b) => a * b, 1);
    const own = Array.from({ length: 3 }, () => ({ x: new Float32Array(batchSize * width), y: new BigInt64Array(batchSize) }));
    if (thread === 'auto' && gathersByCopy(ds)) return new BatchPrefetcher(undefined, local, chunk, [], own);
    // A forward walk has at most 2·chunk + 1 steps between the one in use and the last one asked for (see batch()).
    const slotCount = 2 * chunk + 2;
    const slotFeatures = new SharedArrayBuffer(slotCount * batchSize * width * 4);
    const slotLabels = new SharedArrayBuffer(slotCount * batchSize * 8);
    const worker = new Worker(tsxBootstrap(WORKER_URL), { eval: true, execArgv: [] });
    const prefetcher = new BatchPrefetcher(worker, local, chunk, batchSlots(slotFeatures, slotLabels, slotCount, batchSize), own);
    const ready = new Promise<void>((resolve) => {
      worker.on('message', (m: BatchResponse) => (m.type === 'ready' ? resolve() : prefetcher.settle(m)));
      // A dead worker is replaced by the calling thread, so training goes on with the same batches.
      const fail = (): void => {
        prefetcher.fallBack();
        resolve();
      };
      worker.on('error', fail);
      worker.on('exit', fail);
    });
    const init: BatchRequest = {
      type: 'init',
      features: shared(ds.features),
      featureDtype: ds.features instanceof Float32Array ? 'float32' : 'uint8',
      labels: shared(ds.labels),
      labelDtype: ds.labels instanceof Int32Array ? 'int32' : 'uint8',
      count: ds.count,
      featureShape: ds.featureShape,
      classes: ds.classes,
      seed,
      batchSize,
      slotFeatures,
      slotLabels,
      slots: slotCount,
    };
    worker.postMessage(init);
    await ready;
    worker.unref();
    return prefetcher;
  }

  /**
   * The batch of global step `step`; also keeps the worker at least one chunk ahead of it. Its arrays are reused:
   * valid until the batch of `step + 3` is asked for. Synchronous when the worker is ahead.
   */
  readonly batch = (step: number): Batch | Promise<Batch> => {
    if (this.failed) return this.assemble(step);
    // A step not in flight (the first, or a jump): a new run of chunks starts there; the old walk's steps, which
    // share its slots, are not served any more. Slots are written in request order, so the worker finishes the
    // old walk's writes before it answers for the new one.
    if (!this.pending.has(step)) {
      this.pending.clear();
      this.request(step);
    }
    const written = this.pending.get(step)!;
    // Earlier steps will not be asked for again by a trainer walking forward; drop them with this one.
    for (const s of this.pending.keys()) if (s <= step) this.pending.delete(s);
    if (this.requestedUntil <= step + this.chunk) this.request(this.requestedUntil);
    return written === true ? this.copyOut(step) : written.then(() => this.copyOut(step));
  };

  /** Stops the worker. */
  async close(): Promise<void> {
    this.failed = true;
    await this.worker?.terminate();
  }

  /**
   * Asks for steps `from … from+chunk-1` in one message. Called by batch(t) only with `from <= t + chunk`, so the
   * worker writes steps up to t + 2·chunk - 1, whose slots last held steps up to t - 3: none still in use.
   */
  private request(from: number): void {
    for (let s = from; s < from + this.chunk; s++) {
      if (!this.pending.has(s)) this.pending.set(s, new Promise<void>((resolve) => this.resolvers.set(s, resolve)));
    }
    this.requestedUntil = from + this.chunk;
    // Referenced only while a chunk is outstanding, so an idle prefetcher never keeps the process alive.
    if (this.outstanding++ === 0) this.worker!.ref();
    this.worker!.postMessage({ type: 'batch', step: from, count: this.chunk } satisfies BatchRequest);
  }

  /** Step `step`'s batch assembled on this thread, in the buffer it is handed out in. */
  private assemble(step: number): Batch {
    const own = this.own[step % this.own.length]!;
    this.local.fill(step, own);
    return own;
  }

  /** Step `step`'s batch in a buffer of this thread (assembled here once the worker is gone). */
  private copyOut(step: number): Batch {
    if (this.failed) return this.assemble(step);
    const slot = this.slots[step % this.slots.length]!;
    const own = this.own[step % this.own.length]!;
    own.x.set(slot.x);
    own.y.set(slot.y);
    return own;
  }

  private settle(m: Extract<BatchResponse, { type: 'batch' }>): void {
    for (let step = m.step; step < m.step + m.count; step++) {
      if (this.pending.has(step)) this.pending.set(step, true);
      this.resolvers.get(step)?.();
      this.resolvers.delete(step);
    }
    if (--this.outstanding === 0) this.worker!.unref();
  }

  private fallBack(): void {
    this.failed = true;
    for (const resolve of this.resolvers.values()) resolve();
    this.resolvers.clear();
  }
}
