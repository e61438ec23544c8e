/** Jobs events: past tense, named fields, docs for explorers. */
import { defineEvents } from '../../runtime/framework/pallet.ts';
import { AccountId32, Balance, H256 } from '../../runtime/primitives.ts';
import { option, u32, u64, vec } from '../../runtime/scale/codec.ts';
import { JobId, PayoutRole } from './types.ts';

const jobWorker = { job_id: JobId, worker: AccountId32 };

/** `pallet_jobs::pallet::Event`, deposited with `ctx.deposit(JobsEvent, …)`. */
export const JobsEvent = defineEvents('Jobs', 'pallet_jobs', {
  JobPosted: {
    index: 0,
    fields: { job_id: JobId, owner: AccountId32, reward: Balance, fee: Balance },
    docs: [' A job was posted; `reward + fee` is reserved on the owner.'],
  },
  WorkerVolunteered: { index: 1, fields: jobWorker, docs: [' A worker joined a job and locked its stake.'] },
  JobAssigned: {
    index: 2,
    fields: { job_id: JobId, workers: vec(AccountId32), seed: H256 },
    docs: [' A job has all its workers; `seed` (chain randomness) fixes the training seed and data order.'],
  },
  TrainingStarted: { index: 3, fields: jobWorker, docs: [' A worker started training.'] },
  ResultSubmitted: {
    index: 4,
    fields: { job_id: JobId, worker: AccountId32, model_hash: H256, checkpoint_root: H256 },
    docs: [' A training result was submitted.'],
  },
  VerificationStarted: { index: 5, fields: { job_id: JobId }, docs: [' The verification protocol took the result.'] },
  ResultAccepted: { index: 6, fields: { job_id: JobId, verifiers: vec(AccountId32) }, docs: [' Verification accepted the result.'] },
  ResultRejected: {
    index: 7,
    fields: { job_id: JobId, offender: AccountId32, slashed: Balance, refund: Balance },
    docs: [' Verification rejected the result: the offender was slashed, the owner refunded.'],
  },
  EvaluationCompleted: {
    index: 8,
    fields: { job_id: JobId, evaluators: vec(AccountId32), score: u32 },
    docs: [' Evaluators scored the model (parts per million).'],
  },
  JobCompleted: {
    index: 9,
    fields: { job_id: JobId, model_id: option(u64) },
    docs: [' A job was paid out; `model_id` is the registered model (none for inference or a refused registration).'],
  },
  PaidOut: {
    index: 10,
    fields: { job_id: JobId, who: AccountId32, amount: Balance, role: PayoutRole },
    docs: [' Part of a job\'s escrow was paid.'],
  },
  JobCancelled: { index: 11, fields: { job_id: JobId, refund: Balance }, docs: [' The owner cancelled a job and got its escrow back.'] },
  JobExpired: { index: 12, fields: { job_id: JobId, refund: Balance }, docs: [' A job\'s deadline passed without a result; refunded.'] },
  JobReopened: { index: 13, fields: { job_id: JobId }, docs: [' A job\'s silent workers were dropped; it is open again.'] },
  InferenceResultSubmitted: {
    index: 14,
    fields: { job_id: JobId, worker: AccountId32, output_hash: H256, receipt: H256 },
    docs: [' An inference result was submitted.'],
  },
  CandidateApplied: { index: 15, fields: jobWorker, docs: [' A worker applied for the scheduler to consider it.'] },
  WorkerTimedOut: {
    index: 16,
    fields: { job_id: JobId, worker: AccountId32, slashed: Balance },
    docs: [' A worker went silent on a job: its reputation dropped and part of its stake was slashed.'],
  },
});
