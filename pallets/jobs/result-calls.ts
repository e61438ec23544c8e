/**
 * Work and its results: `start_training`, `submit_result`, `submit_inference_result`, and the Root calls that
 * drive the verification hooks until the pouw pallet does (tests and the dev chain use them through the API).
 */
import { call, ensureRoot, ensureSigned } from '../../runtime/framework/pallet.ts';
import { AccountId32, H256 } from '../../runtime/primitives.ts';
import { bool, bytes, option, u32, vec } from '../../runtime/scale/codec.ts';
import type { ResolvedJobsConfig } from './config.ts';
import { JobsError } from './errors.ts';
import { JobsEvent } from './events.ts';
import { scheduleCheck } from './schedule.ts';
import { getJob, isWorkerOf, putJob, segmentsOf, termsOf } from './terms.ts';
import { withStatus } from './transitions.ts';
import { JobId } from './types.ts';
import { ensureCid } from './validate.ts';
import type { JobVerdicts } from './verdicts.ts';
import { JobsWeights } from './weights.ts';

/** The work and verification calls. */
export function resultCalls(cfg: ResolvedJobsConfig, verdicts: JobVerdicts) {
  return {
    start_training: call({
      index: 6,
      args: { job_id: JobId },
      docs: [' An assigned worker starts an Assigned training job (before its deadline), which becomes Training.'],
      weight: JobsWeights.startTraining,
      dispatch: (ctx, origin, { job_id }) => {
        const who = ensureSigned(origin);
        const job = getJob(ctx.state, job_id);
        if (job.kind.tag !== 'Training') throw JobsError.NotTrainingJob;
        const next = withStatus(job, 'Training');
        if (!isWorkerOf(job, who)) throw JobsError.NotAssignedWorker;
        const { deadline } = termsOf(job);
        if (ctx.block.number >= deadline) throw JobsError.DeadlinePassed;
        // The deadline's own check (scheduled at posting) covers a zero grace.
        if (cfg.submissionGrace > 0) scheduleCheck(cfg, ctx.state, deadline + cfg.submissionGrace, job_id);
        putJob(ctx.state, job_id, next);
        ctx.deposit(JobsEvent, { tag: 'TrainingStarted', value: { job_id, worker: who } });
      },
    }),
    submit_result: call({
      index: 7,
      args: { job_id: JobId, model_hash: H256, model_cid: bytes, checkpoint_root: H256, segment_losses: vec(u32) },
      docs: [
        ' A worker of a Training job submits its result: the final model hash and CID, the Merkle root of the',
        ' state hashes at each segment boundary, and one loss per segment (fixed point × 1e6). Accepted until',
        ' `SubmissionGrace` blocks after the deadline. The job goes to Verifying and the verification protocol',
        ' is notified.',
      ],
      weight: ({ segment_losses }) => JobsWeights.submitResult(segment_losses.length),
      argTypeNames: { model_cid: 'BoundedVec<u8, MaxCidLength>', segment_losses: 'BoundedVec<u32, T::MaxSegments>' },
      dispatch: (ctx, origin, { job_id, model_hash, model_cid, checkpoint_root, segment_losses }) => {
        const who = ensureSigned(origin);
        const job = getJob(ctx.state, job_id);
        if (job.kind.tag !== 'Training') throw JobsError.NotTrainingJob;
        // The table also allows Assigned → Submitted, which is for inference only.
        if (job.status.tag !== 'Training') throw JobsError.InvalidTransition;
        if (!isWorkerOf(job, who)) throw JobsError.NotAssignedWorker;
        if (ctx.block.number >= job.kind.value.deadline + cfg.submissionGrace) throw JobsError.DeadlinePassed;
        ensureCid(model_cid);
        if (segment_losses.length !== segmentsOf(job.kind.value)) throw JobsError.LossCountMismatch;
        const result = { tag: 'Training' as const, value: { model_hash, model_cid, checkpoint_root, segment_losses } };
        putJob(ctx.state, job_id, withStatus({ ...withStatus(job, 'Submitted'), result }, 'Verifying'));
        ctx.deposit(JobsEvent, { tag: 'ResultSubmitted', value: { job_id, worker: who, model_hash, checkpoint_root } });
        ctx.deposit(JobsEvent, { tag: 'VerificationStarted', value: { job_id } });
        cfg.verification.onSubmitted(ctx, job_id);
      },
    }),
    submit_inference_result: call({
      index: 8,
      args: { job_id: JobId, output_hash: H256, output_cid: bytes, receipt: H256 },
      docs: [
        ' The worker of an Assigned inference job submits the output hash and CID and the receipt (binding',
        ' model, input and output hashes) before the deadline. The job goes to Verifying.',
      ],
      weight: JobsWeights.submitInferenceResult,
      dispatch: (ctx, origin, { job_id, output_hash, output_cid, receipt }) => {
        const who = ensureSigned(origin);
        const job = getJob(ctx.state, job_id);
        if (job.kind.tag !== 'Inference') throw JobsError.NotInferenceJob;
        const submitted = withStatus(job, 'Submitted');
        if (!isWorkerOf(job, who)) throw JobsError.NotAssignedWorker;
        if (ctx.block.number >= job.kind.value.deadline) throw JobsError.DeadlinePassed;
        ensureCid(output_cid);
        const result = { tag: 'Inference' as const, value: { output_hash, output_cid, receipt } };
        putJob(ctx.state, job_id, withStatus({ ...submitted, result }, 'Verifying'));
        ctx.deposit(JobsEvent, { tag: 'InferenceResultSubmitted', value: { job_id, worker: who, output_hash, receipt } });
        ctx.deposit(JobsEvent, { tag: 'VerificationStarted', value: { job_id } });
        cfg.verification.onSubmitted(ctx, job_id);
      },
    }),
    force_verification_result: call({
      index: 9,
      args: { job_id: JobId, accepted: bool, verifiers: vec(AccountId32), offender: option(AccountId32), proof_ref: H256 },
      docs: [
        ' Root stands in for the verification protocol: accept the result (crediting `verifiers`), or reject it,',
        ' slashing `offender` with `proof_ref` (the hash of the evidence). Goes through the same path as the protocol.',
      ],
      weight: ({ verifiers }) => JobsWeights.forceVerificationResult(verifiers.length, cfg.maxWorkersPerJob),
      dispatch: (ctx, origin, { job_id, accepted, verifiers, offender, proof_ref }) => {
        ensureRoot(origin);
        if (accepted) verdicts.accept(ctx, job_id, verifiers);
        else if (offender === undefined) throw JobsError.OffenderRequired;
        else verdicts.reject(ctx, job_id, offender, proof_ref);
      },
    }),
    force_evaluation: call({
      index: 10,
      args: { job_id: JobId, evaluators: vec(AccountId32), score: u32 },
      docs: [' Root stands in for the evaluators: score (parts per million) an Evaluating job, which completes and pays out.'],
      weight: ({ evaluators }) => JobsWeights.forceEvaluation(evaluators.length, cfg.maxWorkersPerJob, cfg.maxVerifiers),
      dispatch: (ctx, origin, { job_id, evaluators, score }) => {
        ensureRoot(origin);
        verdicts.completeEvaluation(ctx, job_id, evaluators, score);
      },
    }),
  };
}
