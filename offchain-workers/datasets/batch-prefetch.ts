/**
 * Batches assembled ahead of time on a worker thread: while the trainer runs step s (onnxruntime's `run`
 * occupies the JS thread), the worker gathers steps s+1…s+depth. The batches are exactly those of
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

  private constructor(
    private readonly worker: Worker,
    private readonly local: BatchSource,
    private readonly depth: number,
  ) {}

  /** Copies the dataset into shared memory once and starts the worker; `depth` batches are kept in flight. */
  static async start(ds: TensorDataset, seed: Uint8Array, batchSize: number, depth = 2): Promise<BatchPrefetcher> {
    const local = createBatchSource(ds, seed, batchSize); // validates, and serves as the fallback
    const worker = new Worker(tsxBootstrap(WORKER_URL), { eval: true, execArgv: [] });
    const prefetcher = new BatchPrefetcher(worker, local, depth);
    const ready = new Promise<void>((resolve) => {
      worker.on('message', (m: BatchResponse) => (m.type === 'ready' ? resolve() : prefetcher.settle(m.step, m)));
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

  /** The batch of global step `step`; also asks the worker for the next `depth` steps. */
  readonly batch = (step: number): Batch | Promise<Batch> => {
    if (this.failed) return this.local.batch(step);
    const batch = this.request(step);
    // Earlier steps will not be asked for again by a trainer walking forward; drop them with this one.
    for (const s of this.pending.keys()) if (s <= step) this.pending.delete(s);
    for (let ahead = 1; ahead <= this.depth; ahead++) this.request(step + ahead);
    return batch;
  };

  /** Stops the worker. */
  async close(): Promise<void> {
    this.failed = true;
    await this.worker.terminate();
  }

  private request(step: number): Promise<Batch> {
    const known = this.pending.get(step);
    if (known !== undefined) return known;
    const promise = new Promise<Batch>((resolve) => this.resolvers.set(step, resolve));
    this.pending.set(step, promise);
    // Referenced only while a batch is outstanding, so an idle prefetcher never keeps the process alive.
    if (this.outstanding++ === 0) this.worker.ref();
    this.worker.postMessage({ type: 'batch', step } satisfies BatchRequest);
    return promise;
  }

  private settle(step: number, m: Extract<BatchResponse, { type: 'batch' }>): void {
    this.resolvers.get(step)?.({ x: new Float32Array(m.x), y: new BigInt64Array(m.y) });
    this.resolvers.delete(step);
    if (--this.outstanding === 0) this.worker.unref();
  }

  private fallBack(): void {
    this.failed = true;
    for (const [step, resolve] of this.resolvers) resolve(this.local.batch(step));
    this.resolvers.clear();
  }
}
