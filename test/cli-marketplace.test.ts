/**
 * The marketplace commands as users run them, against a real `--dev` node: `dataset register`, `model register`,
 * `job post --model ID --dataset ID` and `job status`, with `--json` output, and bad input (missing files, wrong
 * shapes, unknown ids, an unreachable node) answered with one `Error: …` line and exit code 1.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFromString } from '../offchain-workers/datasets/prng.ts';
import { gaussianBlobs } from '../offchain-workers/datasets/synthetic.ts';
import { writeTds } from '../offchain-workers/datasets/tds.ts';
import { createModelPackage, writeModelPackage } from '../offchain-workers/training/model-package.ts';
import { DEFAULT_OPTIMIZERS } from '../offchain-workers/training/optimizers.ts';
import { type NodeProcess, runCli, startNodeProcess } from './support/node-process.ts';

/** Runs the CLI and expects exactly one `Error: …` line matching `message` on stderr, exit 1, nothing on stdout. */
async function expectError(args: string[], message: RegExp): Promise<void> {
  const { code, stdout, stderr } = await runCli(args);
  expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(stderr).toMatch(/^Error: /);
  expect(stderr).toMatch(message);
}

describe('trainchain dataset/model register and job post by id', () => {
  let node: NodeProcess;
  let dir: string;
  let rpc: string[];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trainchain-cli-market-'));
    node = await startNodeProcess(['--dev', '--instant-seal']);
    rpc = ['--rpc', node.ws];
    const pkg = await createModelPackage({ architecture: { kind: 'mlp', layers: [8, 16, 3] }, optimizer: DEFAULT_OPTIMIZERS.sgd, batchSize: 16, learningRate: 0.05, seed: seedFromString('cli/model') });
    await writeModelPackage(join(dir, 'mlp'), pkg);
    await writeTds(join(dir, 'train.tds'), gaussianBlobs({ count: 256, featureShape: [8], classes: 3, seed: seedFromString('cli/train') }));
    await writeTds(join(dir, 'test.tds'), gaussianBlobs({ count: 64, featureShape: [8], classes: 3, seed: seedFromString('cli/test') }));
    await writeTds(join(dir, 'wide.tds'), gaussianBlobs({ count: 256, featureShape: [5], classes: 3, seed: seedFromString('cli/wide') }));
    await writeFile(join(dir, 'junk.tds'), 'not a dataset');
  }, 60_000);
  afterAll(async () => {
    await node?.kill();
    await rm(dir, { recursive: true, force: true });
  });

  it('registers a dataset with a test split, a model, posts a job by their ids and shows it', async () => {
    const ds = await runCli(['dataset', 'register', join(dir, 'train.tds'), '--test', join(dir, 'test.tds'), '--suri', '//Alice', '--json', ...rpc]);
    expect(ds.stderr).toBe('');
    const dataset = JSON.parse(ds.stdout) as { datasetId: number; cid: string; created: boolean; test: { cid: string; commitment: string; salt: string } };
    expect(dataset).toMatchObject({ datasetId: 0, created: true, cid: expect.stringMatching(/^baf/), test: { cid: expect.stringMatching(/^baf/), salt: expect.stringMatching(/^0x[0-9a-f]{64}$/) } });

    const model = await runCli(['model', 'register', join(dir, 'mlp'), '--suri', '//Alice', '--json', ...rpc]);
    expect(model.stderr).toBe('');
    const m = JSON.parse(model.stdout) as { modelId: number; cid: string; modelHash: string; published: boolean };
    expect(m).toMatchObject({ modelId: 0, published: true, cid: expect.stringMatching(/^baf/), modelHash: expect.stringMatching(/^0x[0-9a-f]{64}$/) });

    const post = await runCli(['job', 'post', '--model', String(m.modelId), '--dataset', String(dataset.datasetId), '--steps', '40', '--segment', '20', '--reward', '100', '--suri', '//Alice', '--json', ...rpc]);
    expect(post.stderr).toBe('');
    expect(JSON.parse(post.stdout)).toMatchObject({ jobId: 0, modelId: m.modelId, datasetId: dataset.datasetId, modelCid: m.cid, datasetCid: dataset.cid });

    const status = await runCli(['job', 'status', '0', '--json', ...rpc]);
    expect(JSON.parse(status.stdout)).toMatchObject({ id: 0, status: 'Open', totalSteps: 40, segmentLength: 20, workers: [] });

    // Text output names the ids too; a second registration of the same file reuses its id.
    const again = await runCli(['dataset', 'register', join(dir, 'train.tds'), ...rpc]);
    expect(again.stdout).toMatch(/^Already registered: dataset #0 /);

    // The file form still works: the pack is uploaded, the dataset's registration reused, no base model.
    const files = await runCli(['job', 'post', '--model-dir', join(dir, 'mlp'), '--dataset', join(dir, 'train.tds'), '--steps', '40', '--segment', '20', '--reward', '100', '--json', ...rpc]);
    expect(files.stderr).toBe('');
    const byFiles = JSON.parse(files.stdout) as Record<string, unknown>;
    expect(byFiles).toMatchObject({ jobId: 1, datasetId: 0, modelCid: m.cid, datasetCid: dataset.cid });
    expect(byFiles.modelId).toBeUndefined();
  }, 90_000);

  it.each([
    [['dataset', 'register', '/nonexistent.tds'], /cannot read \/nonexistent\.tds: ENOENT/],
    [['dataset', 'register', 'JUNK'], /is not a TDS dataset/],
    [['dataset', 'register'], /missing the dataset file/],
    [['dataset', 'register', 'TRAIN', '--license', 'free'], /invalid --license 'free'/],
    [['model', 'register', '/nonexistent-model'], /is not a model directory/],
    [['model', 'register', 'MLP'], /already registered as #0/],
    [['job', 'post', '--model', '99', '--dataset', '0', '--steps', '40', '--segment', '20', '--reward', '1'], /no model #99 is registered/],
    [['job', 'post', '--model', '0', '--dataset', '99', '--steps', '40', '--segment', '20', '--reward', '1'], /no dataset #99 is registered/],
    [['job', 'post', '--model', 'abc', '--dataset', '0', '--steps', '40', '--segment', '20', '--reward', '1'], /--model must be an integer/],
    [['job', 'post', '--model', '0', '--model-dir', 'MLP', '--dataset', '0'], /needs --model ID --dataset ID, or --model-dir/],
    [['job', 'status', '42'], /no training job #42/],
  ])('refuses %j with one clear line', async (args, message) => {
    const fill = (a: string) => ({ JUNK: join(dir, 'junk.tds'), TRAIN: join(dir, 'train.tds'), MLP: join(dir, 'mlp') })[a] ?? a;
    await expectError([...args.map(fill), ...rpc], message);
  }, 30_000);

  it('refuses a dataset that does not fit the model, and an unreachable node', async () => {
    const wide = JSON.parse((await runCli(['dataset', 'register', join(dir, 'wide.tds'), '--json', ...rpc])).stdout) as { datasetId: number };
    await expectError(['job', 'post', '--model', '0', '--dataset', String(wide.datasetId), '--steps', '40', '--segment', '20', '--reward', '1', ...rpc], /does not fit model #0: .*\[5\]/);
    await expectError(['dataset', 'register', join(dir, 'train.tds'), '--rpc', 'ws://127.0.0.1:1'], /cannot reach a node at ws:\/\/127\.0\.0\.1:1 \(ECONNREFUSED\)/);
  }, 60_000);
});
