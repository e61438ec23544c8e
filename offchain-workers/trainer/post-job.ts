/**
 * Posts a training job from local files: uploads the packed model directory and registers the TDS dataset
 * (register-dataset.ts; reused when its CID already is), then posts with `CpuExact` mode (submit-job.ts). The
 * hyperparameters hash is blake2b-256 of the package's `manifest.json`, which holds the batch size, learning
 * rate and optimizer the trainer uses. Such a job has no base model; post-registered.ts posts one that has.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PACKAGE_FILES } from '../training/manifest.ts';
import { blake2b256, hashReady } from '../training/state-hash.ts';
import type { BlobBytes } from './blobs.ts';
import type { ChainClient } from './chain.ts';
import { packModel } from './package-blob.ts';
import { readTdsFile, registerDataset } from './register-dataset.ts';
import { readModelDir } from './register-model.ts';
import { type JobTerms, submitTrainingJob } from './submit-job.ts';

/** What {@link postJob} needs. */
export interface PostJobOptions extends JobTerms {
  modelDir: string;
  datasetFile: string;
}

/** The posted job and the blobs it names. */
export interface PostedJob {
  jobId: number;
  datasetId: number;
  /** The registered base model, when the job was posted by model id. */
  modelId?: number;
  modelCid: string;
  datasetCid: string;
  deadline: number;
}

/** Uploads, registers and posts; returns the new job's id. */
export async function postJob(c: ChainClient, blobs: BlobBytes, o: PostJobOptions): Promise<PostedJob> {
  await hashReady();
  await readModelDir(o.modelDir); // refuses a damaged package before anything is uploaded
  await readTdsFile(o.datasetFile); // likewise for the dataset
  const modelCid = await blobs.put(await packModel(o.modelDir));
  const ds = await registerDataset(c, blobs, { file: o.datasetFile });
  const manifest = new Uint8Array(await readFile(join(o.modelDir, PACKAGE_FILES.manifest)));
  const { jobId, deadline } = await submitTrainingJob(c, { modelCid, datasetId: ds.datasetId, hyperparamsHash: blake2b256(manifest) }, o);
  return { jobId, datasetId: ds.datasetId, modelCid, datasetCid: ds.cid, deadline };
}
