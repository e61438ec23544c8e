import { describe, expect, it } from 'vitest';
import { blake2_256 } from '../../runtime/framework/hashers.ts';
import { signed, root } from '../../runtime/framework/testing.ts';
import { encode, u32, u64 } from '../../runtime/scale/codec.ts';
import { JobsError } from './index.ts';
import {
  A,
  acceptArgs,
  BASE_MODEL,
  CID,
  DATASET,
  FEE,
  jobEvents,
  type JobsTest,
  losses,
  MODEL_HASH,
  newJobsTest,
  REWARD,
  ROLE_BOND,
  ROOT_HASH,
  trainingSpec,
  utf8,
  verifying,
  WORKER_BOND,
} from './testkit.ts';

const names = (t: JobsTest) => jobEvents(t).map((e) => e.name);
const accept = acceptArgs;

describe('a training job, end to end', () => {
  it('escrows, assigns with chain randomness, verifies, evaluates and pays every unit by shares', () => {
    const t = newJobsTest();
    const issuance = t.issuance();
    t.ext.assertOk(signed(A.owner), 'Jobs', 'post_training_job', { spec: trainingSpec(), reward: REWARD });
    expect(jobEvents(t)).toEqual([{ name: 'JobPosted', value: { job_id: 0n, owner: A.owner, reward: REWARD, fee: FEE } }]);
    expect([t.free(A.owner), t.reserved(A.owner)]).toEqual([1_000_000n - REWARD - FEE, REWARD + FEE]);
    expect(t.job(0n)).toMatchObject({ status: { tag: 'Open' }, escrow_remaining: REWARD + FEE, posted_at: 1 });

    t.ext.assertOk(signed(A.w1), 'Jobs', 'volunteer', { job_id: 0n });
    expect(t.job(0n)).toMatchObject({ status: { tag: 'Open' }, workers: [A.w1], seed: undefined });
    expect(t.staking.storage.Locked.get(t.ext.state, A.w1)).toBe(1_000n);
    t.advance();
    t.ext.assertOk(signed(A.w2), 'Jobs', 'volunteer', { job_id: 0n });
    const seed = blake2_256(new Uint8Array([...new Uint8Array(32), ...encode(u32, 2), ...utf8('jobs/seed'), ...encode(u64, 0n)]));
    expect(jobEvents(t)).toEqual([
      { name: 'WorkerVolunteered', value: { job_id: 0n, worker: A.w2 } },
      { name: 'JobAssigned', value: { job_id: 0n, workers: [A.w1, A.w2], seed } },
    ]);
    expect(t.job(0n)).toMatchObject({ status: { tag: 'Assigned' }, assigned_at: 2, seed });

    t.advance();
    t.ext.assertOk(signed(A.w2), 'Jobs', 'start_training', { job_id: 0n });
    t.ext.assertOk(signed(A.w1), 'Jobs', 'submit_result', { job_id: 0n, model_hash: MODEL_HASH, model_cid: CID, checkpoint_root: ROOT_HASH, segment_losses: losses(10) });
    expect(names(t)).toEqual(['TrainingStarted', 'ResultSubmitted', 'VerificationStarted']);
    expect(t.job(0n).status.tag).toBe('Verifying');
    expect(t.verification.submitted).toEqual([0n]);

    t.ext.assertOk(root, 'Jobs', 'force_verification_result', accept([A.verifier, A.verifier2]));
    expect(t.job(0n)).toMatchObject({ status: { tag: 'Evaluating' }, verifiers: [A.verifier, A.verifier2] });

    t.advance(1, A.author);
    t.ext.assertOk(root, 'Jobs', 'force_evaluation', { job_id: 0n, evaluators: [A.evaluator], score: 900_000 });
    const paid = (who: Uint8Array, amount: bigint, role: string) => ({ name: 'PaidOut', value: { job_id: 0n, who, amount, role: { tag: role } } });
    expect(jobEvents(t)).toEqual([
      { name: 'EvaluationCompleted', value: { job_id: 0n, evaluators: [A.evaluator], score: 900_000 } },
      paid(A.w1, 4_250n, 'Worker'),
      paid(A.w2, 4_250n, 'Worker'),
      paid(A.verifier, 350n, 'Verifier'),
      paid(A.verifier2, 350n, 'Verifier'),
      paid(A.evaluator, 300n, 'Evaluator'),
      paid(A.treasury, 500n, 'Treasury'),
      paid(A.author, FEE, 'BlockAuthor'),
      { name: 'JobCompleted', value: { job_id: 0n, model_id: 1_000n } },
    ]);
    const bonded = (initial: bigint, bond: bigint) => initial - bond;
    expect([t.free(A.owner), t.reserved(A.owner)]).toEqual([1_000_000n - REWARD - FEE, 0n]);
    expect([t.free(A.w1), t.reserved(A.w1)]).toEqual([bonded(100_000n, WORKER_BOND) + 4_250n, WORKER_BOND]);
    expect(t.free(A.w2)).toBe(bonded(100_000n, WORKER_BOND) + 4_250n);
    expect(t.free(A.verifier)).toBe(bonded(10_000n, ROLE_BOND) + 350n);
    expect(t.free(A.evaluator)).toBe(bonded(10_000n, ROLE_BOND) + 300n);
    expect(t.free(A.treasury)).toBe(1_500n);
    expect(t.free(A.author)).toBe(200n);
    expect(t.issuance()).toBe(issuance);
    expect(t.held()).toBe(issuance);

    expect(t.job(0n)).toMatchObject({ status: { tag: 'Completed' }, escrow_remaining: 0n, score: 900_000, evaluators: [A.evaluator], model_id: 1_000n });
    expect(t.models.model(t.ext.state, 1_000n)).toEqual({ owner: A.owner, job_id: 0n, model_hash: MODEL_HASH, base_model: BASE_MODEL, training_dataset: DATASET });
    for (const w of [A.w1, A.w2]) {
      expect(t.staking.storage.Locked.get(t.ext.state, w)).toBe(0n);
      expect(t.workers.record(t.ext.state, w)).toMatchObject({ reputation: 510_000, verified: 1 });
      expect(t.jobs.storage.WorkerLoad.get(t.ext.state, w)).toBe(0);
    }
    // Paid once: nothing is left to pay, and the job cannot be evaluated again.
    t.ext.assertNoop(root, 'Jobs', 'force_evaluation', { job_id: 0n, evaluators: [], score: 1 }, JobsError.InvalidTransition);
  });

  it('sends unnamed verifier and evaluator shares and a fee without author to the treasury; remainders are exact', () => {
    const t = newJobsTest();
    const spec = trainingSpec({ workers: 3 });
    t.ext.assertOk(signed(A.owner), 'Jobs', 'post_training_job', { spec, reward: 10_001n });
    for (const w of [A.w1, A.w2, A.w3]) t.ext.assertOk(signed(w), 'Jobs', 'volunteer', { job_id: 0n });
    t.ext.assertOk(signed(A.w3), 'Jobs', 'start_training', { job_id: 0n });
    t.ext.assertOk(signed(A.w3), 'Jobs', 'submit_result', { job_id: 0n, model_hash: MODEL_HASH, model_cid: CID, checkpoint_root: ROOT_HASH, segment_losses: losses(10) });
    t.ext.assertOk(root, 'Jobs', 'force_verification_result', accept([]));
    t.ext.assertOk(root, 'Jobs', 'force_evaluation', { job_id: 0n, evaluators: [], score: 0 });
    const payouts = jobEvents(t).filter((e) => e.name === 'PaidOut').map((e) => e.value as { amount: bigint; role: { tag: string } });
    // 10_001 × 85% = 8_500 (2_834 + 2_833 + 2_833); 700 + 300 + 501 to the treasury; fee 100 too.
    expect(payouts.map((p) => [p.role.tag, p.amount])).toEqual([['Worker', 2_834n], ['Worker', 2_833n], ['Worker', 2_833n], ['Treasury', 1_501n], ['Treasury', 100n]]);
    expect(t.free(A.treasury)).toBe(1_000n + 1_601n);
    expect(t.held()).toBe(t.issuance());
  });

  it('completes and pays even when Models refuses the registration, without a model id', () => {
    const t = newJobsTest();
    verifying(t);
    t.ext.assertOk(root, 'Jobs', 'force_verification_result', accept([A.verifier]));
    t.models.control.refuse = true;
    t.ext.assertOk(root, 'Jobs', 'force_evaluation', { job_id: 0n, evaluators: [A.evaluator], score: 1 });
    expect(jobEvents(t).at(-1)).toEqual({ name: 'JobCompleted', value: { job_id: 0n, model_id: undefined } });
    expect(t.job(0n)).toMatchObject({ status: { tag: 'Completed' }, model_id: undefined, escrow_remaining: 0n });
  });

  it('lets the verification protocol answer inside the submission (pluggable hooks)', () => {
    const t = newJobsTest();
    t.verification.control.then = (ctx, id) => {
      t.jobs.accept(ctx, id, [A.verifier]);
      t.jobs.completeEvaluation(ctx, id, [A.evaluator], 750_000);
    };
    verifying(t);
    expect(t.job(0n)).toMatchObject({ status: { tag: 'Completed' }, score: 750_000, escrow_remaining: 0n });
    expect(names(t).slice(4, 9)).toEqual(['TrainingStarted', 'ResultSubmitted', 'VerificationStarted', 'ResultAccepted', 'EvaluationCompleted']);
  });
});

