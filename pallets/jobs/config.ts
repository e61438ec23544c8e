/**
 * Jobs' Config: the pallets it works with, declared as the small interfaces it needs (the runtime wires the real
 * staking, workers, datasets, models and verification pallets in; tests wire `mock.ts`), and its constants.
 * `resolveJobsConfig` fills the defaults and rejects an impossible Config when the runtime is built.
 */
import type { DispatchContext } from '../../runtime/framework/pallet.ts';
import type { AccountId } from '../../runtime/primitives.ts';
import type { StateReader } from '../../runtime/state/overlay.ts';
import type { Currency } from '../balances/index.ts';

/** One whole in parts per million: shares, weights, fees and scores are integers out of this. */
export const PPM = 1_000_000;

/** The staking roles a job needs. */
export type StakingRole = 'worker' | 'verifier' | 'evaluator';
/** Why Jobs slashes (Staking's reasons): the result was proven wrong, or the worker went silent. */
export type SlashReason = 'InvalidWork' | 'MissedDeadline';
/** The faults Jobs reports to Workers (Workers' `FaultKind`). */
export type FaultKind = 'Timeout' | 'InvalidWork';

/** What Jobs needs from Staking. Locks under different ids add up: each job's collateral is separate. */
export interface JobsStaking {
  /** `who`'s active stake not held by any lock: what `lock` can still take. */
  unlockedStake(state: StateReader, who: AccountId): bigint;
  /** Whether `who` holds the minimum bond of `role`. */
  hasRole(state: StateReader, who: AccountId, role: StakingRole): boolean;
  /** Locks `amount` of `who`'s active stake as collateral under an 8-byte `id`; throws when it cannot. */
  lock(ctx: DispatchContext, who: AccountId, id: Uint8Array, amount: bigint): void;
  /** Releases the lock `id` (whatever is left of it after a slash); a missing lock is a no-op. */
  unlock(ctx: DispatchContext, who: AccountId, id: Uint8Array): void;
  /**
   * Slashes up to `amount` of `who`'s stake (locked collateral included), split between `reporter` and burning
   * by Staking's shares; `proofRef` (32 bytes) is the hash of the evidence. Returns the amount actually slashed.
   */
  slash(ctx: DispatchContext, who: AccountId, amount: bigint, reason: SlashReason, proofRef: Uint8Array, reporter?: AccountId): bigint;
}

/** Accelerator kinds, as the Workers pallet names them. */
export type AcceleratorKind = 'Cpu' | 'NvidiaGpu' | 'AmdGpu' | 'Tpu' | 'Other';
/** ONNX runtimes, as the Workers pallet names them. */
export type WorkerRuntimeKind = 'OnnxCpu' | 'OnnxCuda';

/** What the scheduler reads about a worker: the shape of Workers' `WorkerInfo`, so its registry fits as is. */
export interface WorkerView {
  spec: {
    accelerator: { tag: AcceleratorKind };
    accelerator_count: number;
    memory_mb: number;
    region: Uint8Array;
    runtimes: { tag: WorkerRuntimeKind }[];
    price_per_second: bigint;
  };
  /** Parts per million, 0..=1_000_000. */
  reputation: number;
}

/** What Jobs needs from Workers. How much reputation a fault costs is Workers' business. */
export interface JobsWorkers {
  /** Registered, heartbeating and holding the worker role. */
  isActive(state: StateReader, who: AccountId): boolean;
  get(state: StateReader, who: AccountId): WorkerView | undefined;
  noteVerifiedWork(ctx: DispatchContext, who: AccountId): void;
  noteFault(ctx: DispatchContext, who: AccountId, kind: FaultKind): void;
}

/** What Jobs needs from Datasets. */
export interface JobsDatasets {
  /** Whether a new training job may name this dataset (registered and not retired: Datasets' `isUsable`). */
  exists(state: StateReader, id: bigint): boolean;
}

