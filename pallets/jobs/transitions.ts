/** The job lifecycle as one table: every status change in the pallet goes through `withStatus`. */
import { JobsError } from './errors.ts';
import type { JobInfo, JobStatusName } from './types.ts';

/**
 * The allowed moves. `Assigned → Submitted` is an inference result (no training phase); `Assigned → Open` is a
 * reassignment after silent workers; a job that started training cannot be reopened, since only its deadline
 * can run out. `Verifying → Completed` is an accepted inference result (nothing to evaluate).
 */
const ALLOWED: Readonly<Record<JobStatusName, readonly JobStatusName[]>> = {
  Open: ['Assigned', 'Cancelled', 'Expired'],
  Assigned: ['Training', 'Submitted', 'Open', 'Cancelled', 'Expired'],
  Training: ['Submitted', 'Expired'],
  Submitted: ['Verifying'],
  Verifying: ['Evaluating', 'Completed', 'Failed'],
  Evaluating: ['Completed'],
  Completed: [],
  Failed: [],
  Cancelled: [],
  Expired: [],
};

/** Whether a job may move from `from` to `to`. */
export function canTransition(from: JobStatusName, to: JobStatusName): boolean {
  return ALLOWED[from].includes(to);
}

/** Whether `status` is final: the escrow is settled and nothing changes any more. */
export function isTerminal(status: JobStatusName): boolean {
  return ALLOWED[status].length === 0;
}

/** The job with status `to`; throws `InvalidTransition` when the table forbids it. */
export function withStatus(job: JobInfo, to: JobStatusName): JobInfo {
  if (!canTransition(job.status.tag, to)) throw JobsError.InvalidTransition;
  return { ...job, status: { tag: to } };
}
