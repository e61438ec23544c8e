/**
 * The trainer's local resume file, `<dataDir>/jobs/<id>/resume.json`: how far a job got (the next global step)
 * and every committed segment's hash, loss and checkpoint CID so far. A segment is written here only after the
 * node acknowledged its checkpoint blob, so the state to resume from is always in the blob store under the last
 * segment's CID (and checked against its hash when fetched); the file stays small, a few hundred bytes per
 * segment, instead of carrying the state. It is replaced atomically (write to a temporary file, then rename)
 * after checkpoints (run-job.ts: at most once a second), so a crash or SIGKILL leaves either the previous or the
 * new record, never a torn one.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One committed segment. */
export interface SegmentRecord {
  index: number;
  endStep: number;
  /** 0x-hex blake2b-256 of the state after the segment. */
  stateHash: string;
  meanLoss: number;
  /** The checkpoint's blob CID. */
  checkpointCid: string;
}

/** What is saved after each checkpoint. */
export interface ResumeRecord {
  jobId: number;
  /** The chain seed the batches were drawn with; a mismatch means the file belongs to another assignment. */
  seed: string;
  /** Global step to continue from (the last segment's `endStep`). */
  nextStep: number;
  /** Files written before checkpoints were resumed from the blob store: the raw float32 state, base64. */
  state?: string;
  /** Segments the whole job has (`ceil(totalSteps / k)`); proofs are served once all are committed. */
  totalSegments?: number;
  segments: SegmentRecord[];
  /** Set once the result was submitted. */
  submitted?: boolean;
  /** Why training failed for good (a diverged run is deterministic: no retry). */
  failed?: string;
}

/** Directory of a job's local files. */
export const jobDir = (dataDir: string, jobId: number): string => join(dataDir, 'jobs', String(jobId));

const file = (dataDir: string, jobId: number): string => join(jobDir(dataDir, jobId), 'resume.json');

/** The saved record, or `undefined` when there is none (or it is unreadable). */
export async function loadResume(dataDir: string, jobId: number): Promise<ResumeRecord | undefined> {
  try {
    const r = JSON.parse(await readFile(file(dataDir, jobId), 'utf8')) as ResumeRecord;
    return r.jobId === jobId && Array.isArray(r.segments) ? r : undefined;
  } catch {
    return undefined;
  }
}

/** Replaces the record atomically. */
export async function saveResume(dataDir: string, record: ResumeRecord): Promise<void> {
  await mkdir(jobDir(dataDir, record.jobId), { recursive: true });
  const target = file(dataDir, record.jobId);
  await writeFile(`${target}.tmp`, JSON.stringify(record));
  await rename(`${target}.tmp`, target);
}

/** Removes a job's local files. */
export async function clearResume(dataDir: string, jobId: number): Promise<void> {
  await rm(jobDir(dataDir, jobId), { recursive: true, force: true });
}

/** Float32 tensors as raw bytes, and back into tensors of the given lengths. */
export function stateToBytes(state: readonly Float32Array[]): Uint8Array {
  const out = new Uint8Array(state.reduce((n, t) => n + t.byteLength, 0));
  let at = 0;
  for (const t of state) {
    out.set(new Uint8Array(t.buffer, t.byteOffset, t.byteLength), at);
    at += t.byteLength;
  }
  return out;
}

/** Splits raw float32 bytes into tensors of `lengths` elements. */
export function stateFromBytes(bytes: Uint8Array, lengths: readonly number[]): Float32Array[] {
  const total = lengths.reduce((a, b) => a + b, 0);
  if (bytes.length !== total * 4) throw new Error(`checkpoint holds ${bytes.length} bytes, the model needs ${total * 4}`);
  // A copy into a fresh buffer: `bytes` may be a Node Buffer, whose `slice` is a view into a shared pool.
  const all = new Float32Array(Uint8Array.prototype.slice.call(bytes).buffer);
  let at = 0;
  return lengths.map((n) => all.slice(at, (at += n)));
}
