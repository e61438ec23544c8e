import { describe, expect, it } from 'vitest';
import { BadOrigin } from '../../runtime/framework/pallet.ts';
import { root, signed } from '../../runtime/framework/testing.ts';
import { JobsError } from './index.ts';
import {
  A,
  acceptArgs,
  assigned,
  CID,
  FEE,
  jobEvents,
  type JobsTest,
  losses,
  MODEL_HASH,
  newJobsTest,
  REWARD,
  ROOT_HASH,
  trainingSpec,
  verifying,
  WORKER_BOND,
} from './testkit.ts';

const ESCROW = REWARD + FEE;
const locked = (t: JobsTest, who: Uint8Array) => t.staking.storage.Locked.get(t.ext.state, who);
const PROOF = new Uint8Array(32).fill(0x77);
const reject = (offender: Uint8Array | undefined) => ({ job_id: 0n, accepted: false, verifiers: [], offender, proof_ref: PROOF });
const submitArgs = { job_id: 0n, model_hash: MODEL_HASH, model_cid: CID, checkpoint_root: ROOT_HASH, segment_losses: losses(10) };

describe('cancel_job', () => {
  it('refunds an Open job in full, fee included, and releases volunteers and candidates', () => {
    const t = newJobsTest();
    t.ext.assertOk(signed(A.owner), 'Jobs', 'post_training_job', { spec: trainingSpec(), reward: REWARD });
    t.ext.assertOk(signed(A.w1), 'Jobs', 'volunteer', { job_id: 0n });
    t.ext.assertOk(signed(A.w3), 'Jobs', 'apply', { job_id: 0n });
    t.ext.assertOk(signed(A.owner), 'Jobs', 'cancel_job', { job_id: 0n });
    expect(jobEvents(t).at(-1)).toEqual({ name: 'JobCancelled', value: { job_id: 0n, refund: ESCROW } });
    expect([t.free(A.owner), t.reserved(A.owner)]).toEqual([1_000_000n, 0n]);
    expect(t.job(0n)).toMatchObject({ status: { tag: 'Cancelled' }, escrow_remaining: 0n });
    expect(locked(t, A.w1)).toBe(0n);
    expect(t.jobs.storage.Candidates.contains(t.ext.state, 0n, A.w3)).toBe(false);
    expect(t.jobs.storage.CandidateCount.get(t.ext.state, 0n)).toBe(0);
  });

  it('refunds an Assigned job that has not started and releases its workers', () => {
    const t = newJobsTest();
    assigned(t);
    t.ext.assertOk(signed(A.owner), 'Jobs', 'cancel_job', { job_id: 0n });
    expect([locked(t, A.w1), locked(t, A.w2), t.reserved(A.owner)]).toEqual([0n, 0n, 0n]);
  });

  it('refuses once training started, for anyone but the owner, for unknown jobs and for Root', () => {
    const t = newJobsTest();
    assigned(t);
    t.ext.assertNoop(signed(A.w1), 'Jobs', 'cancel_job', { job_id: 0n }, JobsError.NotJobOwner);
    t.ext.assertNoop(signed(A.owner), 'Jobs', 'cancel_job', { job_id: 9n }, JobsError.JobNotFound);
    t.ext.assertNoop(root, 'Jobs', 'cancel_job', { job_id: 0n }, BadOrigin);
    t.ext.assertOk(signed(A.w1), 'Jobs', 'start_training', { job_id: 0n });
    t.ext.assertNoop(signed(A.owner), 'Jobs', 'cancel_job', { job_id: 0n }, JobsError.InvalidTransition);
  });
});

describe('deadlines', () => {
  it('expire an Open job at its deadline with a full refund', () => {
    const t = newJobsTest();
    t.ext.assertOk(signed(A.owner), 'Jobs', 'post_training_job', { spec: trainingSpec({ deadline: 10 }), reward: REWARD });
    t.ext.assertOk(signed(A.w1), 'Jobs', 'volunteer', { job_id: 0n });
    t.advanceTo(9);
    expect(t.job(0n).status.tag).toBe('Open');
    t.advance();
    expect(jobEvents(t)).toEqual([{ name: 'JobExpired', value: { job_id: 0n, refund: ESCROW } }]);
    expect(t.job(0n)).toMatchObject({ status: { tag: 'Expired' }, escrow_remaining: 0n });
    expect([t.reserved(A.owner), locked(t, A.w1)]).toEqual([0n, 0n]);
    expect(t.jobs.storage.Deadlines.contains(t.ext.state, 10, 0n)).toBe(false);
    t.ext.assertNoop(signed(A.w2), 'Jobs', 'volunteer', { job_id: 0n }, JobsError.JobNotOpen);
  });

  it('move a check to the next block with room when a block is full, and refuse work past the deadline', () => {
    const t = newJobsTest({ maxDeadlinesPerBlock: 1, applicationPeriod: 2, assignmentTimeout: 5, submissionGrace: 2, inferenceTimeout: 20 });
    for (const owner of [A.owner, A.owner2]) t.ext.assertOk(signed(owner), 'Jobs', 'post_training_job', { spec: trainingSpec({ deadline: 10 }), reward: REWARD });
    expect(t.jobs.storage.Deadlines.contains(t.ext.state, 11, 1n)).toBe(true);
    t.advanceTo(10);
    expect([t.job(0n).status.tag, t.job(1n).status.tag]).toEqual(['Expired', 'Open']);
    t.ext.assertNoop(signed(A.w1), 'Jobs', 'volunteer', { job_id: 1n }, JobsError.DeadlinePassed);
    t.advance();
    expect(t.job(1n).status.tag).toBe('Expired');
    expect(t.held()).toBe(t.issuance());
  });
});

