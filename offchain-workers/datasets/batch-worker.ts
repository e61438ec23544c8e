/**
 * Worker-thread side of BatchPrefetcher: assembles batches (gather rows in the seeded order, uint8 → v/255)
 * on another core while the training thread is inside onnxruntime's `run`.
 *
 * Protocol: main → worker `{ type: 'init', … }` once (the dataset in SharedArrayBuffers), worker → main
 * `{ type: 'ready' }`; then main → worker `{ type: 'batch', step, count }` for steps `step … step+count-1`, worker →
 * main `{ type: 'batch', step, xs, ys }` with every buffer transferred (one message per chunk of steps: a message
 * costs the training thread more than a batch's bytes).
 */
import { parentPort } from 'node:worker_threads';
import { type BatchSource, createBatchSource } from './batches.ts';

/** Messages to the worker. */
export type BatchRequest =
  | {
      type: 'init';
      features: SharedArrayBuffer;
      featureDtype: 'float32' | 'uint8';
      labels: SharedArrayBuffer;
      labelDtype: 'uint8' | 'int32';
      count: number;
      featureShape: number[];
      classes: number;
      seed: Uint8Array;
      batchSize: number;
    }
  | { type: 'batch'; step: number; count: number };

/** Messages from the worker. */
export type BatchResponse = { type: 'ready' } | { type: 'batch'; step: number; xs: ArrayBuffer[]; ys: ArrayBuffer[] };

const port = parentPort;
if (port === null) throw new Error('batch-worker.ts must be started as a worker thread');

let source: BatchSource | undefined;
port.on('message', (m: BatchRequest) => {
  if (m.type === 'init') {
    const features = m.featureDtype === 'float32' ? new Float32Array(m.features) : new Uint8Array(m.features);
    const labels = m.labelDtype === 'int32' ? new Int32Array(m.labels) : new Uint8Array(m.labels);
    source = createBatchSource({ count: m.count, featureShape: m.featureShape, features, labels, classes: m.classes }, m.seed, m.batchSize);
    port.postMessage({ type: 'ready' } satisfies BatchResponse);
    return;
  }
  if (source === undefined) throw new Error('batch-worker: batch requested before init');
  const batches = Array.from({ length: m.count }, (_, i) => source!.batch(m.step + i));
  const response: BatchResponse = { type: 'batch', step: m.step, xs: batches.map((b) => b.x.buffer as ArrayBuffer), ys: batches.map((b) => b.y.buffer as ArrayBuffer) };
  port.postMessage(response, [...response.xs, ...response.ys]);
});
