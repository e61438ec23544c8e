/**
 * Checkpoint uploads off the training thread. The trainer loop hands `onSegment` a snapshot of the state that
 * the background hasher already copied into one SharedArrayBuffer (training/background-hasher.ts); this passes
 * that buffer, without another copy, to a worker thread that computes the CID and uploads it
 * (checkpoint-upload-worker.ts). Any other state is concatenated and transferred. If the worker cannot start or
 * dies, uploads go through BlobBytes on the calling thread, with the same CIDs.
 */
import { Worker } from 'node:worker_threads';
import { tsxBootstrap } from '../../runtime/crypto/worker-spawn.ts';
import { BlobBytes } from './blobs.ts';
import type { UploadRequest, UploadResponse } from './checkpoint-upload-worker.ts';
import { stateToBytes } from './resume.ts';

const WORKER_URL = new URL('./checkpoint-upload-worker.ts', import.meta.url);

/** The one SharedArrayBuffer `state` exactly covers, in order, or undefined. */
function sharedSnapshot(state: readonly Float32Array[]): SharedArrayBuffer | undefined {
  const buffer = state[0]?.buffer;
  if (!(buffer instanceof SharedArrayBuffer)) return undefined;
  let at = 0;
  for (const t of state) {
    if (t.buffer !== buffer || t.byteOffset !== at) return undefined;
    at += t.byteLength;
  }
  return at === buffer.byteLength ? buffer : undefined;
}

/** Uploads state checkpoints to one node's blob store from a worker thread. */
export class CheckpointUploader {
  private readonly waiting = new Map<number, { resolve: (cid: string) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private failed = false;

  private constructor(private readonly inline: BlobBytes, private readonly worker: Worker | undefined) {}

  /** Starts the worker for the node serving `rpc`; resolves once it is ready (or fell back to this thread). */
  static async start(rpc: string): Promise<CheckpointUploader> {
    const inline = BlobBytes.fromRpcUrl(rpc);
    let worker: Worker;
    try {
      worker = new Worker(tsxBootstrap(WORKER_URL), { eval: true, execArgv: [] });
    } catch {
      return new CheckpointUploader(inline, undefined);
    }
    const uploader = new CheckpointUploader(inline, worker);
    await new Promise<void>((resolve) => {
      worker.on('message', (m: UploadResponse) => (m.type === 'ready' ? resolve() : uploader.settle(m)));
      const fail = (): void => {
        uploader.fallBack();
        resolve();
      };
      worker.on('error', fail);
      worker.on('exit', fail);
      worker.postMessage({ type: 'init', rpc } satisfies UploadRequest);
    });
    worker.unref();
    return uploader;
  }

  /** Uploads the state (weights, then optimizer state); resolves with its CID once the node has it. */
  put(state: readonly Float32Array[]): Promise<string> {
    if (this.worker === undefined || this.failed) return this.inline.put(stateToBytes(state));
    const shared = sharedSnapshot(state);
    const copy = shared === undefined ? (stateToBytes(state).buffer as ArrayBuffer) : undefined;
    const id = this.nextId++;
    const done = new Promise<string>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    // Keep the process alive only while an upload is outstanding.
    if (this.waiting.size === 1) this.worker.ref();
    this.worker.postMessage({ type: 'put', id, bytes: shared ?? copy! } satisfies UploadRequest, copy ? [copy] : []);
    return done;
  }

  /** Stops the worker (uploads still waiting are rejected). */
  async close(): Promise<void> {
    this.failed = true;
    await this.worker?.terminate();
  }

  private settle(m: Extract<UploadResponse, { type: 'put' }>): void {
    const w = this.waiting.get(m.id);
    this.waiting.delete(m.id);
    if (this.waiting.size === 0) this.worker?.unref();
    if (m.cid !== undefined) w?.resolve(m.cid);
    else w?.reject(new Error(m.error ?? 'checkpoint upload failed'));
  }

  private fallBack(): void {
    if (this.failed) return;
    this.failed = true;
    for (const { reject } of this.waiting.values()) reject(new Error('the checkpoint upload worker stopped'));
    this.waiting.clear();
  }
}
