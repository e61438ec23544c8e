/**
 * Worker-thread side of CheckpointUploader: copies a checkpoint out of its shared snapshot, computes its CID and
 * uploads it to the node's blob store (blobs.ts), so none of that runs on the training thread.
 *
 * Protocol: main → worker `{ type: 'init', rpc }` once, worker → main `{ type: 'ready' }`; then main → worker
 * `{ type: 'put', id, bytes }` (a SharedArrayBuffer snapshot, or an ArrayBuffer transferred), worker → main
 * `{ type: 'put', id, cid }` or `{ type: 'put', id, error }`.
 */
import { parentPort } from 'node:worker_threads';
import { BlobBytes } from './blobs.ts';

/** Messages to the worker. */
export type UploadRequest = { type: 'init'; rpc: string } | { type: 'put'; id: number; bytes: SharedArrayBuffer | ArrayBuffer };

/** Messages from the worker. */
export type UploadResponse = { type: 'ready' } | { type: 'put'; id: number; cid?: string; error?: string };

const port = parentPort;
if (port === null) throw new Error('checkpoint-upload-worker.ts must be started as a worker thread');

let blobs: BlobBytes | undefined;
port.on('message', (m: UploadRequest) => {
  if (m.type === 'init') {
    blobs = BlobBytes.fromRpcUrl(m.rpc);
    port.postMessage({ type: 'ready' } satisfies UploadResponse);
    return;
  }
  // A private copy: sockets and hashing want ordinary memory, and the snapshot is the trainer's.
  const bytes = new Uint8Array(m.bytes).slice();
  blobs!
    .put(bytes)
    .then((cid) => port.postMessage({ type: 'put', id: m.id, cid } satisfies UploadResponse))
    .catch((e: unknown) => port.postMessage({ type: 'put', id: m.id, error: (e as Error).message } satisfies UploadResponse));
});
