/**
 * State commitments off the training thread: `snapshot()` copies the state once into a SharedArrayBuffer and a
 * worker thread hashes it (blake2b-256, same bytes and digest as StateHasher) while training goes on. If the
 * worker cannot start, hashing falls back to the calling thread, with the same results.
 */
import { Worker } from 'node:worker_threads';
import { tsxBootstrap } from '../../runtime/crypto/worker-spawn.ts';
import { blake2b256, hashReady } from './state-hash.ts';
import type { HashRequest, HashResponse } from './state-hash-worker.ts';

/** A copy of the state and its hash to come. */
export interface StateSnapshot {
  /** Views over the copy, one per tensor (weights, then optimizer state). */
  state: Float32Array[];
  /** The one buffer under `state`; hand it back to its {@link SnapshotPool} once nothing reads it any more. */
  buffer: SharedArrayBuffer;
  hash: Promise<Uint8Array>;
}

/**
 * Snapshot buffers for reuse by one owner (one training loop). A fresh SharedArrayBuffer of a megabyte costs
 * about 20 times the copy into it (zero-filled pages, first-touch faults, GC accounting), which at k = 20 was
 * most of the commitment overhead of a small model; a loop needs only as many as are in flight.
 */
export class SnapshotPool {
  private readonly free: SharedArrayBuffer[] = [];

  /** A buffer of `byteLength` bytes: a released one if there is one, else a new one. */
  take(byteLength: number): SharedArrayBuffer {
    const reused = this.free.pop();
    return reused !== undefined && reused.byteLength === byteLength ? reused : new SharedArrayBuffer(byteLength);
  }

  /** Hands `buffer` back: the caller guarantees nothing reads or keeps it any more. */
  release(buffer: SharedArrayBuffer): void {
    this.free.push(buffer);
  }
}

const WORKER_URL = new URL('./state-hash-worker.ts', import.meta.url);

/** One hashing worker per process, started on first use. */
export class BackgroundHasher {
  private static instance: BackgroundHasher | undefined;
  private readonly worker: Worker | undefined;
  private readonly waiting = new Map<number, { resolve: (hash: Uint8Array) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private failed: Error | undefined;

  private constructor(private readonly ready: Promise<void>, worker?: Worker) {
    this.worker = worker;
  }

  /** The process-wide hasher (starts its worker the first time; the worker never keeps the process alive). */
  static async shared(): Promise<BackgroundHasher> {
    BackgroundHasher.instance ??= BackgroundHasher.start();
    await BackgroundHasher.instance.ready.catch(() => undefined);
    return BackgroundHasher.instance;
  }

  private static start(): BackgroundHasher {
    let worker: Worker;
    try {
      worker = new Worker(tsxBootstrap(WORKER_URL), { eval: true, execArgv: [] });
    } catch (e) {
      const inline = new BackgroundHasher(hashReady());
      inline.failed = e as Error;
      return inline;
    }
    let started: () => void = () => undefined;
    const hasher = new BackgroundHasher(new Promise<void>((resolve) => (started = resolve)), worker);
    worker.unref();
    worker.on('message', (m: HashResponse) => (m.type === 'ready' ? started() : hasher.settle(m.id, m.hash)));
    // A dead worker hands its pending and future snapshots to the calling thread instead of failing training.
    const fail = (e: Error): void => hasher.fallBack(e, started);
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`state-hash worker exited with code ${code}`)));
    return hasher;
  }

  /** Copies `tensors` (into a buffer from `pool` when given) and starts hashing the copy. */
  snapshot(tensors: readonly Float32Array[], pool?: SnapshotPool): StateSnapshot {
    const total = tensors.reduce((n, t) => n + t.length, 0);
    const buffer = pool?.take(total * 4) ?? new SharedArrayBuffer(total * 4);
    let at = 0;
    const state = tensors.map((t) => {
      const view = new Float32Array(buffer, at * 4, t.length);
      view.set(t);
      at += t.length;
      return view;
    });
    if (this.worker === undefined || this.failed !== undefined) return { state, buffer, hash: hashReady().then(() => blake2b256(new Uint8Array(buffer).slice())) };
    const id = this.nextId++;
    const hash = new Promise<Uint8Array>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    // Keep the process alive only while a hash is outstanding.
    if (this.waiting.size === 1) this.worker.ref();
    this.worker.postMessage({ id, buffer } satisfies HashRequest);
    return { state, buffer, hash: hash.catch(() => hashReady().then(() => blake2b256(new Uint8Array(buffer).slice()))) };
  }

  private settle(id: number, hash: Uint8Array): void {
    this.waiting.get(id)?.resolve(hash);
    this.waiting.delete(id);
    if (this.waiting.size === 0) this.worker?.unref();
  }

  private fallBack(error: Error, started: () => void): void {
    this.failed ??= error;
    started();
    for (const { reject } of this.waiting.values()) reject(error);
    this.waiting.clear();
  }
}
