/**
 * `jobs.post_training_job` from already-stored pieces: the train-step package's CID, a registered dataset id,
 * the base model it derives from (if any) and the hyperparameters hash. Both ways of posting a job (from local
 * files, post-job.ts; from registered ids, post-registered.ts) end here.
 */
import { u8aToHex } from '@polkadot/util';
import { cidBytes } from './blobs.ts';
import type { ChainClient } from './chain.ts';

/** The job's terms, as the owner chooses them. */
export interface JobTerms {
  totalSteps: number;
  segmentLength: number;
  /** In the chain's smallest unit. */
  reward: bigint;
  workers: number;
  /** Collateral each worker locks, smallest unit. */
  minWorkerStake: bigint;
  /** Blocks from now until the result is due. */
  deadlineIn: number;
}

/** What the job trains: stored blobs and registered ids. */
export interface JobSubject {
  /** CID string of the packed train-step model. */
  modelCid: string;
  datasetId: number;
  /** The registered model this job trains further; the trained model's lineage starts there. */
  baseModel?: number;
  /** 32 bytes: blake2b-256 of the package's manifest (batch size, learning rate, optimizer). */
  hyperparamsHash: Uint8Array;
}

/** The posted job's id and deadline block. */
export interface SubmittedJob {
  jobId: number;
  deadline: number;
}

/** Posts a `CpuExact` training job; resolves once it is in a block with the id from `JobPosted`. */
export async function submitTrainingJob(c: ChainClient, subject: JobSubject, terms: JobTerms): Promise<SubmittedJob> {
  const best = (await c.api.rpc.chain.getHeader()).number.toNumber();
  const spec = {
    trainStepModel: u8aToHex(cidBytes(subject.modelCid)),
    datasetId: subject.datasetId,
    baseModel: subject.baseModel ?? null,
    hyperparamsHash: u8aToHex(subject.hyperparamsHash),
    hyperparamsCid: null,
    totalSteps: terms.totalSteps,
    segmentLength: terms.segmentLength,
    mode: { CpuExact: null },
    workers: terms.workers,
    minWorkerStake: terms.minWorkerStake,
    deadline: best + terms.deadlineIn,
    region: null,
    accelerator: null,
  };
  const events = await c.send(c.tx('jobs', 'postTrainingJob')(spec, terms.reward));
  const posted = events.find((e) => e.section === 'jobs' && e.method === 'JobPosted');
  if (posted === undefined) throw new Error('the chain posted no JobPosted event');
  return { jobId: Number(posted.data[0]), deadline: spec.deadline };
}
