/**
 * Checks of a posted job, before anything is written: pure rules first (sizes, ranges, CIDs), then the reads
 * (dataset, base model). Each broken rule has its own documented error.
 */
import type { StateReader } from '../../runtime/state/overlay.ts';
import { isValidCid } from '../common/cid.ts';
import { PPM, type ResolvedJobsConfig } from './config.ts';
import { JobsError } from './errors.ts';
import { segmentsOf } from './terms.ts';
import type { TrainingSpec } from './types.ts';

/** `InvalidCid` unless `cid` is an accepted binary CIDv1 (`pallets/common/cid.ts`). */
export function ensureCid(cid: Uint8Array): void {
  if (!isValidCid(cid)) throw JobsError.InvalidCid;
}

/** `RewardTooLow` below `minReward`; otherwise the network fee on top of the reward. */
export function feeFor(cfg: ResolvedJobsConfig, reward: bigint): bigint {
  if (reward < cfg.minReward) throw JobsError.RewardTooLow;
  return (reward * BigInt(cfg.networkFee)) / BigInt(PPM);
}

/** `DeadlinePassed` unless `deadline` is after `now`; `DeadlineTooFar` beyond `maxJobDuration`. */
export function ensureDeadline(cfg: ResolvedJobsConfig, now: number, deadline: number): void {
  if (deadline <= now) throw JobsError.DeadlinePassed;
  if (deadline - now > cfg.maxJobDuration) throw JobsError.DeadlineTooFar;
}

/** Validates a training spec posted at block `now`. */
export function validateTrainingSpec(cfg: ResolvedJobsConfig, state: StateReader, now: number, spec: TrainingSpec): void {
  if (spec.total_steps === 0 || spec.segment_length === 0) throw JobsError.ZeroSteps;
  if (spec.segment_length > spec.total_steps) throw JobsError.SegmentTooLong;
  if (spec.mode.tag === 'GpuTolerance') {
    const { tolerance_ppm } = spec.mode.value;
    if (tolerance_ppm === 0 || tolerance_ppm > PPM) throw JobsError.InvalidSpec;
    // The protocol's measurements: honest reorder noise stays ~1e-6 up to k = 50 and reaches 5e-2 at k = 500.
    if (spec.segment_length > cfg.maxToleranceSegmentLength) throw JobsError.SegmentTooLong;
  }
  if (segmentsOf(spec) > cfg.maxSegments) throw JobsError.TooManySegments;
  if (spec.workers === 0 || spec.min_worker_stake === 0n) throw JobsError.InvalidSpec;
  if (spec.workers > cfg.maxWorkersPerJob) throw JobsError.TooManyWorkers;
  if (spec.region !== undefined && (spec.region.length === 0 || spec.region.length > cfg.maxRegionLength)) throw JobsError.InvalidSpec;
  ensureDeadline(cfg, now, spec.deadline);
  ensureCid(spec.train_step_model);
  if (spec.hyperparams_cid !== undefined) ensureCid(spec.hyperparams_cid);
  if (!cfg.datasets.exists(state, spec.dataset_id)) throw JobsError.DatasetNotFound;
  if (spec.base_model !== undefined && !cfg.models.exists(state, spec.base_model)) throw JobsError.ModelNotFound;
}
