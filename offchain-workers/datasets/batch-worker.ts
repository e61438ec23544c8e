/**
 * Worker-thread side of BatchPrefetcher: assembles batches (gather rows in the seeded order, uint8 → v/255)
 * on another core while the training thread is inside onnxruntime's `run`.
 *
 * Protocol: main → worker `{ type: 'init', … }` once (the dataset and a ring of batch slots, all in
 * SharedArrayBuffers), worker → main `{ type: 'ready' }`; then main → worker `{ type: 'batch', step, count }` for
 * steps `step … step+count-1`, worker → main `{ type: 'batch', step, count }` once step t's batch is in slot
 * `t % slots` (one message per chunk of steps: a message costs the training thread more than a batch's bytes).
 * The main thread asks only for steps whose slot it no longer reads, so no buffer changes hands per step.
 */
import { parentPort } from 'node:worker_threads';
import { type Batch, type BatchSource, batchSlots, createBatchSource } from './batches.ts';

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
      /** The ring: `slots` feature batches (float32) and label batches (int64), back to back. */
      slotFeatures: SharedArrayBuffer;
      slotLabels: SharedArrayBuffer;
      slots: number;
    }
  | { type: 'batch'; step: number; count: number };

/** Messages from the worker. */
export type BatchResponse = { type: 'ready' } | { type: 'batch'; step: number; count: number };

const port = parentPort;
if (port === null) throw new Error('batch-worker.ts must be started as a worker thread');

let source: BatchSource | undefined;
let slots: Batch[] = [];
port.on('message', (m: BatchRequest) => {
  if (m.type === 'init') {
    const features = m.featureDtype === 'float32' ? new Float32Array(m.features) : new Uint8Array(m.features);
    const labels = m.labelDtype === 'int32' ? new Int32Array(m.labels) : new Uint8Array(m.labels);
    source = createBatchSource({ count: m.count, featureShape: m.featureShape, features, labels, classes: m.classes }, m.seed, m.batchSize);
    slots = batchSlots(m.slotFeatures, m.slotLabels, m.slots, m.batchSize);
    port.postMessage({ type: 'ready' } satisfies BatchResponse);
    return;
  }
  if (source === undefined) throw new Error('batch-worker: batch requested before init');
  for (let step = m.step; step < m.step + m.count; step++) source.fill(step, slots[step % slots.length]!);
  port.postMessage({ type: 'batch', step: m.step, count: m.count } satisfies BatchResponse);
});
