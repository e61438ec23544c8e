import { describe, expect, it } from 'vitest';
import { BadOrigin, type PalletError } from '../../runtime/framework/pallet.ts';
import { root, signed } from '../../runtime/framework/testing.ts';
import { acct } from '../balances/mock.ts';
import { JobsError } from './index.ts';
import { A, acceptArgs, assigned, BASE_MODEL, CID, losses, MODEL_HASH, newJobsTest, REWARD, ROOT_HASH, trainingSpec, verifying } from './testkit.ts';
import type { TrainingSpec } from './types.ts';

const badCid = new Uint8Array([0x01, 0x55, 0x12, 0x20, 0x00]);

describe('post_training_job rejects bad input and leaves state unchanged', () => {
  const cases: [string, Partial<TrainingSpec>, PalletError][] = [
    ['zero steps', { total_steps: 0 }, JobsError.ZeroSteps],
    ['a zero segment length', { segment_length: 0 }, JobsError.ZeroSteps],
    ['a segment longer than the run', { segment_length: 1_001 }, JobsError.SegmentTooLong],
    ['a long segment in tolerance mode', { mode: { tag: 'GpuTolerance', value: { tolerance_ppm: 100 } } }, JobsError.SegmentTooLong],
    ['a zero tolerance', { segment_length: 50, mode: { tag: 'GpuTolerance', value: { tolerance_ppm: 0 } } }, JobsError.InvalidSpec],
    ['a tolerance above 100%', { segment_length: 50, mode: { tag: 'GpuTolerance', value: { tolerance_ppm: 1_000_001 } } }, JobsError.InvalidSpec],
    ['too many segments', { total_steps: 1_000_000 }, JobsError.TooManySegments],
    ['no workers', { workers: 0 }, JobsError.InvalidSpec],
    ['too many workers', { workers: 9 }, JobsError.TooManyWorkers],
    ['a zero worker stake', { min_worker_stake: 0n }, JobsError.InvalidSpec],
    ['an empty region', { region: new Uint8Array() }, JobsError.InvalidSpec],
    ['a region too long', { region: new Uint8Array(65).fill(0x61) }, JobsError.InvalidSpec],
    ['a deadline now', { deadline: 1 }, JobsError.DeadlinePassed],
    ['a deadline too far', { deadline: 1_000_002 }, JobsError.DeadlineTooFar],
    ['a bad model CID', { train_step_model: badCid }, JobsError.InvalidCid],
    ['a bad hyperparameters CID', { hyperparams_cid: badCid }, JobsError.InvalidCid],
    ['an unknown dataset', { dataset_id: 8n }, JobsError.DatasetNotFound],
    ['an unknown base model', { base_model: 99n }, JobsError.ModelNotFound],
  ];
  it.each(cases)('%s', (_, overrides, error) => {
    const t = newJobsTest();
    t.ext.assertNoop(signed(A.owner), 'Jobs', 'post_training_job', { spec: trainingSpec(overrides), reward: REWARD }, error);
  });

  it('needs a reward of at least MinReward, funds for reward + fee, and a signed origin', () => {
    const t = newJobsTest();
    t.ext.assertNoop(signed(A.owner), 'Jobs', 'post_training_job', { spec: trainingSpec(), reward: 99n }, JobsError.RewardTooLow);
    t.ext.assertNoop(signed(A.stranger), 'Jobs', 'post_training_job', { spec: trainingSpec(), reward: 100n }, JobsError.InsufficientBalance);
    t.ext.assertNoop(root, 'Jobs', 'post_training_job', { spec: trainingSpec(), reward: REWARD }, BadOrigin);
  });

  it('post_inference_job checks the model, the CID and the reward', () => {
    const t = newJobsTest();
    const args = { model_id: BASE_MODEL, input_hash: new Uint8Array(32), input_cid: CID, reward: REWARD };
    t.ext.assertNoop(signed(A.owner), 'Jobs', 'post_inference_job', { ...args, model_id: 5n }, JobsError.ModelNotFound);
    t.ext.assertNoop(signed(A.owner), 'Jobs', 'post_inference_job', { ...args, input_cid: badCid }, JobsError.InvalidCid);
    t.ext.assertNoop(signed(A.owner), 'Jobs', 'post_inference_job', { ...args, reward: 1n }, JobsError.RewardTooLow);
  });
});

