/**
 * Posts a training job from local files: uploads the packed model directory and the TDS dataset to the blob
 * store, registers the dataset on chain unless its CID already is, and calls `jobs.post_training_job` with
 * `CpuExact` mode. The hyperparameters hash is blake2b-256 of the package's `manifest.json`, which holds the
 * batch size, learning rate and optimizer the trainer uses.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { u8aToHex } from '@polkadot/util';
import { PACKAGE_FILES } from '../training/manifest.ts';
import { readModelPackage } from '../training/model-package.ts';
import { blake2b256, hashReady } from '../training/state-hash.ts';
import { decodeTds } from '../datasets/tds.ts';
import { type BlobBytes, cidBytes } from './blobs.ts';
import type { ChainClient } from './chain.ts';
import { packModel } from './package-blob.ts';

/** What {@link postJob} needs. */
export interface PostJobOptions {
  modelDir: string;
  datasetFile: string;
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

/** The posted job and the blobs it names. */
export interface PostedJob {
  jobId: number;
  datasetId: number;
  modelCid: string;
  datasetCid: string;
  deadline: number;
}

/** Uploads, registers and posts; returns the new job's id. */
export async function postJob(c: ChainClient, blobs: BlobBytes, o: PostJobOptions): Promise<PostedJob> {
  await hashReady();
  await readModelPackage(o.modelDir); // refuses a damaged package before anything is uploaded
  const dsBytes = new Uint8Array(await readFile(o.datasetFile));
  decodeTds(dsBytes); // likewise for the dataset
  const modelCid = await blobs.put(await packModel(o.modelDir));
  const datasetCid = await blobs.put(dsBytes);
  const dsCidHex = u8aToHex(cidBytes(datasetCid));
  let known = await c.query('datasets', 'datasetByCid')(dsCidHex);
  if (known.isEmpty) {
    await c.send(c.tx('datasets', 'registerDataset')(dsCidHex, dsBytes.length, { Open: null }, ['tds'], '0x', null));
    known = await c.query('datasets', 'datasetByCid')(dsCidHex);
  }
  const datasetId = Number(known.toString());
  const manifest = new Uint8Array(await readFile(join(o.modelDir, PACKAGE_FILES.manifest)));
  const best = (await c.api.rpc.chain.getHeader()).number.toNumber();
  const spec = {
    trainStepModel: u8aToHex(cidBytes(modelCid)),
    datasetId,
    baseModel: null,
    hyperparamsHash: u8aToHex(blake2b256(manifest)),
    hyperparamsCid: null,
    totalSteps: o.totalSteps,
    segmentLength: o.segmentLength,
    mode: { CpuExact: null },
    workers: o.workers,
    minWorkerStake: o.minWorkerStake,
    deadline: best + o.deadlineIn,
    region: null,
    accelerator: null,
  };
  const events = await c.send(c.tx('jobs', 'postTrainingJob')(spec, o.reward));
  const posted = events.find((e) => e.section === 'jobs' && e.method === 'JobPosted');
  if (posted === undefined) throw new Error('the chain posted no JobPosted event');
  return { jobId: Number(posted.data[0]), datasetId, modelCid, datasetCid, deadline: spec.deadline };
}
