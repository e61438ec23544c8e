/**
 * Jobs in the states the benchmarks start from, reached with the pallet's own calls (as `pallets/jobs/testkit.ts`
 * sequences them): posted, staffed (volunteers and candidates), training, submitted, accepted.
 */
import { UNIT } from '../../runtime/runtime.ts';
import { type Account, type BenchChain, callOf } from './chain.ts';
import { cid, h256, owner, REWARD, trainingSpec, type World } from './world.ts';

/** What a benchmark job looks like. */
export interface JobShape {
  /** Workers the spec asks for (1..=8). */
  workers?: number;
  segments?: number;
  /** Blocks from now to the deadline. */
  deadlineIn?: number;
  /** Owner account index. */
  owner?: number;
  reward?: bigint;
}

/** The id the next posted job gets. */
export const nextJob = (c: BenchChain): bigint => c.runtime.jobs.storage.NextJobId.get(c.exec.state);

/** `Jobs.post_training_job` for a shape, due `deadlineIn` blocks after the open block. */
export function postCall(w: World, c: BenchChain, shape: JobShape = {}) {
  return callOf('Jobs', 'post_training_job', { spec: trainingSpec(w, c.number + (shape.deadlineIn ?? 1_000), shape.workers ?? 1, shape.segments ?? 10), reward: shape.reward ?? REWARD });
}

/** Posts a training job and returns its id. */
export function post(w: World, c: BenchChain, shape: JobShape = {}): bigint {
  const id = nextJob(c);
  c.as(owner(w, shape.owner ?? 0), postCall(w, c, shape));
  return id;
}

/** Workers `from .. from + count` volunteer for job `id`. */
export function volunteer(w: World, c: BenchChain, id: bigint, from: number, count: number): void {
  for (let i = from; i < from + count; i++) c.as(w.workers[i]!, callOf('Jobs', 'volunteer', { job_id: id }));
}

/** Workers `from .. from + count` apply to job `id`. */
export function apply(w: World, c: BenchChain, id: bigint, from: number, count: number): void {
  for (let i = from; i < from + count; i++) c.as(w.workers[i]!, callOf('Jobs', 'apply', { job_id: id }));
}

/** `Jobs.submit_result` by `who` with `segments` losses and a model hash unique to the job. */
export function submitCall(id: bigint, segments: number) {
  const losses = Array.from({ length: segments }, (_, i) => 2_300_000 - i * 1_000);
  return callOf('Jobs', 'submit_result', { job_id: id, model_hash: h256(1_000_000 + Number(id)), model_cid: cid(`trained-${id}`), checkpoint_root: h256(7), segment_losses: losses });
}

/** A job with `workers` workers (0..) in Training. */
export function training(w: World, c: BenchChain, shape: JobShape = {}): bigint {
  const id = post(w, c, shape);
  volunteer(w, c, id, 0, shape.workers ?? 1);
  c.as(w.workers[0]!, callOf('Jobs', 'start_training', { job_id: id }));
  return id;
}

/** A training job submitted by worker 0: Verifying. */
export function verifying(w: World, c: BenchChain, shape: JobShape = {}): bigint {
  const id = training(w, c, shape);
  c.as(w.workers[0]!, submitCall(id, shape.segments ?? 10));
  return id;
}

/** The first `n` panel members as account ids. */
export const panelIds = (w: World, n: number): Uint8Array[] => w.panel.slice(0, n).map((p) => p.publicKey);

/** `Jobs.force_verification_result` accepting job `id`, crediting `verifiers`. */
export const acceptCall = (id: bigint, verifiers: Uint8Array[]) =>
  callOf('Jobs', 'force_verification_result', { job_id: id, accepted: true, verifiers, offender: undefined, proof_ref: h256(9) });

/** A training job accepted by `verifiers` panel members: Evaluating. */
export function evaluating(w: World, c: BenchChain, verifiers: number, shape: JobShape = {}): bigint {
  const id = verifying(w, c, shape);
  c.root(acceptCall(id, panelIds(w, verifiers)));
  return id;
}

/** An inference job on the base model, taken by worker 0: Assigned. */
export function inferenceAssigned(w: World, c: BenchChain): bigint {
  const id = nextJob(c);
  c.as(owner(w), callOf('Jobs', 'post_inference_job', { model_id: w.baseModel, input_hash: h256(3), input_cid: cid('input'), reward: REWARD }));
  c.as(w.workers[0]!, callOf('Jobs', 'volunteer', { job_id: id }));
  return id;
}

/** An inference job submitted: Verifying. */
export function inferenceVerifying(w: World, c: BenchChain): bigint {
  const id = inferenceAssigned(w, c);
  c.as(w.workers[0]!, callOf('Jobs', 'submit_inference_result', { job_id: id, output_hash: h256(4), output_cid: cid('output'), receipt: h256(5) }));
  return id;
}

/** `count` jobs of `perJob` workers each in Training, all due at the same block; returns that block (deadline + grace). */
export function silentJobs(w: World, c: BenchChain, count: number, perJob: number): number {
  const deadlineIn = 20;
  for (let j = 0; j < count; j++) training(w, c, { workers: perJob, deadlineIn, owner: j % 16 });
  return c.number + deadlineIn + c.runtime.jobs.config.submissionGrace;
}

/** Job owner `i` as a signer. */
export const ownerPair = (w: World, i = 0): Account => owner(w, i);
/** The smallest reward a job may offer. */
export const MIN_REWARD = UNIT;
