/**
 * A job's workers: who may join (role, activity, runtime, stake), the collateral lock and load count each one
 * holds while on the job, the assignment (with its seed from chain randomness) and the penalty for going silent.
 */
import type { DispatchContext } from '../../runtime/framework/pallet.ts';
import type { AccountId } from '../../runtime/primitives.ts';
import { encode } from '../../runtime/scale/codec.ts';
import type { OverlayState, StateReader } from '../../runtime/state/overlay.ts';
import { sameAccount } from '../balances/lookup.ts';
import { PPM, type ResolvedJobsConfig, type WorkerView } from './config.ts';
import { JobsError } from './errors.ts';
import { JobsEvent } from './events.ts';
import { scheduleCheck } from './schedule.ts';
import { candidatesOf, jobsStorage as S } from './storage.ts';
import { isWorkerOf, type JobTerms, lockIdOf } from './terms.ts';
import { withStatus } from './transitions.ts';
import { JobId, type JobInfo } from './types.ts';

/** Throws the error that keeps `who` off the job, or returns its worker record. */
export function ensureEligible(cfg: ResolvedJobsConfig, state: StateReader, job: JobInfo, terms: JobTerms, who: AccountId): WorkerView {
  if (sameAccount(who, job.owner)) throw JobsError.ConflictOfInterest;
  if (isWorkerOf(job, who)) throw JobsError.AlreadyVolunteered;
  const view = cfg.workers.get(state, who);
  if (!view || !cfg.staking.hasRole(state, who, 'worker')) throw JobsError.NotAWorker;
  if (!cfg.workers.isActive(state, who)) throw JobsError.WorkerInactive;
  if (terms.needsCpu && !view.spec.runtimes.some((r) => r.tag === 'OnnxCpu')) throw JobsError.UnsupportedRuntime;
  if (cfg.staking.unlockedStake(state, who) < terms.minStake) throw JobsError.InsufficientStake;
  return view;
}

/** Locks `who`'s collateral and adds it to the job's workers. */
export function bindWorker(cfg: ResolvedJobsConfig, ctx: DispatchContext, id: bigint, job: JobInfo, terms: JobTerms, who: AccountId): JobInfo {
  cfg.staking.lock(ctx, who, lockIdOf(id), terms.minStake);
  S.WorkerLoad.insert(ctx.state, S.WorkerLoad.get(ctx.state, who) + 1, who);
  return { ...job, workers: [...job.workers, who] };
}

/** Releases what is left of `who`'s collateral lock and its load count. */
export function releaseWorker(cfg: ResolvedJobsConfig, ctx: DispatchContext, id: bigint, who: AccountId): void {
  cfg.staking.unlock(ctx, who, lockIdOf(id));
  const load = S.WorkerLoad.get(ctx.state, who);
  if (load <= 1) S.WorkerLoad.remove(ctx.state, who);
  else S.WorkerLoad.insert(ctx.state, load - 1, who);
}

/** Drops a job's candidate list. */
export function clearCandidates(state: OverlayState, id: bigint): void {
  for (const who of candidatesOf(state, id)) S.Candidates.remove(state, id, who);
  S.CandidateCount.remove(state, id);
}

/**
 * The job has all its workers: it becomes Assigned and draws its seed from chain randomness now, after the
 * workers are fixed, so none of them could choose it. A training job's start is checked after
 * `assignmentTimeout` (unless its deadline comes first: that check is already scheduled).
 */
export function completeAssignment(cfg: ResolvedJobsConfig, ctx: DispatchContext, id: bigint, job: JobInfo, terms: JobTerms): JobInfo {
  const now = ctx.block.number;
  const subject = new Uint8Array([...new TextEncoder().encode('jobs/seed'), ...encode(JobId, id)]);
  const seed = cfg.randomness.random(ctx, subject);
  const assigned: JobInfo = { ...withStatus(job, 'Assigned'), assigned_at: now, seed };
  clearCandidates(ctx.state, id);
  const startBy = now + cfg.assignmentTimeout;
  if (terms.training && startBy < terms.deadline) scheduleCheck(cfg, ctx.state, startBy, id);
  ctx.deposit(JobsEvent, { tag: 'JobAssigned', value: { job_id: id, workers: assigned.workers, seed } });
  return assigned;
}

/** A timeout's evidence is the job itself: its id, little-endian, zero-padded to 32 bytes. */
export function timeoutProofRef(id: bigint): Uint8Array {
  const out = new Uint8Array(32);
  out.set(encode(JobId, id));
  return out;
}

/**
 * Every worker of the job went silent: each has part (`timeoutSlash`) of its collateral slashed, a `Timeout`
 * fault noted (Workers lowers its reputation) and the rest of its lock released. With `penalize` false (the
 * hook's fallback when Staking or Workers failed) the locks are only released.
 */
export function dropSilent(cfg: ResolvedJobsConfig, ctx: DispatchContext, id: bigint, job: JobInfo, terms: JobTerms, penalize: boolean): void {
  const amount = (terms.minStake * BigInt(cfg.timeoutSlash)) / BigInt(PPM);
  const proofRef = timeoutProofRef(id);
  for (const worker of job.workers) {
    let slashed = 0n;
    if (penalize) {
      if (amount > 0n) slashed = cfg.staking.slash(ctx, worker, amount, 'MissedDeadline', proofRef);
      cfg.workers.noteFault(ctx, worker, 'Timeout');
    }
    releaseWorker(cfg, ctx, id, worker);
    ctx.deposit(JobsEvent, { tag: 'WorkerTimedOut', value: { job_id: id, worker, slashed } });
  }
}