describe('silent workers', () => {
  it('are penalized when training does not start in time, and the job reopens for others', () => {
    const t = newJobsTest();
    const issuance = t.issuance();
    assigned(t);
    t.advanceTo(5);
    expect(t.job(0n).status.tag).toBe('Assigned');
    t.advance();
    expect(jobEvents(t)).toEqual([
      { name: 'WorkerTimedOut', value: { job_id: 0n, worker: A.w1, slashed: 100n } },
      { name: 'WorkerTimedOut', value: { job_id: 0n, worker: A.w2, slashed: 100n } },
      { name: 'JobReopened', value: { job_id: 0n } },
    ]);
    expect(t.job(0n)).toMatchObject({ status: { tag: 'Open' }, workers: [], seed: undefined, assigned_at: undefined, escrow_remaining: ESCROW });
    for (const w of [A.w1, A.w2]) {
      expect(t.workers.record(t.ext.state, w)).toMatchObject({ reputation: 450_000, faults: 1 });
      expect([t.reserved(w), locked(t, w)]).toEqual([WORKER_BOND - 100n, 0n]);
    }
    expect([t.issuance(), t.held()]).toEqual([issuance - 200n, issuance - 200n]);
    for (const w of [A.w3, A.w4]) t.ext.assertOk(signed(w), 'Jobs', 'volunteer', { job_id: 0n });
    expect(t.job(0n)).toMatchObject({ status: { tag: 'Assigned' }, workers: [A.w3, A.w4], assigned_at: 6 });
  });

  it('make an Assigned job expire with a refund when its deadline comes first', () => {
    const t = newJobsTest();
    assigned(t, trainingSpec({ deadline: 4 }));
    t.advanceTo(4);
    expect(jobEvents(t).map((e) => e.name)).toEqual(['WorkerTimedOut', 'WorkerTimedOut', 'JobExpired']);
    expect(t.job(0n)).toMatchObject({ status: { tag: 'Expired' }, escrow_remaining: 0n });
    expect(t.reserved(A.owner)).toBe(0n);
  });

  it('may submit within the grace after the deadline; after it the job expires and they are penalized', () => {
    const late = newJobsTest();
    assigned(late, trainingSpec({ deadline: 10 }));
    late.ext.assertOk(signed(A.w1), 'Jobs', 'start_training', { job_id: 0n });
    late.advanceTo(11);
    late.ext.assertOk(signed(A.w2), 'Jobs', 'submit_result', submitArgs);

    const t = newJobsTest();
    assigned(t, trainingSpec({ deadline: 10 }));
    t.ext.assertOk(signed(A.w1), 'Jobs', 'start_training', { job_id: 0n });
    t.advanceTo(11);
    expect(t.job(0n).status.tag).toBe('Training');
    t.advance();
    expect(jobEvents(t).map((e) => e.name)).toEqual(['WorkerTimedOut', 'WorkerTimedOut', 'JobExpired']);
    expect(t.job(0n)).toMatchObject({ status: { tag: 'Expired' }, escrow_remaining: 0n });
    t.ext.assertNoop(signed(A.w1), 'Jobs', 'submit_result', submitArgs, JobsError.InvalidTransition);
  });
});

describe('a rejected result', () => {
  it('slashes the offender\'s collateral, notes the fault, releases every lock and refunds the owner', () => {
    const t = newJobsTest();
    const issuance = t.issuance();
    verifying(t);
    t.ext.assertOk(root, 'Jobs', 'force_verification_result', reject(A.w1));
    expect(jobEvents(t).at(-1)).toEqual({ name: 'ResultRejected', value: { job_id: 0n, offender: A.w1, slashed: 1_000n, refund: ESCROW } });
    expect(t.job(0n)).toMatchObject({ status: { tag: 'Failed' }, escrow_remaining: 0n });
    expect([t.free(A.owner), t.reserved(A.owner)]).toEqual([1_000_000n, 0n]);
    expect(t.reserved(A.w1)).toBe(WORKER_BOND - 1_000n);
    expect(t.workers.record(t.ext.state, A.w1)).toMatchObject({ reputation: 300_000, faults: 1 });
    expect(t.workers.record(t.ext.state, A.w2)).toMatchObject({ reputation: 500_000, faults: 0 });
    expect([locked(t, A.w1), locked(t, A.w2)]).toEqual([0n, 0n]);
    expect([t.issuance(), t.held()]).toEqual([issuance - 1_000n, issuance - 1_000n]);
    t.ext.assertNoop(root, 'Jobs', 'force_verification_result', acceptArgs([]), JobsError.InvalidTransition);
  });

  it('pays the reporter Staking\'s share when the protocol names one', () => {
    const t = newJobsTest();
    verifying(t);
    t.jobs.reject(t.ext.ctx, 0n, A.w2, PROOF, A.verifier);
    expect(t.free(A.verifier)).toBe(10_000n - 1_000n + 500n);
  });

  it('needs an offender among the job\'s workers and a job in Verifying', () => {
    const t = newJobsTest();
    t.ext.assertOk(signed(A.owner), 'Jobs', 'post_training_job', { spec: trainingSpec(), reward: REWARD });
    t.ext.assertNoop(root, 'Jobs', 'force_verification_result', reject(A.w1), JobsError.InvalidTransition);
    t.ext.assertOk(signed(A.owner), 'Jobs', 'cancel_job', { job_id: 0n });
    const v = newJobsTest();
    verifying(v);
    v.ext.assertNoop(root, 'Jobs', 'force_verification_result', reject(undefined), JobsError.OffenderRequired);
    v.ext.assertNoop(root, 'Jobs', 'force_verification_result', reject(A.w3), JobsError.NotAssignedWorker);
    v.ext.assertNoop(signed(A.owner), 'Jobs', 'force_verification_result', reject(A.w1), BadOrigin);
  });
});
