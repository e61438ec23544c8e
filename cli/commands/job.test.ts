/** `trainchain job` and `trainchain worker` argument handling, without a node (test/trainer.test.ts runs them for real). */
import { describe, expect, it } from 'vitest';
import { jobView, runJobCommand } from './job.ts';
import { jsonLogger, runWorkerCommand } from './worker.ts';

const collect = () => {
  const lines: string[] = [];
  return { lines, write: (l: string) => void lines.push(l) };
};

describe('trainchain job', () => {
  it('prints usage, and refuses unknown subcommands and missing arguments in one line', async () => {
    const out = collect();
    expect(await runJobCommand([], out.write)).toBe(0);
    expect(out.lines[0]).toMatch(/job post --model ID --dataset ID/);
    expect(out.lines[0]).toMatch(/job post --model-dir DIR/);
    for (const [argv, message] of [
      [['frobnicate'], /unknown job command "frobnicate"/],
      [['post', '--steps', '10'], /needs --model ID --dataset ID, or --model-dir DIR --dataset FILE\.tds/],
      [['post', '--model', '1', '--model-dir', 'm', '--dataset', '0'], /needs --model ID --dataset ID, or --model-dir/],
      [['post', '--model=1.5', '--dataset', '0', '--steps', '1', '--segment', '1', '--reward', '1'], /--model must be an integer ≥ 0 \(got '1.5'\)/],
      [['status'], /--id must be an integer/],
      [['status', '1', '--bogus'], /Unknown option '--bogus'/],
    ] as const) {
      const err = collect();
      expect(await runJobCommand([...argv], () => undefined, err.write)).toBe(1);
      expect(err.lines).toHaveLength(1);
      expect(err.lines[0]).toMatch(message);
    }
  });

  it('shows a job as JSON with the model CID as text and losses as numbers', () => {
    const cid = Uint8Array.from([1, 0x55, 0x12, 32, ...new Uint8Array(32)]);
    const view = jobView({
      id: 3, owner: 'o', status: 'Verifying', workers: ['w'], seed: new Uint8Array(32).fill(1), trainStepModel: cid, datasetId: 0, totalSteps: 200,
      segmentLength: 20, cpuExact: true, deadline: 99, result: { modelHash: '0x00', modelCid: cid, checkpointRoot: '0x11', segmentLosses: [500_000, 250_000] },
    });
    expect(view).toMatchObject({ id: 3, status: 'Verifying', seed: '01'.repeat(32), result: { segmentLosses: [0.5, 0.25] } });
    expect((view.result as { modelCid: string }).modelCid).toMatch(/^bafkrei/);
  });
});

describe('trainchain worker', () => {
  it('refuses a missing role or suri and a bad provider', async () => {
    for (const [argv, message] of [
      [[], /--role must be trainer/],
      [['--role', 'trainer'], /missing --suri/],
      [['--role', 'trainer', '--suri', '//Bob', '--ort-provider', 'tpu'], /--ort-provider must be cpu or cuda/],
      [['--role', 'trainer', '--suri', '//Bob', '--serve-port', '70000'], /--serve-port must be a port number/],
    ] as const) {
      const err = collect();
      expect(await runWorkerCommand([...argv], err.write)).toBe(1);
      expect(err.lines[0]).toMatch(message);
    }
  });

  it('logs JSON lines at or above its level', () => {
    const out = collect();
    const log = jsonLogger('info', out.write);
    log.debug('hidden');
    log.info('shown', { job: 1 });
    expect(out.lines.map((l) => JSON.parse(l) as Record<string, unknown>)).toMatchObject([{ level: 'info', msg: 'shown', job: 1 }]);
  });
});
