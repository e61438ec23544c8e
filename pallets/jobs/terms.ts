/** Reading and writing jobs, and the terms every job kind shares (deadline, stake, workers, preferences). */
import { sameAccount } from '../balances/lookup.ts';
import type { AccountId } from '../../runtime/primitives.ts';
import type { OverlayState, StateReader } from '../../runtime/state/overlay.ts';
import { JobsError } from './errors.ts';
import type { Preferences } from './scheduler.ts';
import { jobsStorage as S } from './storage.ts';
import type { JobInfo, TrainingSpec } from './types.ts';

/** What a job asks of its workers, whatever its kind. */
export interface JobTerms {
  training: boolean;
  /** The block by which the result is due. */
  deadline: number;
  /** Stake each worker locks. */
  minStake: bigint;
  /** Workers the job needs. */
  needed: number;
  prefs: Preferences;
  /** `CpuExact` training must run on onnxruntime's CPU provider. */
  needsCpu: boolean;
}

/** The terms of a job. Inference jobs take one worker and have no preferences. */
export function termsOf(job: JobInfo): JobTerms {
  if (job.kind.tag === 'Inference') {
    const k = job.kind.value;
    return { training: false, deadline: k.deadline, minStake: k.min_worker_stake, needed: 1, prefs: {}, needsCpu: false };
  }
  const s = job.kind.value;
  return {
    training: true,
    deadline: s.deadline,
    minStake: s.min_worker_stake,
    needed: s.workers,
    prefs: { region: s.region, accelerator: s.accelerator?.tag },
    needsCpu: s.mode.tag === 'CpuExact',
  };
}

/** `ceil(total_steps / segment_length)`: the number of committed segments, hence of losses. */
export function segmentsOf(spec: Pick<TrainingSpec, 'total_steps' | 'segment_length'>): number {
  return Math.ceil(spec.total_steps / spec.segment_length);
}

/** The job, or `JobNotFound`. */
export function getJob(state: StateReader, id: bigint): JobInfo {
  const job = S.Jobs.get(state, id);
  if (!job) throw JobsError.JobNotFound;
  return job;
}

/** Writes the job back. */
export function putJob(state: OverlayState, id: bigint, job: JobInfo): void {
  S.Jobs.insert(state, job, id);
}

/** Whether `who` is one of the job's workers. */
export function isWorkerOf(job: JobInfo, who: AccountId): boolean {
  return job.workers.some((w) => sameAccount(w, who));
}

/** Job ids stay below 2^56: a stake lock id is `b"j"` followed by the id's 7 low bytes, little-endian. */
export const MAX_JOB_ID = 1n << 56n;

/** The 8-byte staking lock id of a job's worker collateral. */
export function lockIdOf(id: bigint): Uint8Array {
  const out = new Uint8Array(8);
  out[0] = 0x6a;
  let v = id;
  for (let i = 1; i < 8; i++) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}