describe('joining a job', () => {
  it('volunteer checks role, activity, runtime, stake, ownership and duplicates', () => {
    const t = newJobsTest();
    t.ext.assertOk(signed(A.owner), 'Jobs', 'post_training_job', { spec: trainingSpec({ workers: 3 }), reward: REWARD });
    t.ext.assertOk(signed(A.owner), 'Jobs', 'post_training_job', { spec: trainingSpec({ min_worker_stake: 20_000n }), reward: REWARD });
    t.workers.register(t.ext.ctx, A.w1, { active: false });
    t.workers.register(t.ext.ctx, A.w2, { runtimes: [{ tag: 'OnnxCuda' }] });
    const job = { job_id: 0n };
    t.ext.assertNoop(signed(A.w3), 'Jobs', 'volunteer', { job_id: 5n }, JobsError.JobNotFound);
    t.ext.assertNoop(signed(A.owner), 'Jobs', 'volunteer', job, JobsError.ConflictOfInterest);
    t.ext.assertNoop(signed(A.stranger), 'Jobs', 'volunteer', job, JobsError.NotAWorker);
    t.ext.assertNoop(signed(A.verifier), 'Jobs', 'volunteer', job, JobsError.NotAWorker);
    t.ext.assertNoop(signed(A.w1), 'Jobs', 'volunteer', job, JobsError.WorkerInactive);
    t.ext.assertNoop(signed(A.w2), 'Jobs', 'volunteer', job, JobsError.UnsupportedRuntime);
    t.ext.assertNoop(signed(A.w3), 'Jobs', 'volunteer', { job_id: 1n }, JobsError.InsufficientStake);
    t.ext.assertOk(signed(A.w3), 'Jobs', 'volunteer', job);
    t.ext.assertNoop(signed(A.w3), 'Jobs', 'volunteer', job, JobsError.AlreadyVolunteered);
    t.ext.assertNoop(signed(A.w3), 'Jobs', 'apply', job, JobsError.AlreadyVolunteered);
    t.ext.assertNoop(signed(A.w1), 'Jobs', 'volunteer', job, JobsError.WorkerInactive);
  });

  it('apply refuses duplicates, a full list, and jobs that are not Open', () => {
    const t = newJobsTest({ maxCandidates: 1 });
    assigned(t);
    t.ext.assertNoop(signed(A.w3), 'Jobs', 'apply', { job_id: 0n }, JobsError.JobNotOpen);
    t.ext.assertNoop(signed(A.w3), 'Jobs', 'volunteer', { job_id: 0n }, JobsError.JobNotOpen);
    t.ext.assertOk(signed(A.owner), 'Jobs', 'post_training_job', { spec: trainingSpec(), reward: REWARD });
    t.ext.assertOk(signed(A.w3), 'Jobs', 'apply', { job_id: 1n });
    t.ext.assertNoop(signed(A.w3), 'Jobs', 'apply', { job_id: 1n }, JobsError.AlreadyCandidate);
    t.ext.assertNoop(signed(A.w4), 'Jobs', 'apply', { job_id: 1n }, JobsError.JobFull);
  });
});

