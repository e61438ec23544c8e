/** The default constants of Jobs and the construction-time checks of a Config. */
import { type JobsConfig, type JobsConstants, PPM, type ResolvedJobsConfig } from './config.ts';

/**
 * Defaults. Shares follow the protocol note (85/7/3/5); the tolerance bound is its k ≤ 50; at 6 s blocks the
 * assignment timeout is 5 minutes, the grace 1 minute, an inference job 10 minutes and the longest job ~69 days.
 */
export const JOBS_DEFAULTS: JobsConstants = {
  networkFee: 10_000,
  payoutShares: { workers: 850_000, verifiers: 70_000, evaluators: 30_000, treasury: 50_000 },
  schedulerWeights: { locality: 350_000, acceleratorFit: 250_000, sla: 200_000, price: 100_000, load: 100_000 },
  maxWorkersPerJob: 8,
  maxSegments: 1_024,
  maxToleranceSegmentLength: 50,
  maxJobDuration: 1_000_000,
  applicationPeriod: 10,
  maxCandidates: 64,
  maxVerifiers: 16,
  maxEvaluators: 16,
  assignmentTimeout: 50,
  submissionGrace: 10,
  timeoutSlash: 100_000,
  inferenceTimeout: 100,
  maxDeadlinesPerBlock: 256,
  maxRegionLength: 64,
};

const U32_MAX = 0xffff_ffff;
const U128_MAX = (1n << 128n) - 1n;

function ppm(name: string, v: number): void {
  if (!Number.isInteger(v) || v < 0 || v > PPM) throw new Error(`Jobs: ${name} must be an integer in 0..=${PPM} parts per million, got ${v}`);
}

function sumsToWhole(name: string, parts: Record<string, number>): void {
  for (const [k, v] of Object.entries(parts)) ppm(`${name}.${k}`, v);
  const total = Object.values(parts).reduce((a, b) => a + b, 0);
  if (total !== PPM) throw new Error(`Jobs: ${name} must sum to ${PPM} parts per million, got ${total}`);
}

/** Applies the defaults; throws a clear Error (a runtime bug, not a user's) for a Config that could not work. */
export function resolveJobsConfig(config: JobsConfig): ResolvedJobsConfig {
  const defined = Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined));
  const c = { ...JOBS_DEFAULTS, ...defined } as ResolvedJobsConfig;
  ppm('networkFee', c.networkFee);
  ppm('timeoutSlash', c.timeoutSlash);
  sumsToWhole('payoutShares', { ...c.payoutShares });
  sumsToWhole('schedulerWeights', { ...c.schedulerWeights });
  const positive = {
    maxSegments: c.maxSegments,
    maxToleranceSegmentLength: c.maxToleranceSegmentLength,
    maxJobDuration: c.maxJobDuration,
    maxCandidates: c.maxCandidates,
    maxVerifiers: c.maxVerifiers,
    maxEvaluators: c.maxEvaluators,
    assignmentTimeout: c.assignmentTimeout,
    inferenceTimeout: c.inferenceTimeout,
    maxDeadlinesPerBlock: c.maxDeadlinesPerBlock,
    maxRegionLength: c.maxRegionLength,
  };
  for (const [name, v] of Object.entries(positive)) {
    if (!Number.isInteger(v) || v < 1 || v > U32_MAX) throw new Error(`Jobs: ${name} must be a positive u32, got ${v}`);
  }
  for (const [name, v] of Object.entries({ applicationPeriod: c.applicationPeriod, submissionGrace: c.submissionGrace })) {
    if (!Number.isInteger(v) || v < 0 || v > U32_MAX) throw new Error(`Jobs: ${name} must be a u32, got ${v}`);
  }
  // `TrainingSpec.workers` is a u8.
  if (!Number.isInteger(c.maxWorkersPerJob) || c.maxWorkersPerJob < 1 || c.maxWorkersPerJob > 255) {
    throw new Error(`Jobs: maxWorkersPerJob must be in 1..=255, got ${c.maxWorkersPerJob}`);
  }
  if (c.minReward < 0n || c.minReward > U128_MAX) throw new Error(`Jobs: minReward must be a u128, got ${c.minReward}`);
  if (c.inferenceMinStake <= 0n || c.inferenceMinStake > U128_MAX) throw new Error(`Jobs: inferenceMinStake must be a positive u128, got ${c.inferenceMinStake}`);
  if (c.treasury.length !== 32) throw new Error('Jobs: the treasury must be a 32-byte AccountId');
  return c;
}
