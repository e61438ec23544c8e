/**
 * `on_initialize`: checks the timeouts of the jobs scheduled for this block in `Deadlines`, reading only this
 * block's bucket (at most `MaxDeadlinesPerBlock` entries), never the whole job map.
 */
import type { DispatchContext, Hooks } from '../../runtime/framework/pallet.ts';
import type { Weight } from '../../runtime/primitives.ts';
import type { ResolvedJobsConfig } from './config.ts';
import { JobsEvent } from './events.ts';
import { closeWithRefund } from './settlement.ts';
import { deadlinesAt, jobsStorage as S } from './storage.ts';
import { putJob, termsOf } from './terms.ts';
import { attempt } from './transactional.ts';
import { withStatus } from './transitions.ts';
import { JobsWeights } from './weights.ts';
import { dropSilent } from './workforce.ts';

/**
 * What a job's timeouts mean at block `now`; stale checks (the job moved on) do nothing.
 * - Open at its deadline: Expired, refunded (volunteers so far released).
 * - Assigned, training not started `assignmentTimeout` blocks after assignment (or an inference job at its
 *   deadline): the workers are penalized; the job reopens while its deadline is ahead, else expires, refunded.
 * - Training past `deadline + submissionGrace`: the workers are penalized and the job expires, refunded (after
 *   its deadline nobody could finish it).
 */
export function checkTimeouts(cfg: ResolvedJobsConfig, ctx: DispatchContext, id: bigint, now: number, penalize = true): void {
  const job = S.Jobs.get(ctx.state, id);
  if (!job) return;
  const terms = termsOf(job);
  switch (job.status.tag) {
    case 'Open':
      if (now >= terms.deadline) closeWithRefund(cfg, ctx, id, job, 'Expired');
      return;
    case 'Assigned': {
      const startBy = terms.training && job.assigned_at !== undefined ? job.assigned_at + cfg.assignmentTimeout : Number.POSITIVE_INFINITY;
      if (now < terms.deadline && now < startBy) return;
      dropSilent(cfg, ctx, id, job, terms, penalize);
      if (now >= terms.deadline) {
        closeWithRefund(cfg, ctx, id, job, 'Expired', true);
        return;
      }
      // Its deadline check is still scheduled: if nobody takes the job again, it expires then.
      putJob(ctx.state, id, { ...withStatus(job, 'Open'), workers: [], seed: undefined, assigned_at: undefined });
      ctx.deposit(JobsEvent, { tag: 'JobReopened', value: { job_id: id } });
      return;
    }
    case 'Training':
      if (now < terms.deadline + cfg.submissionGrace) return;
      dropSilent(cfg, ctx, id, job, terms, penalize);
      closeWithRefund(cfg, ctx, id, job, 'Expired', true);
      return;
    default:
  }
}

/** The pallet's hooks. */
export function jobsHooks(cfg: ResolvedJobsConfig): Hooks {
  return {
    onInitialize(ctx: DispatchContext): Weight {
      const now = ctx.block.number;
      const due = deadlinesAt(ctx.state, now);
      for (const id of due) {
        S.Deadlines.remove(ctx.state, now, id);
        // Hooks have no transactional layer of their own, and one job's failure must not halt the chain: its
        // writes are dropped, and the fallback settles the job without calling Staking or Workers' penalties.
        if (!attempt(ctx, () => checkTimeouts(cfg, ctx, id, now)).ok) attempt(ctx, () => checkTimeouts(cfg, ctx, id, now, false));
      }
      S.DeadlineCount.remove(ctx.state, now);
      return JobsWeights.onInitialize(due.length);
    },
  };
}
