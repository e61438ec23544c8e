/**
 * The trainer worker end to end: a real `--dev --block-time 500` node, the trainer as its own process, and a
 * small job (MLP 8-16-3 on Gaussian blobs, 200 steps, k = 20, one worker) posted by the ids of a registered
 * model and dataset. The trainer is SIGKILLed after its third checkpoint and restarted (resuming from the blob
 * store); the job must still reach Verifying with the commitment of an uninterrupted run, which this test
 * recomputes by training the same job in-process. The node is restarted while the resumed run trains: the
 * worker reconnects and finishes from its last durable checkpoint. The worker serves each checkpoint with a Merkle proof against
 * the on-chain root; Root then stands in for verifiers and evaluators, and the completed job's trained model is
 * registered with its lineage (base model, dataset, job).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { u8aToHex } from '@polkadot/util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJobCommand } from '../cli/commands/job.ts';
import { seedFromString } from '../offchain-workers/datasets/prng.ts';
import { gaussianBlobs } from '../offchain-workers/datasets/synthetic.ts';
import { writeTds } from '../offchain-workers/datasets/tds.ts';
import { BlobBytes } from '../offchain-workers/trainer/blobs.ts';
import { type ChainClient, connect, trainingJob } from '../offchain-workers/trainer/chain.ts';
import { unpackFiles } from '../offchain-workers/trainer/package-blob.ts';
import { type CheckpointProof, verifyCheckpointProof } from '../offchain-workers/trainer/checkpoint-proof.ts';
import { postRegisteredJob } from '../offchain-workers/trainer/post-registered.ts';
import { registerDataset } from '../offchain-workers/trainer/register-dataset.ts';
import { registerModel } from '../offchain-workers/trainer/register-model.ts';
import { loadResume } from '../offchain-workers/trainer/resume.ts';
import { FINAL_STATE_FILE } from '../offchain-workers/trainer/run-job.ts';
import { trainJob } from '../offchain-workers/trainer/train-job.ts';
import { createModelPackage, writeModelPackage } from '../offchain-workers/training/model-package.ts';
import { DEFAULT_OPTIMIZERS } from '../offchain-workers/training/optimizers.ts';
import { blake2b256 } from '../offchain-workers/training/state-hash.ts';
import { merkleRoot } from '../storage/merkle.ts';
import { type NodeProcess, startNodeProcess } from './support/node-process.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ENTRY = join(ROOT, 'offchain-workers', 'trainer', 'cli-entry.ts');
const UNIT = 10n ** 18n;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` every 100 ms until it returns a value, or fails after `ms` with `what()` (read late: it holds the log). */
async function until<T>(what: () => string, ms: number, check: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what()}`);
    await sleep(100);
  }
}

describe('trainer worker against a running node', () => {
  let node: NodeProcess;
  let alice: ChainClient;
  let dir: string;
  let trainer: ChildProcess | undefined;
  let trainerLog = '';

  const nodeArgs = () => ['--dev', '--base-path', join(dir, 'node'), '--block-time', '500'];
  const startTrainer = (): ChildProcess => {
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, '--role', 'trainer', '--suri', '//Bob', '--rpc', node.ws, '--data-dir', join(dir, 'worker'), '--segment-delay-ms', '300', '--serve-port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d: Buffer) => (trainerLog += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (trainerLog += d.toString()));
    return child;
  };
  const killTrainer = async (signal: NodeJS.Signals): Promise<void> => {
    const t = trainer;
    if (t === undefined || t.exitCode !== null || t.signalCode !== null) return;
    const exited = new Promise((r) => t.once('exit', r));
    t.kill(signal);
    await exited;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trainchain-trainer-'));
    node = await startNodeProcess(nodeArgs());
    alice = await connect(node.ws, '//Alice');
  }, 60_000);
  afterAll(async () => {
    await killTrainer('SIGKILL');
    await alice?.api.disconnect();
    await node?.kill();
    await rm(dir, { recursive: true, force: true });
  });

  it('trains a job posted by model and dataset id through a SIGKILL and a node restart, serves proofs, and registers the trained model', async () => {
    const pkg = await createModelPackage({ architecture: { kind: 'mlp', layers: [8, 16, 3] }, optimizer: DEFAULT_OPTIMIZERS.adam, batchSize: 16, learningRate: 0.01, seed: seedFromString('trainer-test/init') });
    await writeModelPackage(join(dir, 'model'), pkg);
    const dataset = gaussianBlobs({ count: 512, featureShape: [8], classes: 3, seed: seedFromString('trainer-test/data') });
    await writeTds(join(dir, 'blobs.tds'), dataset);

    trainer = startTrainer();
    const blobs = BlobBytes.fromRpcUrl(node.ws);
    const base = await registerModel(alice, blobs, { dir: join(dir, 'model') });
    const ds = await registerDataset(alice, blobs, { file: join(dir, 'blobs.tds') });
    const posted = await postRegisteredJob(alice, blobs, { modelId: base.modelId, datasetId: ds.datasetId, totalSteps: 200, segmentLength: 20, reward: 100n * UNIT, workers: 1, minWorkerStake: 1_000n * UNIT, deadlineIn: 1_000 });

    // Kill the trainer once its third checkpoint is on disk, then start it again.
    await until(() => `3 checkpoints\n${trainerLog}`, 45_000, async () => ((await loadResume(join(dir, 'worker'), posted.jobId))?.segments.length ?? 0) >= 3 || undefined);
    await killTrainer('SIGKILL');
    const before = (await loadResume(join(dir, 'worker'), posted.jobId))!;
    expect(before.submitted).toBeUndefined();
    expect((await trainingJob(alice, posted.jobId))!.status).toBe('Training');
    trainer = startTrainer();

    // Restart the node (same database and port) two checkpoints later; the worker reconnects and carries on.
    await until(() => `5 checkpoints\n${trainerLog}`, 45_000, async () => ((await loadResume(join(dir, 'worker'), posted.jobId))?.segments.length ?? 0) >= 5 || undefined);
    await node.kill();
    node = await startNodeProcess(nodeArgs(), { port: node.port });

    const job = await until(() => `Verifying\n${trainerLog}`, 45_000, async () => {
      const j = await trainingJob(alice, posted.jobId).catch(() => undefined); // alice reconnects too
      return j?.status === 'Verifying' ? j : undefined;
    });
    expect(trainerLog).toContain(`resuming from step ${before.nextStep}`);
    // The run cut off by the node restart is not marked failed: after reconnecting it resumes again.
    expect(trainerLog).toMatch(/Job #\d+ interrupted: the node is unreachable[\s\S]*Reconnected[\s\S]*resuming from step/);
    const result = job.result!;
    expect(result.segmentLosses).toHaveLength(10);
    expect(result.segmentLosses.at(-1)! / 1e6).toBeLessThan(0.5);
    expect(result.segmentLosses.at(-1)!).toBeLessThan(result.segmentLosses[0]!);

    // The uninterrupted run, recomputed here on CPU from the chain's seed, gives the same commitment bit for bit.
    const local = await trainJob({ pkg, dataset, seed: job.seed!, totalSteps: 200, segmentLength: 20 });
    const hashes = local.segments.map((s) => s.stateHash);
    expect(result.checkpointRoot).toBe(u8aToHex(merkleRoot(hashes)));
    expect(result.modelHash).toBe(u8aToHex(hashes.at(-1)!));

    // The model CID is fetchable, verified, and holds the final state that hashes to the model hash.
    const model = unpackFiles(await blobs.get(result.modelCid));
    expect([...model.keys()].sort()).toEqual(['final-state.bin', 'inference.onnx', 'manifest.json']);
    expect(u8aToHex(blake2b256(model.get(FINAL_STATE_FILE)!))).toBe(result.modelHash);

    // The restarted worker serves every checkpoint with a proof against the on-chain root; the bytes are in the blob store.
    const port = Number(/checkpoint proofs on http:\/\/127\.0\.0\.1:(\d+)/.exec(trainerLog.slice(trainerLog.lastIndexOf('TrainChain trainer worker')))?.[1]);
    for (const index of [0, 3, 9]) {
      const proof = (await (await fetch(`http://127.0.0.1:${port}/jobs/${posted.jobId}/checkpoints/${index}`)).json()) as CheckpointProof;
      expect(verifyCheckpointProof(proof, { root: result.checkpointRoot, count: 10 })).toBe(true);
      expect(proof.stateHash).toBe(u8aToHex(hashes[index]!));
      expect(u8aToHex(blake2b256(await blobs.get(proof.checkpointCid)))).toBe(proof.stateHash);
    }

    // Root stands in for the verification protocol and the evaluators (no pouw pallet yet); the job completes and
    // its trained model is registered with its lineage.
    const sudo = async (call: ReturnType<ReturnType<ChainClient['tx']>>) => {
      const events = await alice.send(alice.tx('sudo', 'sudo')(call));
      expect(events.find((e) => e.method === 'Sudid')?.data[0]).toEqual({ ok: null });
      return events;
    };
    await sudo(alice.tx('jobs', 'forceVerificationResult')(posted.jobId, true, [], null, u8aToHex(new Uint8Array(32))));
    const completed = (await sudo(alice.tx('jobs', 'forceEvaluation')(posted.jobId, [], 900_000))).find((e) => e.section === 'jobs' && e.method === 'JobCompleted');
    const trainedId = Number((completed!.data as [number, number | null])[1]);
    expect((await trainingJob(alice, posted.jobId))!.status).toBe('Completed');
    const trained = (await alice.query('models', 'models')(trainedId)).toJSON() as Record<string, unknown>;
    const lines: string[] = [];
    expect(await runJobCommand(['status', String(posted.jobId), '--json', '--rpc', node.ws], (l) => void lines.push(l))).toBe(0);
    expect(JSON.parse(lines[0]!)).toMatchObject({ status: 'Completed', trainedModel: trainedId });
    expect(trained).toMatchObject({ baseModel: base.modelId, trainingDataset: ds.datasetId, trainingJob: posted.jobId, modelHash: result.modelHash, cid: u8aToHex(result.modelCid) });
  }, 90_000);
});