/** A model trained by a completed job, with its lineage, for `JobsModels.registerTrainedModel`. */
export interface TrainedModelArgs {
  /** The job's owner: who paid for the training owns the model. */
  owner: AccountId;
  job_id: bigint;
  model_hash: Uint8Array;
  model_cid: Uint8Array;
  /** Merkle root of the job's checkpoints. */
  checkpoint_root: Uint8Array;
  base_model: bigint | undefined;
  training_dataset: bigint;
  /** CID of the ONNX train-step graph that produced it. */
  train_step_model: Uint8Array;
}

/** What Jobs needs from Models. */
export interface JobsModels {
  /** Whether a model with this id is registered (a base model, or the model of an inference job). */
  exists(state: StateReader, id: bigint): boolean;
  /** Registers the model and returns its id; throws (and Jobs records no model) when Models refuses it. */
  registerTrainedModel(ctx: DispatchContext, args: TrainedModelArgs): bigint;
}

/** Chain randomness (never the worker's): 32 bytes for `subject`, unpredictable before this block. */
export interface JobsRandomness {
  random(ctx: DispatchContext, subject: Uint8Array): Uint8Array;
}

/**
 * The verification protocol's side of a job (the pouw pallet; `mock.ts` in tests). Jobs calls `onSubmitted` once
 * a result is in and the job is `Verifying`; the protocol answers through the pallet's `accept` / `reject`, then
 * `completeEvaluation`, which may happen inside `onSubmitted` itself.
 */
export interface VerificationHooks {
  onSubmitted(ctx: DispatchContext, jobId: bigint): void;
}

/** How a completed job's reward is split, in parts per million; must sum to 1_000_000. */
export interface PayoutShares {
  workers: number;
  verifiers: number;
  evaluators: number;
  treasury: number;
}

/** The scheduler's weights per factor, in parts per million; must sum to 1_000_000. */
export interface SchedulerWeights {
  locality: number;
  acceleratorFit: number;
  sla: number;
  price: number;
  load: number;
}

/** Constants with defaults (see `JOBS_DEFAULTS`). Block counts are blocks; shares are parts per million. */
export interface JobsConstants {
  /** Network fee on top of the reward, to the block author (validators); default 10_000 (1%). */
  networkFee: number;
  payoutShares: PayoutShares;
  schedulerWeights: SchedulerWeights;
  maxWorkersPerJob: number;
  /** Most segments (`ceil(total_steps / segment_length)`), hence per-segment losses, a job may have. */
  maxSegments: number;
  /** Longest segment in `GpuTolerance` mode: honest noise outgrows a relative tolerance past ~50 steps. */
  maxToleranceSegmentLength: number;
  /** Latest deadline, counted from posting: escrow is never parked for ever. */
  maxJobDuration: number;
  /** Blocks after posting before `assign` may run, so candidates can gather. */
  applicationPeriod: number;
  maxCandidates: number;
  maxVerifiers: number;
  maxEvaluators: number;
  /** Blocks an assigned training job's workers have to call `start_training`. */
  assignmentTimeout: number;
  /** Blocks after the deadline a started job may still submit (its transaction may wait in the pool). */
  submissionGrace: number;
  /** Share of a silent worker's locked stake that is slashed. */
  timeoutSlash: number;
  /** Blocks an inference job has from posting to its result. */
  inferenceTimeout: number;
  /** Most deadlines one block processes; more move to the next block with room. */
  maxDeadlinesPerBlock: number;
  maxRegionLength: number;
}

/** What the runtime gives Jobs. */
export interface JobsConfig extends Partial<JobsConstants> {
  currency: Currency;
  staking: JobsStaking;
  workers: JobsWorkers;
  datasets: JobsDatasets;
  models: JobsModels;
  randomness: JobsRandomness;
  verification: VerificationHooks;
  /** Receives the treasury share and unclaimed shares; must exist (be endowed at genesis). */
  treasury: AccountId;
  /** Smallest reward a job may offer. */
  minReward: bigint;
  /** Stake an inference worker locks (training specs name their own). */
  inferenceMinStake: bigint;
}

/** The Config with every default applied. */
export type ResolvedJobsConfig = JobsConfig & JobsConstants;
