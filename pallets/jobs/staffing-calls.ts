/** How a job gets its workers: first come (`volunteer`), or ranked by the scheduler (`apply`, then `assign`). */
import { call, type DispatchContext, ensureSigned } from '../../runtime/framework/pallet.ts';
import type { ResolvedJobsConfig } from './config.ts';
import { JobsError } from './errors.ts';
import { JobsEvent } from './events.ts';
import { type Candidate, rankCandidates } from './scheduler.ts';
import { candidatesOf, jobsStorage as S } from './storage.ts';
import { getJob, type JobTerms, putJob, termsOf } from './terms.ts';
import { attempt } from './transactional.ts';
import { JobId, type JobInfo } from './types.ts';
import { JobsWeights } from './weights.ts';
import { bindWorker, completeAssignment, ensureEligible } from './workforce.ts';

/** An Open job whose deadline is still ahead, with its terms. */
function openJob(ctx: DispatchContext, id: bigint): { job: JobInfo; terms: JobTerms } {
  const job = getJob(ctx.state, id);
  if (job.status.tag !== 'Open') throw JobsError.JobNotOpen;
  const terms = termsOf(job);
  if (ctx.block.number >= terms.deadline) throw JobsError.DeadlinePassed;
  return { job, terms };
}

/** The staffing calls. */
export function staffingCalls(cfg: ResolvedJobsConfig) {
  return {
    volunteer: call({
      index: 3,
      args: { job_id: JobId },
      docs: [
        ' Join an Open job as one of its workers, locking its `min_worker_stake` of the caller\'s active stake.',
        ' The caller must be an active worker with the worker role and the runtime the mode needs. The volunteer',
        ' that fills the job assigns it: the seed is drawn from chain randomness then, never by a worker.',
      ],
      weight: () => JobsWeights.volunteer(cfg.maxCandidates),
      dispatch: (ctx, origin, { job_id }) => {
        const who = ensureSigned(origin);
        const { job, terms } = openJob(ctx, job_id);
        ensureEligible(cfg, ctx.state, job, terms, who);
        let next = bindWorker(cfg, ctx, job_id, job, terms, who);
        if (S.Candidates.contains(ctx.state, job_id, who)) {
          S.Candidates.remove(ctx.state, job_id, who);
          S.CandidateCount.insert(ctx.state, S.CandidateCount.get(ctx.state, job_id) - 1, job_id);
        }
        ctx.deposit(JobsEvent, { tag: 'WorkerVolunteered', value: { job_id, worker: who } });
        if (next.workers.length >= terms.needed) next = completeAssignment(cfg, ctx, job_id, next, terms);
        putJob(ctx.state, job_id, next);
      },
    }),
    apply: call({
      index: 4,
      args: { job_id: JobId },
      docs: [
        ' Apply to an Open job for the scheduler to consider (`assign`). Nothing is locked until the scheduler',
        ' picks the caller; eligibility is checked now and again then.',
      ],
      weight: JobsWeights.apply,
      dispatch: (ctx, origin, { job_id }) => {
        const who = ensureSigned(origin);
        const { job, terms } = openJob(ctx, job_id);
        ensureEligible(cfg, ctx.state, job, terms, who);
        if (S.Candidates.contains(ctx.state, job_id, who)) throw JobsError.AlreadyCandidate;
        const count = S.CandidateCount.get(ctx.state, job_id);
        if (count >= cfg.maxCandidates) throw JobsError.JobFull;
        S.Candidates.insert(ctx.state, [], job_id, who);
        S.CandidateCount.insert(ctx.state, count + 1, job_id);
        ctx.deposit(JobsEvent, { tag: 'CandidateApplied', value: { job_id, worker: who } });
      },
    }),
    assign: call({
      index: 5,
      args: { job_id: JobId },
      docs: [
        ' Fill an Open job\'s remaining places from its candidates, best score first (see the scheduler\'s',
        ' factors and the `Scheduler*Weight` constants), once `ApplicationPeriod` blocks have passed since',
        ' posting. Anyone may call it. Candidates no longer eligible, or whose stake cannot be locked, are skipped.',
      ],
      weight: () => JobsWeights.assign(cfg.maxCandidates, cfg.maxWorkersPerJob),
      dispatch: (ctx, origin, { job_id }) => {
        ensureSigned(origin);
        const { job, terms } = openJob(ctx, job_id);
        if (ctx.block.number < job.posted_at + cfg.applicationPeriod) throw JobsError.ApplicationPeriod;
        const pool: Candidate[] = [];
        for (const who of candidatesOf(ctx.state, job_id)) {
          try {
            pool.push({ who, view: ensureEligible(cfg, ctx.state, job, terms, who), load: S.WorkerLoad.get(ctx.state, who) });
          } catch {
            // No longer eligible (went offline, unbonded, volunteered meanwhile): not a candidate any more.
          }
        }
        let next = job;
        for (const { who } of rankCandidates(terms.prefs, pool, cfg.schedulerWeights)) {
          if (next.workers.length >= terms.needed) break;
          const bound = attempt(ctx, () => bindWorker(cfg, ctx, job_id, next, terms, who));
          if (bound.ok) next = bound.value;
        }
        if (next.workers.length < terms.needed) throw JobsError.NotEnoughCandidates;
        putJob(ctx.state, job_id, completeAssignment(cfg, ctx, job_id, next, terms));
      },
    }),
  };
}
