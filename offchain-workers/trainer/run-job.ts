/**
 * One assigned training job from download to `submit_result`: fetches and verifies the train-step package and
 * the dataset by their on-chain CIDs, starts training on chain (unless resuming), trains in segments of k
 * with a checkpoint per segment in the blob store (recorded in the local resume file once the node has it),
 * then submits the Merkle root of the segment state hashes, the final state hash, the final model's CID and the
 * per-segment losses. Checkpoints are stored while the next segment trains (the loop's `onSegment` runs behind
 * it); a resumed run fetches its state from the blob store by the last recorded CID. A diverged run (NaN or
 * infinite loss) is deterministic, so it is recorded as failed and not retried.
 */
import { join } from 'node:path';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import type { Logger } from '../../node/log.ts';
import { merkleRoot } from '../../storage/merkle.ts';
import { decodeTds } from '../datasets/tds.ts';
import { TrainingGraphError } from '../training/errors.ts';
import { PACKAGE_FILES } from '../training/manifest.ts';
import { readModelPackage } from '../training/model-package.ts';
import type { OrtProvider } from '../training/session.ts';
import { blake2b256 } from '../training/state-hash.ts';
import { type BlobBytes, cidBytes } from './blobs.ts';
import type { ChainClient, TrainingJob } from './chain.ts';
import { CheckpointUploader } from './checkpoint-uploader.ts';
import { packFiles, unpackModel } from './package-blob.ts';
import { ProgressBar } from './progress.ts';
import { jobDir, loadResume, type ResumeRecord, saveResume, stateFromBytes, stateToBytes } from './resume.ts';
import { stateLengths, trainJob } from './train-job.ts';

/** What {@link runJob} needs besides the job. */
export interface RunJobContext {
  chain: ChainClient;
  blobs: BlobBytes;
  /** The node's RPC URL; checkpoints go to its blob store from a worker thread. */
  rpc: string;
  dataDir: string;
  ortProvider: OrtProvider;
  log: Logger;
  /** Pause after each checkpoint (demos and tests that want to interrupt a run). */
  segmentDelayMs?: number;
}

/**
 * Least time between two resume-file writes. A checkpoint recorded later is retrained after a crash, never
 * counted before it is durable; at k = 20 on a small model, writing every segment cost a few % of training.
 */
export const RESUME_SAVE_INTERVAL_MS = 1_000;

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
  if (resume?.failed !== undefined) throw new Error(`job #${job.id} failed here before (${resume.failed}); not retried`);

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
  const expected = Math.ceil(job.totalSteps / k);
  const record: ResumeRecord = resume ?? { jobId: job.id, seed: seedHex, nextStep: 0, totalSegments: expected, segments: [] };
  record.totalSegments = expected;
  const from = resume && resume.nextStep > 0 ? { step: resume.nextStep, state: stateFromBytes(await resumeState(blobs, resume), stateLengths(pkg)) } : undefined;
  if (from) log.info(`♻️  Job #${job.id}: resuming from step ${from.step} (${record.segments.length} checkpoints)`);
  else log.info(`🏋️ Job #${job.id}: training ${job.totalSteps} steps, k = ${k}, seed ${seedHex.slice(0, 10)}…`);

  const bar = new ProgressBar(job.totalSteps, from?.step ?? 0);
  const uploader = await CheckpointUploader.start(ctx.rpc);
  // With a pause per segment (demos, tests that interrupt a run) every checkpoint is recorded at once.
  const saveEvery = ctx.segmentDelayMs ? 0 : RESUME_SAVE_INTERVAL_MS;
  let lastSave = 0;
  let trained: Awaited<ReturnType<typeof trainJob>>;
  try {
    trained = await trainJob({
      pkg, dataset, seed, totalSteps: job.totalSteps, segmentLength: k, ortProvider: ctx.ortProvider, from,
      onWarning: (w) => log.warn(w),
      onStep: (step) => bar.step(step),
      // Runs behind the training loop, one segment at a time and in order: a checkpoint is counted (written to
      // the resume file) only once the node has acknowledged its blob.
      onSegment: async (seg, segState) => {
        const checkpointCid = await uploader.put(segState);
        record.segments.push({ index: seg.index, endStep: seg.endStep, stateHash: u8aToHex(seg.stateHash), meanLoss: seg.meanLoss, checkpointCid });
        record.nextStep = seg.endStep;
        delete record.state;
        if (Date.now() - lastSave >= saveEvery || seg.endStep === job.totalSteps) {
          await saveResume(dataDir, record);
          lastSave = Date.now();
        }
        bar.segment(seg.endStep, seg.meanLoss, (l) => log.info(`📈 Job #${job.id} ${l}`));
        log.debug(`💾 Checkpoint ${seg.index} of job #${job.id}`, { endStep: seg.endStep, stateHash: u8aToHex(seg.stateHash), cid: checkpointCid });
        if (ctx.segmentDelayMs) await new Promise((r) => setTimeout(r, ctx.segmentDelayMs));
      },
    });
  } catch (e) {
    if (e instanceof TrainingGraphError && e.code === 'NonFiniteLoss') {
      record.failed = e.message;
      await saveResume(dataDir, record);
    }
    throw e;
  } finally {
    await uploader.close();
  }
  const { state, provider } = trained;
  bar.finish();

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

/** The state after the last recorded segment: from an old file's inline copy, or the blob store, hash-checked. */
async function resumeState(blobs: BlobBytes, r: ResumeRecord): Promise<Uint8Array> {
  if (r.state !== undefined) return Buffer.from(r.state, 'base64');
  const last = r.segments.at(-1);
  if (last === undefined) throw new Error(`resume file of job #${r.jobId} is at step ${r.nextStep} with no checkpoint`);
  const bytes = await blobs.get(last.checkpointCid);
  if (u8aToHex(blake2b256(bytes)) !== last.stateHash) throw new Error(`checkpoint ${last.checkpointCid} of job #${r.jobId} does not hash to ${last.stateHash}`);
  return bytes;
}
