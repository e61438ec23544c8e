/**
 * Batches assembled ahead of time on a worker thread: while the trainer runs step s (onnxruntime's `run`
 * occupies the JS thread), the worker gathers the next steps, `chunk` steps per message (each message costs
 * the training thread tens of µs, a few % of a small model's step), keeping at least one chunk ahead of the
 * step asked for. The batches are exactly those of
 * createBatchSource with the same dataset, seed and batch size; if the worker fails, this falls back to
 * assembling them on the calling thread.
 */
import { Worker } from 'node:worker_threads';
import { tsxBootstrap } from '../../runtime/crypto/worker-spawn.ts';
import type { BatchRequest, BatchResponse } from './batch-worker.ts';
import { type Batch, type BatchSource, createBatchSource } from './batches.ts';
import type { TensorDataset } from './tds.ts';

const WORKER_URL = new URL('./batch-worker.ts', import.meta.url);

function shared(array: Float32Array | Uint8Array | Int32Array): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(array.byteLength);
  new Uint8Array(buffer).set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
  return buffer;
}

/** A prefetching batch source; call `close()` when training is done. */
export class BatchPrefetcher {
  /** Batches asked for and not yet handed out, by step. */
  private readonly pending = new Map<number, Promise<Batch>>();
  /** Resolvers of batches the worker has not answered yet, by step. */
  private readonly resolvers = new Map<number, (b: Batch) => void>();
  private failed = false;
  private outstanding = 0;
  /** Steps below this were asked for (a forward walk's next request starts here). */
  private requestedUntil = 0;

  private constructor(
    private readonly worker: Worker,
    private readonly local: BatchSource,
    private readonly chunk: number,
  ) {}

  /** Copies the dataset into shared memory once and starts the worker; batches are asked for `chunk` at a time. */
  static async start(ds: TensorDataset, seed: Uint8Array, batchSize: number, chunk = 8): Promise<BatchPrefetcher> {
    const local = createBatchSource(ds, seed, batchSize); // validates, and serves as the fallback
    const worker = new Worker(tsxBootstrap(WORKER_URL), { eval: true, execArgv: [] });
    const prefetcher = new BatchPrefetcher(worker, local, chunk);
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
    };
    worker.postMessage(init);
    await ready;
    worker.unref();
    return prefetcher;
  }

  /** The batch of global step `step`; also keeps the worker at least one chunk ahead of it. */
  readonly batch = (step: number): Batch | Promise<Batch> => {
    if (this.failed) return this.local.batch(step);
    // A step not in flight (the first, or a jump): a new run of chunks starts there.
    if (!this.pending.has(step)) this.request(step);
    const batch = this.pending.get(step)!;
    // Earlier steps will not be asked for again by a trainer walking forward; drop them with this one.
    for (const s of this.pending.keys()) if (s <= step) this.pending.delete(s);
    if (this.requestedUntil <= step + this.chunk) this.request(this.requestedUntil);
    return batch;
  };

  /** Stops the worker. */
  async close(): Promise<void> {
    this.failed = true;
    await this.worker.terminate();
  }

  /** Asks for steps `from … from+chunk-1` in one message. */
  private request(from: number): void {
    for (let s = from; s < from + this.chunk; s++) {
      if (!this.pending.has(s)) this.pending.set(s, new Promise<Batch>((resolve) => this.resolvers.set(s, resolve)));
    }
    this.requestedUntil = from + this.chunk;
    // Referenced only while a chunk is outstanding, so an idle prefetcher never keeps the process alive.
    if (this.outstanding++ === 0) this.worker.ref();
    this.worker.postMessage({ type: 'batch', step: from, count: this.chunk } satisfies BatchRequest);
  }

  private settle(m: Extract<BatchResponse, { type: 'batch' }>): void {
    m.xs.forEach((x, i) => {
      const step = m.step + i;
      this.resolvers.get(step)?.({ x: new Float32Array(x), y: new BigInt64Array(m.ys[i]!) });
      this.resolvers.delete(step);
    });
    if (--this.outstanding === 0) this.worker.unref();
  }

  private fallBack(): void {
    this.failed = true;
    for (const [step, resolve] of this.resolvers) resolve(this.local.batch(step));
    this.resolvers.clear();
  }
}
