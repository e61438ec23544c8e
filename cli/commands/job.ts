/**
 * `trainchain job post|status`: posts a training job, either from registered ids (`--model ID --dataset ID`,
 * the model becoming the job's base model) or from local files (`--model-dir DIR --dataset FILE.tds`, uploaded
 * and registered first), and shows a job's state (status, workers, seed, progress events, result), optionally
 * following it block by block.
 */
import { parseArgs } from 'node:util';
import { cidToString } from '../../pallets/common/cid.ts';
import { BlobBytes } from '../../offchain-workers/trainer/blobs.ts';
import { type ChainClient, connect, type TrainingJob, trainingJob } from '../../offchain-workers/trainer/chain.ts';
import { postJob, type PostedJob } from '../../offchain-workers/trainer/post-job.ts';
import { postRegisteredJob } from '../../offchain-workers/trainer/post-registered.ts';
import type { JobTerms } from '../../offchain-workers/trainer/submit-job.ts';

const USAGE = `Usage:
  trainchain job post --model ID --dataset ID --steps N --segment K --reward R [--workers 1]
                      [--min-stake S] [--deadline BLOCKS] --suri //Alice [--rpc URL] [--json]
  trainchain job post --model-dir DIR --dataset FILE.tds …   (uploads and registers the files first)
  trainchain job status <id> [--follow] [--rpc URL] [--json]

  --model ID, --dataset ID    a registered model (trainchain model register) and dataset (dataset register)
  --reward R, --min-stake S   whole tokens (10^18 units); min-stake defaults to 1000
  --deadline BLOCKS           blocks from now until the result is due (default 1000)
  --follow                    keep printing changes and job events until a result is in`;

const OPTIONS = {
  model: { type: 'string' }, 'model-dir': { type: 'string' }, dataset: { type: 'string' }, steps: { type: 'string' }, segment: { type: 'string' },
  reward: { type: 'string' }, workers: { type: 'string', default: '1' }, 'min-stake': { type: 'string', default: '1000' },
  deadline: { type: 'string', default: '1000' }, suri: { type: 'string', default: '//Alice' },
  rpc: { type: 'string', default: 'ws://127.0.0.1:9944' }, follow: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false },
} as const;

const UNIT = 10n ** 18n;

function int(name: string, v: string | undefined, min = 1): number {
  const n = Number(v);
  if (v === undefined || !/^\d+$/.test(v) || !Number.isSafeInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}${v === undefined ? '' : ` (got '${v}')`}`);
  return n;
}

/** A job as the status command prints it (JSON-ready). */
export function jobView(j: TrainingJob): Record<string, unknown> {
  return {
    id: j.id, status: j.status, owner: j.owner, workers: j.workers, seed: j.seed && Buffer.from(j.seed).toString('hex'),
    totalSteps: j.totalSteps, segmentLength: j.segmentLength, deadline: j.deadline,
    result: j.result && { ...j.result, modelCid: cidToString(j.result.modelCid), segmentLosses: j.result.segmentLosses.map((l) => l / 1e6) },
  };
}

function textView(j: TrainingJob): string {
  const r = j.result;
  const res = r ? `\n  result: model ${cidToString(r.modelCid)} hash ${r.modelHash}\n  root ${r.checkpointRoot}, final loss ${(r.segmentLosses.at(-1)! / 1e6).toFixed(4)}` : '';
  return `job #${j.id}: ${j.status}, ${j.totalSteps} steps (k = ${j.segmentLength}), workers [${j.workers.join(', ')}], seed ${j.seed ? Buffer.from(j.seed).toString('hex').slice(0, 16) + '…' : 'none'}${res}`;
}

