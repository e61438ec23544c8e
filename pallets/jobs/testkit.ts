/**
 * Test support (not part of any runtime): a mock runtime with System (0), Balances (2) and Jobs (14) over the
 * `mock.ts` implementations, endowed accounts, staked workers, and helpers to read balances and move blocks.
 */
import { composeRuntime, type ComposedRuntime } from '../../runtime/framework/runtime.ts';
import { newTestExt, signed } from '../../runtime/framework/testing.ts';
import type { AccountId } from '../../runtime/primitives.ts';
import { balancesPallet } from '../balances/index.ts';
import { acct, hexAcct, mockSystem } from '../balances/mock.ts';
import { rawCidOf } from '../common/cid.ts';
import type { JobsConstants } from './config.ts';
import { jobsPallet } from './index.ts';
import { mockDatasets, mockModels, mockRandomness, mockStaking, mockVerification, mockWorkers } from './mock.ts';
import type { TrainingSpec } from './types.ts';

/** Named test accounts: `acct(n)`. */
export const A = {
  owner: acct(1),
  owner2: acct(2),
  w1: acct(3),
  w2: acct(4),
  w3: acct(5),
  w4: acct(6),
  verifier: acct(7),
  verifier2: acct(8),
  evaluator: acct(9),
  treasury: acct(10),
  author: acct(11),
  stranger: acct(12),
};
/** Every account a test touches, for issuance sums. */
export const ALL: AccountId[] = Object.values(A);
/** The mock runtime's existential deposit. */
export const ED = 10n;
/** The one registered dataset. */
export const DATASET = 7n;
/** The one pre-registered model (a base model, and the inference jobs' model). */
export const BASE_MODEL = 42n;
/** Each worker's bond (role `worker`). */
export const WORKER_BOND = 10_000n;
/** Each verifier's and the evaluator's bond. */
export const ROLE_BOND = 1_000n;
/** A valid raw sha2-256 CIDv1. */
export const CID = rawCidOf(new TextEncoder().encode('train-step.onnx'));
/** UTF-8 bytes of `s`. */
export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

const ENDOWED: [AccountId, bigint][] = [
  [A.owner, 1_000_000n],
  [A.owner2, 1_000_000n],
  [A.w1, 100_000n],
  [A.w2, 100_000n],
  [A.w3, 100_000n],
  [A.w4, 100_000n],
  [A.verifier, 10_000n],
  [A.verifier2, 10_000n],
  [A.evaluator, 10_000n],
  [A.treasury, 1_000n],
  [A.author, 100n],
  [A.stranger, 100n],
];

/** Short timeouts so tests move few blocks. */
export const TEST_CONSTANTS: Partial<JobsConstants> = { applicationPeriod: 2, assignmentTimeout: 5, submissionGrace: 2, inferenceTimeout: 20 };

/** A valid spec: 1000 steps in 10 segments, 2 workers with 1_000 stake, CpuExact, deadline at block 100. */
export function trainingSpec(overrides: Partial<TrainingSpec> = {}): TrainingSpec {
  return {
    train_step_model: CID,
    dataset_id: DATASET,
    base_model: BASE_MODEL,
    hyperparams_hash: new Uint8Array(32).fill(0xaa),
    hyperparams_cid: undefined,
    total_steps: 1_000,
    segment_length: 100,
    mode: { tag: 'CpuExact' },
    workers: 2,
    min_worker_stake: 1_000n,
    deadline: 100,
    region: utf8('eu-west'),
    accelerator: undefined,
    ...overrides,
  };
}

