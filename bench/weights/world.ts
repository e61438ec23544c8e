/**
 * The marketplace every `bench/weights` case starts from, built with the pallets' own calls on the dev genesis
 * (as `test/marketplace.test.ts` does through the API): endowed bench accounts, staked and registered workers, a
 * verifier/evaluator panel, a dataset and a published base model. Call-argument builders live here too.
 */
import type { RuntimeCall } from '../../runtime/framework/pallet.ts';
import { UNIT } from '../../runtime/runtime.ts';
import { rawCidOf } from '../../pallets/common/cid.ts';
import type { TrainingSpec } from '../../pallets/jobs/types.ts';
import type { WorkerSpec } from '../../pallets/workers/types.ts';
import { type Account, BenchChain, callOf } from './chain.ts';

/** UTF-8 bytes. */
export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
/** A distinct valid raw sha2-256 CIDv1 (36 bytes) per name. */
export const cid = (name: string): Uint8Array => rawCidOf(utf8(name));
/** A 32-byte value filled with `b`, or derived from a number. */
export const h256 = (n: number): Uint8Array => {
  const out = new Uint8Array(32).fill(0x5a);
  new DataView(out.buffer).setUint32(0, n);
  return out;
};
/** `MultiAddress::Id`. */
export const addr = (who: Account) => ({ tag: 'Id', value: who.publicKey });

/** Bench account numbers: workers, the panel, job owners and anything else. */
export const ACCOUNTS = { worker: 0, panel: 100, owner: 200, spare: 300 } as const;
/** 64 candidates plus 8 more: enough for the widest `assign` and every worker slot. */
export const WORKERS = 72;
/** `MaxVerifiers` = `MaxEvaluators` = 16. */
export const PANEL = 16;
/** Each worker's bond: far above the role minimum (1,000 TRAIN), so it can be locked on many jobs at once. */
export const WORKER_BOND = 100_000n * UNIT;
/** What a worker locks per job in the benchmarks. */
export const JOB_STAKE = 10n * UNIT;
/** Reward of a benchmark job. */
export const REWARD = 100n * UNIT;

/** A worker spec: a GPU with both runtimes, so it fits CpuExact and GpuTolerance jobs. */
export function workerSpec(regionLength = 7, runtimes = 2): WorkerSpec {
  const region = regionLength === 7 ? utf8('eu-west') : utf8('r'.repeat(regionLength));
  const all = [{ tag: 'OnnxCpu' as const }, { tag: 'OnnxCuda' as const }];
  return { accelerator: { tag: 'NvidiaGpu' }, accelerator_count: 1, memory_mb: 24_000, region, runtimes: all.slice(0, runtimes), price_per_second: 1_000n };
}

/** The prepared marketplace. */
export interface World {
  chain: BenchChain;
  alice: Account;
  workers: Account[];
  panel: Account[];
  dataset: bigint;
  baseModel: bigint;
}

/** The four role flags. */
export const roles = (r: Partial<Record<'validator' | 'worker' | 'verifier' | 'evaluator', boolean>>) =>
  ({ validator: false, worker: false, verifier: false, evaluator: false, ...r });

/** Endows bench account `i` with `amount` through Root's `force_set_balance`. */
export function endow(chain: BenchChain, who: Account, amount = 1_000_000n * UNIT): void {
  chain.root(callOf('Balances', 'force_set_balance', { who: addr(who), new_free: amount }));
}

/** Bonds and registers `who` as a worker. */
export function makeWorker(chain: BenchChain, who: Account, spec = workerSpec()): void {
  chain.as(who, callOf('Staking', 'bond', { value: WORKER_BOND }));
  chain.as(who, callOf('Staking', 'set_roles', roles({ worker: true })));
  chain.as(who, callOf('Workers', 'register', { spec }));
}

/** `Datasets.register_dataset` with `tags` tags of `tagLength` bytes and a `schemaLength`-byte schema. */
export function datasetCall(name: string, tags = 1, schemaLength = 0, tagLength = 32, commitment?: Uint8Array): RuntimeCall {
  const tagList = Array.from({ length: tags }, (_, i) => utf8(`t${i}`.padEnd(tagLength, '.')));
  return callOf('Datasets', 'register_dataset', { cid: cid(name), size_bytes: 47_000_000n, license: { tag: 'Open' }, tags: tagList, schema: new Uint8Array(schemaLength).fill(0x7b), test_commitment: commitment });
}

/** `Models.register_model` with `fieldBytes` of name/architecture/framework each and `tensors` 4-d shapes. */
export function modelCall(name: string, opts: { base?: bigint; license?: string; fieldBytes?: number; tensors?: number; dataset?: bigint } = {}): RuntimeCall {
  const field = (s: string) => utf8(s.padEnd(opts.fieldBytes ?? 16, '-'));
  const shapes = Array.from({ length: opts.tensors ?? 1 }, () => ({ dims: [0, 3, 224, 224], dtype: { tag: 'Float32' } }));
  return callOf('Models', 'register_model', {
    cid: cid(`model ${name}`), model_hash: h256(hashNumber(name)), name: field(name), architecture: field('mlp'), framework: field('onnx'),
    model_type: { tag: 'Vision' }, inputs: shapes, outputs: shapes, parameter_count: 101_770n, flops_per_inference: 203_530n,
    license: { tag: opts.license ?? 'Open' }, base_model: opts.base, training_dataset: opts.dataset,
  });
}

function hashNumber(s: string): number {
  let h = 2166136261;
  for (const c of s) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return h;
}

/** A training spec: `segments` segments of 10 steps, `workers` workers, CpuExact, due at `deadline`. */
export function trainingSpec(w: World, deadline: number, workers = 1, segments = 10): TrainingSpec {
  return {
    train_step_model: cid('train-step.onnx'), dataset_id: w.dataset, base_model: w.baseModel, hyperparams_hash: h256(7),
    hyperparams_cid: cid('hyperparams.json'), total_steps: segments * 10, segment_length: 10, mode: { tag: 'CpuExact' },
    workers, min_worker_stake: JOB_STAKE, deadline, region: utf8('eu-west'), accelerator: { tag: 'NvidiaGpu' },
  };
}

/** Builds the world: accounts, workers, panel, dataset 0 and base model 0 (Open, published). */
export async function buildWorld(): Promise<World> {
  const chain = await BenchChain.genesis();
  const keys = chain.keys;
  const alice = keys.get('Alice');
  const workers = Array.from({ length: WORKERS }, (_, i) => keys.get(ACCOUNTS.worker + i));
  const panel = Array.from({ length: PANEL }, (_, i) => keys.get(ACCOUNTS.panel + i));
  const owners = Array.from({ length: 16 }, (_, i) => keys.get(ACCOUNTS.owner + i));
  for (const who of [...workers, ...panel, ...owners]) endow(chain, who);
  for (const who of workers) makeWorker(chain, who);
  for (const who of panel) {
    chain.as(who, callOf('Staking', 'bond', { value: 2_000n * UNIT }));
    chain.as(who, callOf('Staking', 'set_roles', roles({ verifier: true, evaluator: true })));
  }
  chain.as(alice, datasetCall('mnist-train'));
  chain.as(alice, modelCall('base', { dataset: 0n }));
  chain.as(alice, callOf('Models', 'publish', { model_id: 0n }));
  chain.next();
  return { chain, alice, workers, panel, dataset: 0n, baseModel: 0n };
}

/** Job owner `i` (endowed, no role). */
export const owner = (w: World, i = 0): Account => w.chain.keys.get(ACCOUNTS.owner + i);