async function status(c: ChainClient, id: number, follow: boolean, json: boolean, out: (l: string) => void): Promise<void> {
  const show = async (j: TrainingJob) => {
    // A completed job's trained model is registered with `training_job` = the job (no index by job: a scan).
    const trained = j.status === 'Completed' ? await trainedModelOf(c, j.id) : undefined;
    const view = trained === undefined ? jobView(j) : { ...jobView(j), trainedModel: trained };
    out(json ? JSON.stringify(view) : `${textView(j)}${trained === undefined ? '' : `\n  trained model #${trained} (lineage: base model, dataset, job #${j.id})`}`);
  };
  const first = await trainingJob(c, id);
  if (first === undefined) throw new Error(`no training job #${id}`);
  await show(first);
  if (!follow || first.result !== undefined) return;
  await new Promise<void>((resolve, reject) => {
    let last = first.status;
    void c.api.rpc.chain.subscribeNewHeads(async (head) => {
      try {
        // Progress comes from this block's job events (assignment, start, result).
        const events = (await (await c.api.at(head.hash)).query.system!.events!()) as unknown as { event: { section: string; method: string; data: { toJSON(): unknown }[] } }[];
        for (const { event } of events) {
          if (event.section !== 'jobs' || Number(event.data[0]?.toJSON()) !== id) continue;
          const fields = event.data.map((d) => d.toJSON());
          out(json ? JSON.stringify({ block: head.number.toNumber(), event: event.method, data: fields }) : `#${head.number.toNumber()} ${event.method}`);
        }
        const j = await trainingJob(c, id);
        if (j && j.status !== last) {
          last = j.status;
          await show(j);
        }
        if (j?.result !== undefined || (j && ['Completed', 'Failed', 'Cancelled', 'Expired'].includes(j.status))) resolve();
      } catch (e) {
        reject(e as Error);
      }
    });
  });
}

/** The id of the model registered for completed job `jobId`, if any. */
async function trainedModelOf(c: ChainClient, jobId: number): Promise<number | undefined> {
  const entries = await c.query('models', 'models').entries();
  const found = entries.find(([, v]) => (v.toJSON() as { trainingJob?: number | null } | null)?.trainingJob === jobId);
  return found === undefined ? undefined : Number(found[0].args[0]!.toString());
}

/** Runs `trainchain job …` (`argv` after `job`); output lines go to `out`; returns the exit code. */
export async function runJobCommand(argv: string[], out: (line: string) => void = (l) => process.stdout.write(`${l}\n`), err: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<number> {
  let chain: ChainClient | undefined;
  try {
    const { values: v, positionals } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true });
    const [sub, arg] = positionals;
    if (v.help || sub === undefined) {
      out(USAGE);
      return 0;
    }
    if (sub !== 'post' && sub !== 'status') throw new Error(`unknown job command "${sub}" (post or status)`);
    if (sub === 'post' && ((v.model === undefined) === (v['model-dir'] === undefined) || v.dataset === undefined)) {
      throw new Error('job post needs --model ID --dataset ID, or --model-dir DIR --dataset FILE.tds');
    }
    if (sub === 'status') {
      const id = int('id', arg, 0);
      chain = await connect(v.rpc, v.suri);
      await status(chain, id, v.follow, v.json, out);
      return 0;
    }
    const terms: JobTerms = {
      totalSteps: int('steps', v.steps), segmentLength: int('segment', v.segment), reward: BigInt(int('reward', v.reward)) * UNIT,
      workers: int('workers', v.workers), minWorkerStake: BigInt(int('min-stake', v['min-stake'], 0)) * UNIT, deadlineIn: int('deadline', v.deadline),
    };
    const byId = v.model !== undefined ? { modelId: int('model', v.model, 0), datasetId: int('dataset', v.dataset, 0) } : undefined;
    chain = await connect(v.rpc, v.suri);
    const blobs = BlobBytes.fromRpcUrl(v.rpc);
    const posted: PostedJob = byId
      ? await postRegisteredJob(chain, blobs, { ...byId, ...terms })
      : await postJob(chain, blobs, { modelDir: v['model-dir']!, datasetFile: v.dataset!, ...terms });
    const model = posted.modelId === undefined ? posted.modelCid : `#${posted.modelId} ${posted.modelCid}`;
    out(v.json ? JSON.stringify(posted) : `Posted job #${posted.jobId} (model ${model}, dataset #${posted.datasetId} ${posted.datasetCid}, deadline #${posted.deadline})`);
    return 0;
  } catch (e) {
    err(`Error: ${(e as Error).message.replace(/^TypeError \[.*?\]: /, '')}`);
    return 1;
  } finally {
    await chain?.api.disconnect();
  }
}
