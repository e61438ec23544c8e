/** Jobs calls: posting and cancelling here; staffing and results in their own files. Indices are fixed. */
import { call, type DispatchContext, ensureSigned } from '../../runtime/framework/pallet.ts';
import { type AccountId, CompactBalance, H256 } from '../../runtime/primitives.ts';
import { bytes, u64 } from '../../runtime/scale/codec.ts';
import { sameAccount } from '../balances/lookup.ts';
import type { ResolvedJobsConfig } from './config.ts';
import { JobsError } from './errors.ts';
import { JobsEvent } from './events.ts';
import { resultCalls } from './result-calls.ts';
import { scheduleCheck } from './schedule.ts';
import { closeWithRefund } from './settlement.ts';
import { staffingCalls } from './staffing-calls.ts';
import { jobsStorage as S } from './storage.ts';
import { getJob, MAX_JOB_ID } from './terms.ts';
import { JobId, type JobKind, TrainingSpec } from './types.ts';
import { ensureCid, feeFor, validateTrainingSpec } from './validate.ts';
import type { JobVerdicts } from './verdicts.ts';
import { JobsWeights } from './weights.ts';

/** Reserves `reward + fee` on the owner and records a new Open job whose deadline is scheduled. */
function post(cfg: ResolvedJobsConfig, ctx: DispatchContext, owner: AccountId, kind: JobKind, reward: bigint, fee: bigint, deadline: number): void {
  const id = S.NextJobId.get(ctx.state);
  if (id >= MAX_JOB_ID) throw JobsError.TooManyJobs;
  const escrow = reward + fee;
  if (!cfg.currency.canReserve(ctx.state, owner, escrow)) throw JobsError.InsufficientBalance;
  scheduleCheck(cfg, ctx.state, deadline, id);
  cfg.currency.reserve(ctx, owner, escrow);
  S.Jobs.insert(ctx.state, {
    owner,
    kind,
    reward,
    fee,
    escrow_remaining: escrow,
    status: { tag: 'Open' },
    workers: [],
    seed: undefined,
    posted_at: ctx.block.number,
    assigned_at: undefined,
    result: undefined,
    verifiers: [],
    evaluators: [],
    score: undefined,
    model_id: undefined,
  }, id);
  S.JobsByOwner.insert(ctx.state, [], owner, id);
  S.NextJobId.set(ctx.state, id + 1n);
  ctx.deposit(JobsEvent, { tag: 'JobPosted', value: { job_id: id, owner, reward, fee } });
}

/** The call table: `verdicts` backs the Root calls that stand in for the verification protocol. */
export function jobsCalls(cfg: ResolvedJobsConfig, verdicts: JobVerdicts) {
  return {
    post_training_job: call({
      index: 0,
      args: { spec: TrainingSpec, reward: CompactBalance },
      docs: [
        ' Post a training job. Reserves `reward` plus the network fee (`NetworkFee` of it) on the caller until',
        ' the job is paid out or refunded. The spec is checked in full: steps and segments, workers, deadline,',
        ' CIDs, and that the dataset (and base model) are registered.',
      ],
      weight: ({ spec }) => JobsWeights.postTrainingJob(spec.train_step_model.length + (spec.hyperparams_cid?.length ?? 0) + (spec.region?.length ?? 0)),
      dispatch: (ctx, origin, { spec, reward }) => {
        const owner = ensureSigned(origin);
        const fee = feeFor(cfg, reward);
        validateTrainingSpec(cfg, ctx.state, ctx.block.number, spec);
        post(cfg, ctx, owner, { tag: 'Training', value: spec }, reward, fee, spec.deadline);
      },
    }),
    post_inference_job: call({
      index: 1,
      args: { model_id: u64, input_hash: H256, input_cid: bytes, reward: CompactBalance },
      docs: [
        ' Post an inference job on a registered model: one worker, `InferenceMinStake` collateral, a result due',
        ' `InferenceTimeout` blocks from now. Reserves `reward` plus the network fee.',
      ],
      weight: ({ input_cid }) => JobsWeights.postInferenceJob(input_cid.length),
      dispatch: (ctx, origin, { model_id, input_hash, input_cid, reward }) => {
        const owner = ensureSigned(origin);
        const fee = feeFor(cfg, reward);
        ensureCid(input_cid);
        if (!cfg.models.exists(ctx.state, model_id)) throw JobsError.ModelNotFound;
        const deadline = ctx.block.number + cfg.inferenceTimeout;
        const kind: JobKind = { tag: 'Inference', value: { model_id, input_hash, input_cid, min_worker_stake: cfg.inferenceMinStake, deadline } };
        post(cfg, ctx, owner, kind, reward, fee, deadline);
      },
    }),
    cancel_job: call({
      index: 2,
      args: { job_id: JobId },
      docs: [
        ' Cancel a job that has not started: Open, or Assigned before training began. The owner gets the whole',
        ' escrow back, network fee included, and the workers\' stake locks are released.',
      ],
      weight: () => JobsWeights.cancelJob(cfg.maxWorkersPerJob, cfg.maxCandidates),
      dispatch: (ctx, origin, { job_id }) => {
        const who = ensureSigned(origin);
        const job = getJob(ctx.state, job_id);
        if (!sameAccount(job.owner, who)) throw JobsError.NotJobOwner;
        closeWithRefund(cfg, ctx, job_id, job, 'Cancelled');
      },
    }),
    ...staffingCalls(cfg),
    ...resultCalls(cfg, verdicts),
  };
}
