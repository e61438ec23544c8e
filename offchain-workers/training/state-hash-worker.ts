/**
 * Worker-thread side of BackgroundHasher: hashes state snapshots on another core while the training thread runs
 * the next steps (onnxruntime's `run` occupies the JS thread that calls it, so nothing else overlaps it there).
 *
 * Protocol: worker → main `{ type: 'ready' }` once; main → worker `{ id, buffer }` with a SharedArrayBuffer
 * snapshot; worker → main `{ type: 'hash', id, hash }`.
 */
import { parentPort } from 'node:worker_threads';
import { blake2b256, hashReady } from './state-hash.ts';

/** A snapshot to hash. */
export interface HashRequest {
  id: number;
  buffer: SharedArrayBuffer;
}

/** Messages the worker posts to its parent. */
export type HashResponse = { type: 'ready' } | { type: 'hash'; id: number; hash: Uint8Array };

const port = parentPort;
if (port === null) throw new Error('state-hash-worker.ts must be started as a worker thread');

await hashReady();
port.on('message', (request: HashRequest) => {
  const response: HashResponse = { type: 'hash', id: request.id, hash: blake2b256(new Uint8Array(request.buffer)) };
  port.postMessage(response);
});
port.postMessage({ type: 'ready' } satisfies HashResponse);