/** Builds the mock runtime and its genesis: four staked workers, two verifiers, one evaluator. */
export function newJobsTest(constants: Partial<JobsConstants> = TEST_CONSTANTS) {
  let runtime: ComposedRuntime | undefined;
  const system = mockSystem(() => runtime!);
  const balances = balancesPallet({ existentialDeposit: ED, accounts: system.accounts });
  const currency = balances.currency;
  const staking = mockStaking(currency);
  const workers = mockWorkers();
  const models = mockModels([BASE_MODEL]);
  const verification = mockVerification();
  const jobs = jobsPallet({
    currency,
    staking: staking.staking,
    workers: workers.workers,
    datasets: mockDatasets([DATASET]),
    models: models.models,
    randomness: mockRandomness,
    verification: verification.hooks,
    treasury: A.treasury,
    minReward: 100n,
    inferenceMinStake: 500n,
    ...constants,
  });
  runtime = composeRuntime('test_runtime', [
    { index: 0, pallet: system.pallet },
    { index: 2, pallet: balances.pallet },
    { index: 14, pallet: jobs.pallet },
  ]);
  const ext = newTestExt(runtime, (ctx) => {
    balances.pallet.genesis!.build(ctx.state, { balances: ENDOWED.map(([who, v]) => [hexAcct(who[0]!), v]) });
    for (const w of [A.w1, A.w2, A.w3, A.w4]) {
      staking.bond(ctx, w, WORKER_BOND, ['worker']);
      workers.register(ctx, w);
    }
    for (const v of [A.verifier, A.verifier2]) staking.bond(ctx, v, ROLE_BOND, ['verifier']);
    staking.bond(ctx, A.evaluator, ROLE_BOND, ['evaluator']);
  });
  const free = (who: AccountId) => currency.free(ext.state, who);
  const reserved = (who: AccountId) => currency.reserved(ext.state, who);
  return {
    runtime,
    ext,
    jobs,
    staking,
    workers,
    models,
    verification,
    currency,
    free,
    reserved,
    issuance: () => currency.totalIssuance(ext.state),
    /** Σ (free + reserved) over every test account. */
    held: () => ALL.reduce((s, who) => s + free(who) + reserved(who), 0n),
    job: (id: bigint) => jobs.job(ext.state, id)!,
    /** Moves `n` blocks on, running Jobs' `on_initialize` in each, as the executive does. */
    advance(n = 1, author?: AccountId) {
      for (let i = 0; i < n; i++) {
        ext.nextBlock(author);
        jobs.pallet.hooks!.onInitialize!(ext.ctx);
      }
    },
    /** Moves to block `number` (running the hook of each block on the way). */
    advanceTo(number: number, author?: AccountId) {
      while (ext.ctx.block.number < number) this.advance(1, author);
    },
  };
}
/** What `newJobsTest` returns. */
export type JobsTest = ReturnType<typeof newJobsTest>;

/** The reward of the helpers' job 0. */
export const REWARD = 10_000n;
/** 1% of `REWARD`. */
export const FEE = 100n;
/** The submitted model hash. */
export const MODEL_HASH = new Uint8Array(32).fill(0x11);
/** The submitted checkpoint root. */
export const ROOT_HASH = new Uint8Array(32).fill(0x22);
/** `n` decreasing fixed-point losses. */
export const losses = (n: number): number[] => Array.from({ length: n }, (_, i) => 2_000_000 - i * 1_000);

/** Jobs events so far, as `{ name, value }`. */
export const jobEvents = (t: JobsTest) => t.ext.events().filter((e) => e.pallet === 'Jobs').map(({ name, value }) => ({ name, value }));

/** Posts job 0 for `REWARD` and has the first `spec.workers` of w1, w2, w3 volunteer. */
export function assigned(t: JobsTest, spec = trainingSpec()): void {
  t.ext.assertOk(signed(A.owner), 'Jobs', 'post_training_job', { spec, reward: REWARD });
  for (const w of [A.w1, A.w2, A.w3].slice(0, spec.workers)) t.ext.assertOk(signed(w), 'Jobs', 'volunteer', { job_id: 0n });
}

/** Job 0 assigned, started and submitted by w1 (10 segments): Verifying. */
export function verifying(t: JobsTest, spec = trainingSpec()): void {
  assigned(t, spec);
  t.ext.assertOk(signed(A.w1), 'Jobs', 'start_training', { job_id: 0n });
  const submit = { job_id: 0n, model_hash: MODEL_HASH, model_cid: CID, checkpoint_root: ROOT_HASH, segment_losses: losses(10) };
  t.ext.assertOk(signed(A.w1), 'Jobs', 'submit_result', submit);
}

/** `force_verification_result` arguments that accept job 0 crediting `verifiers`. */
export const acceptArgs = (verifiers: Uint8Array[], job_id = 0n) => ({ job_id, accepted: true, verifiers, offender: undefined, proof_ref: new Uint8Array(32) });
