/**
 * pallet_jobs: the escrowed market for training and inference jobs. A client posts a job with a reward (plus a
 * network fee) reserved on its account; staked workers volunteer or are ranked by the scheduler; the seed comes
 * from chain randomness at assignment; the result goes to the verification protocol (`VerificationHooks` in,
 * `accept` / `reject` / `completeEvaluation` out); the escrow is paid out by shares or refunded, exactly once.
 */
import type { PalletDef } from '../../runtime/framework/pallet.ts';
import { storageEntries } from '../../runtime/framework/storage.ts';
import type { StateReader } from '../../runtime/state/overlay.ts';
import { jobsCalls } from './calls.ts';
import type { JobsConfig } from './config.ts';
import { jobsConstants } from './constants.ts';
import { resolveJobsConfig } from './defaults.ts';
import { JobsError } from './errors.ts';
import { JobsEvent } from './events.ts';
import { jobsHooks } from './hooks.ts';
import { jobsStorage } from './storage.ts';
import type { JobInfo } from './types.ts';
import { createVerdicts } from './verdicts.ts';

/**
 * Builds the Jobs pallet (runtime index 14); throws a clear Error for an unusable Config. Returns the pallet,
 * its storage, the verdict API the verification pallet drives (`accept`, `reject`, `completeEvaluation`) and
 * `job` to read one job.
 */
export function jobsPallet(config: JobsConfig) {
  const cfg = resolveJobsConfig(config);
  const verdicts = createVerdicts(cfg);
  const pallet: PalletDef = {
    name: 'Jobs',
    crate: 'pallet_jobs',
    docs: [' Escrowed training and inference jobs: posting, staffing, results, verification hooks, payout and refunds.'],
    storage: storageEntries(jobsStorage),
    calls: jobsCalls(cfg, verdicts),
    events: JobsEvent,
    errors: JobsError,
    constants: jobsConstants(cfg),
    hooks: jobsHooks(cfg),
  };
  return {
    pallet,
    storage: jobsStorage,
    config: cfg,
    accept: verdicts.accept,
    reject: verdicts.reject,
    completeEvaluation: verdicts.completeEvaluation,
    /** The job with this id, if any. */
    job: (state: StateReader, id: bigint): JobInfo | undefined => jobsStorage.Jobs.get(state, id),
  };
}
/** What `jobsPallet` returns. */
export type JobsPallet = ReturnType<typeof jobsPallet>;
export type {
  AcceleratorKind,
  FaultKind,
  JobsConfig,
  JobsConstants,
  JobsDatasets,
  JobsModels,
  JobsRandomness,
  JobsStaking,
  JobsWorkers,
  PayoutShares,
  SchedulerWeights,
  SlashReason,
  StakingRole,
  TrainedModelArgs,
  VerificationHooks,
  WorkerRuntimeKind,
  WorkerView,
} from './config.ts';
export { PPM } from './config.ts';
export { JOBS_DEFAULTS } from './defaults.ts';
export { JobsError } from './errors.ts';
export { JobsEvent } from './events.ts';
export { canTransition, isTerminal } from './transitions.ts';
export { rankCandidates, type Candidate, type Preferences, type Scored } from './scheduler.ts';
export { Accelerator, JobInfo, JobKind, JobStatus, type JobStatusName, TrainingMode, TrainingSpec } from './types.ts';
export type { JobVerdicts } from './verdicts.ts';
