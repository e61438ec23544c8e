/** The ends of a job: completed and paid out, or closed with the escrow refunded. */
import type { DispatchContext } from '../../runtime/framework/pallet.ts';
import type { ResolvedJobsConfig } from './config.ts';
import { refundEscrow, settleEscrow } from './escrow.ts';
import { JobsEvent } from './events.ts';
import { putJob } from './terms.ts';
import { withStatus } from './transitions.ts';
import type { JobInfo } from './types.ts';
import { clearCandidates, releaseWorker } from './workforce.ts';

/**
 * Ends a job without a result (`Cancelled`, `Expired`): the whole escrow, fee included, goes back to the owner,
 * candidates are dropped and, unless `released` says it was done already, the workers' locks are released.
 * Emits `JobCancelled` or `JobExpired` with the refund.
 */
export function closeWithRefund(
  cfg: ResolvedJobsConfig,
  ctx: DispatchContext,
  id: bigint,
  job: JobInfo,
  to: 'Cancelled' | 'Expired',
  released = false,
): JobInfo {
  const closed = withStatus(job, to);
  if (!released) for (const w of job.workers) releaseWorker(cfg, ctx, id, w);
  clearCandidates(ctx.state, id);
  const { job: refunded, refund } = refundEscrow(cfg, ctx, closed);
  putJob(ctx.state, id, refunded);
  ctx.deposit(JobsEvent, to === 'Cancelled' ? { tag: 'JobCancelled', value: { job_id: id, refund } } : { tag: 'JobExpired', value: { job_id: id, refund } });
  return refunded;
}

/**
 * Completes a verified job: pays the escrow out by shares, releases the workers' collateral, notes their
 * verified work, records `model_id` and emits `JobCompleted`.
 */
export function completeJob(cfg: ResolvedJobsConfig, ctx: DispatchContext, id: bigint, job: JobInfo, modelId: bigint | undefined): JobInfo {
  const completed = settleEscrow(cfg, ctx, id, withStatus(job, 'Completed'));
  for (const w of job.workers) {
    releaseWorker(cfg, ctx, id, w);
    cfg.workers.noteVerifiedWork(ctx, w);
  }
  const final = { ...completed, model_id: modelId };
  putJob(ctx.state, id, final);
  ctx.deposit(JobsEvent, { tag: 'JobCompleted', value: { job_id: id, model_id: modelId } });
  return final;
}