describe('an inference job', () => {
  it('takes one worker, goes Assigned → Submitted → Verifying and completes on acceptance', () => {
    const t = newJobsTest();
    const input = { model_id: BASE_MODEL, input_hash: new Uint8Array(32).fill(3), input_cid: CID, reward: 1_000n };
    t.ext.assertOk(signed(A.owner), 'Jobs', 'post_inference_job', input);
    expect(t.job(0n).kind).toMatchObject({ tag: 'Inference', value: { min_worker_stake: 500n, deadline: 21 } });
    t.ext.assertOk(signed(A.w1), 'Jobs', 'volunteer', { job_id: 0n });
    expect(t.job(0n).status.tag).toBe('Assigned');
    t.ext.assertNoop(signed(A.w1), 'Jobs', 'start_training', { job_id: 0n }, JobsError.NotTrainingJob);
    const out = { job_id: 0n, output_hash: new Uint8Array(32).fill(4), output_cid: CID, receipt: new Uint8Array(32).fill(5) };
    t.ext.assertOk(signed(A.w1), 'Jobs', 'submit_inference_result', out);
    expect(t.job(0n)).toMatchObject({ status: { tag: 'Verifying' }, result: { tag: 'Inference', value: { receipt: out.receipt } } });
    t.ext.assertOk(root, 'Jobs', 'force_verification_result', accept([A.verifier]));
    expect(t.job(0n)).toMatchObject({ status: { tag: 'Completed' }, escrow_remaining: 0n, model_id: undefined });
    expect(t.free(A.w1)).toBe(100_000n - WORKER_BOND + 850n);
    expect(t.free(A.verifier)).toBe(10_000n - ROLE_BOND + 70n);
    // Evaluators' 30 + treasury 50 + fee 10 (no author).
    expect(t.free(A.treasury)).toBe(1_090n);
    expect(t.held()).toBe(t.issuance());
  });
});
