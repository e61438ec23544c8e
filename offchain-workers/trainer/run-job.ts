/**
 * One assigned training job from download to `submit_result`: fetches and verifies the train-step package and
 * the dataset by their on-chain CIDs, starts training on chain (unless resuming), trains in segments of k
 * with a checkpoint per segment in the blob store and in the local resume file, then submits the Merkle root
 * of the segment state hashes, the final state hash, the final model's CID and the per-segment losses.
 */
import { join } from 'node:path';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import type { Logger } from '../../node/log.ts';
import { merkleRoot } from '../../storage/merkle.ts';
import { decodeTds } from '../datasets/tds.ts';
import { PACKAGE_FILES } from '../training/manifest.ts';
import { readModelPackage } from '../training/model-package.ts';
import type { OrtProvider } from '../training/session.ts';
import { type BlobBytes, cidBytes } from './blobs.ts';
import type { ChainClient, TrainingJob } from './chain.ts';
import { packFiles, unpackModel } from './package-blob.ts';
import { ProgressBar } from './progress.ts';
import { jobDir, loadResume, type ResumeRecord, saveResume, stateFromBytes, stateToBytes } from './resume.ts';
import { stateLengths, trainJob } from './train-job.ts';

/** What {@link runJob} needs besides the job. */
export interface RunJobContext {
  chain: ChainClient;
  blobs: BlobBytes;
  dataDir: string;
  ortProvider: OrtProvider;
  log: Logger;
  /** Pause after each checkpoint (demos and tests that want to interrupt a run). */
  segmentDelayMs?: number;
}

/** Losses go on chain as fixed point × 1e6 in a u32. */
export const lossToFixed = (loss: number): number => Math.min(0xffff_ffff, Math.max(0, Math.round(loss * 1e6)));

/** The file name of the final state inside the uploaded model pack. */
export const FINAL_STATE_FILE = 'final-state.bin';

/** Trains `job` (assigned to this worker, with a seed) and submits its result. */
export async function runJob(ctx: RunJobContext, job: TrainingJob): Promise<void> {
  const { chain, blobs, dataDir, log } = ctx;
  const seed = job.seed!;
  const seedHex = u8aToHex(seed);
  const k = job.segmentLength;
  const saved = await loadResume(dataDir, job.id);
  // A file from another assignment of the same id (another chain, a purged dev chain) must not be reused.
  const resume = saved?.seed === seedHex ? saved : undefined;
  if (resume?.submitted) return;

  log.info(`📥 Job #${job.id}: fetching the model package and dataset`);
  const pkgDir = join(jobDir(dataDir, job.id), 'package');
  await unpackModel(await blobs.get(job.trainStepModel), pkgDir);
  const pkg = await readModelPackage(pkgDir);
  const dsInfo = (await chain.query('datasets', 'datasets')(job.datasetId)).toJSON() as { cid: string } | null;
  if (dsInfo === null) throw new Error(`dataset ${job.datasetId} of job #${job.id} is not registered`);
  const dataset = decodeTds(await blobs.get(hexToU8a(dsInfo.cid)));

  if (job.status === 'Assigned') {
    await chain.send(chain.tx('jobs', 'startTraining')(job.id));
    log.info(`🏁 Job #${job.id}: training started on chain`);
  }
  const record: ResumeRecord = resume ?? { jobId: job.id, seed: seedHex, nextStep: 0, state: '', segments: [] };
  const from = resume && resume.nextStep > 0 ? { step: resume.nextStep, state: stateFromBytes(Buffer.from(resume.state, 'base64'), stateLengths(pkg)) } : undefined;
  if (from) log.info(`♻️  Job #${job.id}: resuming from step ${from.step} (${record.segments.length} checkpoints)`);
  else log.info(`🏋️ Job #${job.id}: training ${job.totalSteps} steps, k = ${k}, seed ${seedHex.slice(0, 10)}…`);

  const bar = new ProgressBar(job.totalSteps, from?.step ?? 0);
  const { state, provider } = await trainJob({
    pkg, dataset, seed, totalSteps: job.totalSteps, segmentLength: k, ortProvider: ctx.ortProvider, from,
    onWarning: (w) => log.warn(w),
    onStep: (step) => bar.step(step),
    onSegment: async (seg, segState) => {
      const bytes = stateToBytes(segState);
      const checkpointCid = await blobs.put(bytes);
      record.segments.push({ index: seg.index, endStep: seg.endStep, stateHash: u8aToHex(seg.stateHash), meanLoss: seg.meanLoss, checkpointCid });
      record.nextStep = seg.endStep;
      record.state = Buffer.from(bytes).toString('base64');
      await saveResume(dataDir, record);
      bar.segment(seg.endStep, seg.meanLoss, (l) => log.info(`📈 Job #${job.id} ${l}`));
      log.debug(`💾 Checkpoint ${seg.index} of job #${job.id}`, { endStep: seg.endStep, stateHash: u8aToHex(seg.stateHash), cid: checkpointCid });
      if (ctx.segmentDelayMs) await new Promise((r) => setTimeout(r, ctx.segmentDelayMs));
    },
  });
  bar.finish();

  const expected = Math.ceil(job.totalSteps / k);
  if (record.segments.length !== expected) throw new Error(`job #${job.id} has ${record.segments.length} checkpoints, expected ${expected}`);
  const hashes = record.segments.map((s) => hexToU8a(s.stateHash));
  const root = merkleRoot(hashes);
  const modelHash = hashes[hashes.length - 1]!;
  // The published model: what inference needs (graph + final weights), plus the manifest describing them.
  const files = new Map<string, Uint8Array>([
    [PACKAGE_FILES.manifest, new TextEncoder().encode(`${JSON.stringify(pkg.manifest, null, 2)}\n`)],
    [PACKAGE_FILES.inference, pkg.inference],
    [FINAL_STATE_FILE, stateToBytes(state)],
  ]);
  const modelCid = await blobs.put(packFiles(files));
  const losses = record.segments.map((s) => lossToFixed(s.meanLoss));
  await chain.send(chain.tx('jobs', 'submitResult')(job.id, u8aToHex(modelHash), u8aToHex(cidBytes(modelCid)), u8aToHex(root), losses));
  record.submitted = true;
  await saveResume(dataDir, record);
  log.info(`📤 Job #${job.id}: submitted (${provider}) root ${u8aToHex(root).slice(0, 10)}…, model ${modelCid}, final loss ${record.segments[expected - 1]!.meanLoss.toFixed(4)}`);
}
