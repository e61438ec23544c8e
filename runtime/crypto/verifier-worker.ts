/**
 * Worker-thread side of SignatureVerifierPool: receives packed batches, answers with one byte
 * per item (1 = valid), transferring the result buffer back.
 *
 * Protocol: main → worker `{ id, buffer }`; worker → main `{ type: 'ready' }` once, then
 * `{ type: 'result', id, results }`. A malformed request throws, which ends the thread; the pool
 * treats that like any other crash.
 */
import { parentPort } from 'node:worker_threads';
import { unpackBatch } from './batch-codec.ts';
import { cryptoReady, verifySignature } from './verify.ts';

/** A batch to verify. */
export interface VerifyRequest {
  id: number;
  buffer: ArrayBuffer;
}

/** Messages a verifier worker posts to its parent. */
export type VerifyResponse = { type: 'ready' } | { type: 'result'; id: number; results: ArrayBuffer };

const port = parentPort;
if (port === null) throw new Error('verifier-worker.ts must be started as a worker thread');

function handle(request: VerifyRequest): void {
  if (typeof request.id !== 'number' || !(request.buffer instanceof ArrayBuffer)) {
    throw new Error('verifier-worker: malformed request');
  }
  const items = unpackBatch(request.buffer);
  const results = new Uint8Array(items.length);
  for (let i = 0; i < items.length; i++) results[i] = verifySignature(items[i]!) ? 1 : 0;
  const response: VerifyResponse = { type: 'result', id: request.id, results: results.buffer };
  port!.postMessage(response, [results.buffer]);
}

let initialised = false;
const queued: VerifyRequest[] = [];

// Listen at once so no request is lost while the wasm initialises; serve them after.
port.on('message', (request: VerifyRequest) => {
  if (initialised) handle(request);
  else queued.push(request);
});

await cryptoReady();
initialised = true;
port.postMessage({ type: 'ready' } satisfies VerifyResponse);
for (const request of queued.splice(0)) handle(request);
