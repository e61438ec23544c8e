/**
 * The AI marketplace pallets wired together (staking, workers, datasets, models, jobs, randomness): each gets
 * the others only through its Config, as FRAME's `impl pallet_x::Config for Runtime` blocks do.
 */
import { datasetsPallet } from '../pallets/datasets/index.ts';
import type { Currency } from '../pallets/balances/currency.ts';
import { jobsPallet } from '../pallets/jobs/index.ts';
import type { TrainedModelArgs } from '../pallets/jobs/config.ts';
import { modelsPallet } from '../pallets/models/index.ts';
import type { ModelRegistry } from '../pallets/models/registry.ts';
import { randomnessPallet } from '../pallets/randomness/index.ts';
import { stakingPallet } from '../pallets/staking/index.ts';
import { workersPallet } from '../pallets/workers/index.ts';
import type { DispatchContext } from './framework/pallet.ts';

/** 1 TRAIN = 10^18 units. */
const UNIT = 10n ** 18n;
/** Blocks per hour at the 6 s slot of the design. */
const HOURS = 600;

/** FRAME's `PalletId(*b"py/trsry").into_account_truncating()`: `modl` ++ id, zero-padded to 32 bytes. */
export const TREASURY_ACCOUNT: Uint8Array = (() => {
  const out = new Uint8Array(32);
  out.set(new TextEncoder().encode('modlpy/trsry'));
  return out;
})();

export function marketplacePallets(currency: Currency) {
  const randomness = randomnessPallet();
  const staking = stakingPallet({
    currency,
    minBond: { validator: 10_000n * UNIT, worker: 1_000n * UNIT, verifier: 500n * UNIT, evaluator: 500n * UNIT },
    unbondingPeriod: 24 * HOURS,
    eraLength: HOURS,
    maxValidators: 100,
    // 10% of a slash rewards whoever proved the offence; the rest is burned.
    slashRewardShare: 100_000,
    maxUnlockingChunks: 32,
  });
  const workers = workersPallet({
    staking: staking.api,
    maxRegionLength: 32,
    maxRuntimes: 4,
    heartbeatInterval: 10,
    offlineAfter: 100,
    reputation: { initial: 500_000, max: 1_000_000, rewardVerified: 10_000, penaltyFault: 100_000, penaltyTimeout: 50_000 },
  });
  const datasets = datasetsPallet({ maxTags: 16, maxTagLength: 32, maxSchemaLength: 4096, maxDatasetsPerOwner: 1024 });
  const models = modelsPallet({ currency, treasury: TREASURY_ACCOUNT, datasets: { exists: (s, id) => datasets.registry.exists(s, id) } });
  const jobs = jobsPallet({
    currency,
    staking: staking.api,
    workers: workers.registry,
    datasets: { exists: (s, id) => datasets.registry.isUsable(s, id) },
    models: { exists: (s, id) => models.registry.exists(s, id), registerTrainedModel: (ctx, args) => registerTrained(models.registry, ctx, args) },
    randomness: { random: (ctx, subject) => randomness.randomness.random(ctx.state, subject) },
    // The verification protocol (challenges, re-execution, disputes) plugs in here; until it exists, results are
    // accepted or rejected by Root through `force_verification_result`, on the same code path.
    verification: { onSubmitted: () => {} },
    treasury: TREASURY_ACCOUNT,
    minReward: UNIT,
    inferenceMinStake: 100n * UNIT,
  });
  return { randomness, staking, workers, datasets, models, jobs };
}

/**
 * A trained model inherits what it is from its base model (architecture, shapes, licence); a model trained from
 * scratch is registered as a custom ONNX model its owner can describe with a new version.
 */
function registerTrained(models: ModelRegistry, ctx: DispatchContext, args: TrainedModelArgs): bigint {
  const base = args.base_model === undefined ? undefined : models.get(ctx.state, args.base_model);
  const text = (s: string) => new TextEncoder().encode(s);
  return models.registerTrainedModel(ctx, {
    owner: args.owner,
    name: text(`job-${args.job_id}`),
    cid: args.model_cid,
    model_hash: args.model_hash,
    architecture: base?.architecture ?? text('onnx-train-step'),
    framework: base?.framework ?? text('onnx'),
    model_type: base?.model_type ?? { tag: 'Custom' },
    inputs: base?.inputs ?? [],
    outputs: base?.outputs ?? [],
    parameter_count: base?.parameter_count ?? 0n,
    flops_per_inference: base?.flops_per_inference ?? 0n,
    license: base?.license ?? { tag: 'Commercial' },
    base_model: args.base_model,
    training_dataset: args.training_dataset,
    training_job: args.job_id,
    checkpoint_root: args.checkpoint_root,
  });
}
