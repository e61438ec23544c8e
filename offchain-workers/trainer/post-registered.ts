/**
 * Posts a training job from registered ids: the model (models pallet) whose CID holds a model pack, and the
 * dataset (datasets pallet). Both blobs are fetched from the node and checked (a verified train-step package; a
 * dataset whose examples fit it) before anything is sent, so a wrong id fails with a clear message instead of
 * a job no worker can train. The model becomes the job's `base_model`: the trained model's lineage starts there.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hexToU8a } from '@polkadot/util';
import { cidToString } from '../../pallets/common/cid.ts';
import { decodeTds } from '../datasets/tds.ts';
import { PACKAGE_FILES } from '../training/manifest.ts';
import { checkDatasetFits } from '../training/model-package.ts';
import { blake2b256, hashReady } from '../training/state-hash.ts';
import type { BlobBytes } from './blobs.ts';
import type { ChainClient } from './chain.ts';
import { unpackFiles, unpackModel } from './package-blob.ts';
import type { PostedJob } from './post-job.ts';
import { readModelDir } from './register-model.ts';
import { type JobTerms, submitTrainingJob } from './submit-job.ts';

/** What {@link postRegisteredJob} needs: the ids and the job's terms. */
export interface PostRegisteredOptions extends JobTerms {
  modelId: number;
  datasetId: number;
}

interface ModelJson {
  cid: string;
  revoked: boolean;
  published: boolean;
}

/** Checks, then posts; returns the new job's id and what it names. */
export async function postRegisteredJob(c: ChainClient, blobs: BlobBytes, o: PostRegisteredOptions): Promise<PostedJob> {
  await hashReady();
  const model = (await c.query('models', 'models')(o.modelId)).toJSON() as ModelJson | null;
  if (model === null) throw new Error(`no model #${o.modelId} is registered`);
  if (model.revoked) throw new Error(`model #${o.modelId} is revoked`);
  if (!model.published) throw new Error(`model #${o.modelId} is not published: jobs can only train a published model (trainchain model register publishes it)`);
  const dsInfo = (await c.query('datasets', 'datasets')(o.datasetId)).toJSON() as { cid: string; retiredAt?: number | null } | null;
  if (dsInfo === null) throw new Error(`no dataset #${o.datasetId} is registered`);
  if (dsInfo.retiredAt !== undefined && dsInfo.retiredAt !== null) throw new Error(`dataset #${o.datasetId} is retired`);

  const modelCid = cidToString(hexToU8a(model.cid));
  const datasetCid = cidToString(hexToU8a(dsInfo.cid));
  const pack = await blobs.get(modelCid);
  const dir = await mkdtemp(join(tmpdir(), 'trainchain-post-'));
  let manifest: Uint8Array;
  try {
    try {
      await unpackModel(pack, dir);
    } catch (e) {
      throw new Error(`model #${o.modelId} (${modelCid}) is not a trainable model pack: ${(e as Error).message}`);
    }
    const pkg = await readModelDir(dir);
    let dataset;
    try {
      dataset = decodeTds(await blobs.get(datasetCid));
    } catch (e) {
      throw new Error(`dataset #${o.datasetId} (${datasetCid}) is not a TDS dataset: ${(e as Error).message}`);
    }
    try {
      checkDatasetFits(pkg, dataset);
    } catch (e) {
      throw new Error(`dataset #${o.datasetId} does not fit model #${o.modelId}: ${(e as Error).message}`);
    }
    manifest = unpackFiles(pack).get(PACKAGE_FILES.manifest)!;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const subject = { modelCid, datasetId: o.datasetId, baseModel: o.modelId, hyperparamsHash: blake2b256(manifest) };
  const { jobId, deadline } = await submitTrainingJob(c, subject, o);
  return { jobId, datasetId: o.datasetId, modelId: o.modelId, modelCid, datasetCid, deadline };
}
