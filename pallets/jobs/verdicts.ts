/**
 * What the verification protocol calls (and Root, through `force_verification_result` / `force_evaluation`):
 * `accept` and `reject` a result in `Verifying`, then `completeEvaluation` of an accepted training result.
 * Each validates everything before writing and throws a `JobsError` otherwise.
 */
import type { DispatchContext } from '../../runtime/framework/pallet.ts';
import type { AccountId } from '../../runtime/primitives.ts';
import type { StateReader } from '../../runtime/state/overlay.ts';
import { sameAccount } from '../balances/lookup.ts';
import { PPM, type ResolvedJobsConfig } from './config.ts';
import { refundEscrow } from './escrow.ts';
import { JobsError } from './errors.ts';
import { JobsEvent } from './events.ts';
import { completeJob } from './settlement.ts';
import { getJob, isWorkerOf, putJob, termsOf } from './terms.ts';
import { attempt } from './transactional.ts';
import { withStatus } from './transitions.ts';
import type { JobInfo } from './types.ts';
import { releaseWorker } from './workforce.ts';

/** The hook API other pallets drive. */
export interface JobVerdicts {
  /** Verifying → Evaluating (training) or → Completed and paid (inference); `verifiers` share the verifier part. */
  accept(ctx: DispatchContext, jobId: bigint, verifiers: AccountId[]): void;
  /**
   * Verifying → Failed: `offender`'s collateral is slashed (`InvalidWork`, with `proofRef`, the 32-byte hash of
   * the evidence, and an optional `reporter` who gets Staking's reporter share), a fault is noted, every lock is
   * released, the owner refunded.
   */
  reject(ctx: DispatchContext, jobId: bigint, offender: AccountId, proofRef: Uint8Array, reporter?: AccountId): void;
  /** Evaluating → Completed: records the score (ppm), registers the model with its lineage, pays out. */
  completeEvaluation(ctx: DispatchContext, jobId: bigint, evaluators: AccountId[], score: number): void;
}

/** Panel members must be distinct, hold the role, and be neither the owner nor a worker of the job. */
function ensurePanel(cfg: ResolvedJobsConfig, state: StateReader, job: JobInfo, panel: AccountId[], role: 'verifier' | 'evaluator'): void {
  const verifier = role === 'verifier';
  if (panel.length > (verifier ? cfg.maxVerifiers : cfg.maxEvaluators)) throw verifier ? JobsError.TooManyVerifiers : JobsError.TooManyEvaluators;
  panel.forEach((who, i) => {
    if (panel.slice(0, i).some((other) => sameAccount(other, who))) throw JobsError.DuplicateAccount;
    if (sameAccount(who, job.owner) || isWorkerOf(job, who)) throw JobsError.ConflictOfInterest;
    if (!cfg.staking.hasRole(state, who, role)) throw verifier ? JobsError.NotAVerifier : JobsError.NotAnEvaluator;
  });
}

/** Builds the verdict functions over a resolved Config. */
export function createVerdicts(cfg: ResolvedJobsConfig): JobVerdicts {
  return {
    accept(ctx, id, verifiers) {
      const job = getJob(ctx.state, id);
      const next = withStatus(job, job.kind.tag === 'Training' ? 'Evaluating' : 'Completed');
      ensurePanel(cfg, ctx.state, job, verifiers, 'verifier');
      ctx.deposit(JobsEvent, { tag: 'ResultAccepted', value: { job_id: id, verifiers } });
      if (next.status.tag === 'Evaluating') putJob(ctx.state, id, { ...next, verifiers });
      else completeJob(cfg, ctx, id, { ...job, verifiers }, undefined);
    },

    reject(ctx, id, offender, proofRef, reporter) {
      const job = getJob(ctx.state, id);
      const failed = withStatus(job, 'Failed');
      if (!isWorkerOf(job, offender)) throw JobsError.NotAssignedWorker;
      // Slash before releasing: the lock is what keeps the collateral slashable.
      const slashed = cfg.staking.slash(ctx, offender, termsOf(job).minStake, 'InvalidWork', proofRef, reporter);
      cfg.workers.noteFault(ctx, offender, 'InvalidWork');
      for (const w of job.workers) releaseWorker(cfg, ctx, id, w);
      const { job: refunded, refund } = refundEscrow(cfg, ctx, failed);
      putJob(ctx.state, id, refunded);
      ctx.deposit(JobsEvent, { tag: 'ResultRejected', value: { job_id: id, offender, slashed, refund } });
    },

    completeEvaluation(ctx, id, evaluators, score) {
      const job = getJob(ctx.state, id);
      if (job.status.tag !== 'Evaluating') throw JobsError.InvalidTransition;
      if (!Number.isInteger(score) || score < 0 || score > PPM) throw JobsError.InvalidScore;
      ensurePanel(cfg, ctx.state, job, evaluators, 'evaluator');
      ctx.deposit(JobsEvent, { tag: 'EvaluationCompleted', value: { job_id: id, evaluators, score } });
      const scored: JobInfo = { ...job, evaluators, score };
      // Verified work is paid even if Models refuses the registration (a lineage too deep): no model id then.
      completeJob(cfg, ctx, id, scored, register(cfg, ctx, id, scored));
    },
  };
}

/** Registers a training job's model with its lineage; undefined when Models refuses (its writes are dropped). */
function register(cfg: ResolvedJobsConfig, ctx: DispatchContext, id: bigint, job: JobInfo): bigint | undefined {
  if (job.kind.tag !== 'Training' || job.result?.tag !== 'Training') return undefined;
  const spec = job.kind.value;
  const result = job.result.value;
  const r = attempt(ctx, () =>
    cfg.models.registerTrainedModel(ctx, {
      owner: job.owner,
      job_id: id,
      model_hash: result.model_hash,
      model_cid: result.model_cid,
      checkpoint_root: result.checkpoint_root,
      base_model: spec.base_model,
      training_dataset: spec.dataset_id,
      train_step_model: spec.train_step_model,
    }),
  );
  return r.ok ? r.value : undefined;
}