describe('working on a job', () => {
  const submit = (segment_losses: number[], model_cid = CID) => ({ job_id: 0n, model_hash: MODEL_HASH, model_cid, checkpoint_root: ROOT_HASH, segment_losses });

  it('start_training and submit_result need an assigned worker, the right status and one loss per segment', () => {
    const t = newJobsTest();
    assigned(t);
    t.ext.assertNoop(signed(A.w1), 'Jobs', 'submit_result', submit(losses(10)), JobsError.InvalidTransition);
    t.ext.assertNoop(signed(A.w3), 'Jobs', 'start_training', { job_id: 0n }, JobsError.NotAssignedWorker);
    t.ext.assertOk(signed(A.w1), 'Jobs', 'start_training', { job_id: 0n });
    t.ext.assertNoop(signed(A.w1), 'Jobs', 'start_training', { job_id: 0n }, JobsError.InvalidTransition);
    t.ext.assertNoop(signed(A.w3), 'Jobs', 'submit_result', submit(losses(10)), JobsError.NotAssignedWorker);
    t.ext.assertNoop(signed(A.w1), 'Jobs', 'submit_result', submit(losses(9)), JobsError.LossCountMismatch);
    t.ext.assertNoop(signed(A.w1), 'Jobs', 'submit_result', submit(losses(11)), JobsError.LossCountMismatch);
    t.ext.assertNoop(signed(A.w1), 'Jobs', 'submit_result', submit(losses(10), badCid), JobsError.InvalidCid);
    const inference = { job_id: 0n, output_hash: MODEL_HASH, output_cid: CID, receipt: ROOT_HASH };
    t.ext.assertNoop(signed(A.w1), 'Jobs', 'submit_inference_result', inference, JobsError.NotInferenceJob);
  });

  it('verification panels must be distinct, staked in the role, and independent of the job', () => {
    const t = newJobsTest();
    verifying(t);
    const verify = (verifiers: Uint8Array[], error: PalletError) => t.ext.assertNoop(root, 'Jobs', 'force_verification_result', acceptArgs(verifiers), error);
    verify([A.verifier, A.verifier], JobsError.DuplicateAccount);
    verify([A.w2], JobsError.ConflictOfInterest);
    verify([A.owner], JobsError.ConflictOfInterest);
    verify([A.evaluator], JobsError.NotAVerifier);
    verify(Array.from({ length: 17 }, (_, i) => acct(100 + i)), JobsError.TooManyVerifiers);
    t.ext.assertNoop(root, 'Jobs', 'force_evaluation', { job_id: 0n, evaluators: [], score: 1 }, JobsError.InvalidTransition);
    t.ext.assertOk(root, 'Jobs', 'force_verification_result', acceptArgs([A.verifier]));
    const evaluate = (evaluators: Uint8Array[], score: number, error: PalletError) => t.ext.assertNoop(root, 'Jobs', 'force_evaluation', { job_id: 0n, evaluators, score }, error);
    evaluate([A.evaluator], 1_000_001, JobsError.InvalidScore);
    evaluate([A.verifier], 1, JobsError.NotAnEvaluator);
    evaluate([A.evaluator, A.evaluator], 1, JobsError.DuplicateAccount);
    evaluate([A.w1], 1, JobsError.ConflictOfInterest);
    t.ext.assertNoop(signed(A.evaluator), 'Jobs', 'force_evaluation', { job_id: 0n, evaluators: [], score: 1 }, BadOrigin);
  });
});

describe('the Config', () => {
  it('is rejected at construction when shares or weights do not sum to 100% or bounds are impossible', () => {
    expect(() => newJobsTest({ payoutShares: { workers: 850_000, verifiers: 70_000, evaluators: 30_000, treasury: 40_000 } })).toThrow(/payoutShares must sum to 1000000/);
    expect(() => newJobsTest({ schedulerWeights: { locality: 1, acceleratorFit: 0, sla: 0, price: 0, load: 0 } })).toThrow(/schedulerWeights must sum/);
    expect(() => newJobsTest({ networkFee: 1_000_001 })).toThrow(/networkFee/);
    expect(() => newJobsTest({ maxWorkersPerJob: 256 })).toThrow(/maxWorkersPerJob/);
    expect(() => newJobsTest({ maxSegments: 0 })).toThrow(/maxSegments/);
  });
});
