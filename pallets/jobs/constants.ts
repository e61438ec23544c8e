/** Jobs' constants as the metadata advertises them (Polkadot.js Apps shows them under Chain state → Constants). */
import { constant, type ConstantSpec } from '../../runtime/framework/pallet.ts';
import { AccountId32, Balance, BlockNumber } from '../../runtime/primitives.ts';
import { named, u32 } from '../../runtime/scale/codec.ts';
import type { ResolvedJobsConfig } from './config.ts';

const Permill = named(u32, 'Permill');

/** The metadata constants of a resolved Config. */
export function jobsConstants(c: ResolvedJobsConfig): Record<string, ConstantSpec> {
  const s = c.payoutShares;
  const w = c.schedulerWeights;
  return {
    NetworkFee: constant(Permill, c.networkFee, [' Fee on top of a reward, to the completing block\'s author.']),
    WorkersShare: constant(Permill, s.workers, [' Share of a reward split equally among the job\'s workers.']),
    VerifiersShare: constant(Permill, s.verifiers, [' Share of a reward split among the verifiers (treasury if none).']),
    EvaluatorsShare: constant(Permill, s.evaluators, [' Share of a reward split among the evaluators (treasury if none).']),
    TreasuryShare: constant(Permill, s.treasury, [' Share of a reward to the treasury (plus rounding).']),
    SchedulerLocalityWeight: constant(Permill, w.locality, [' Scheduler weight of the region match.']),
    SchedulerAcceleratorWeight: constant(Permill, w.acceleratorFit, [' Scheduler weight of the accelerator kind and count.']),
    SchedulerSlaWeight: constant(Permill, w.sla, [' Scheduler weight of the worker\'s reputation.']),
    SchedulerPriceWeight: constant(Permill, w.price, [' Scheduler weight of the price against the cheapest candidate.']),
    SchedulerLoadWeight: constant(Permill, w.load, [' Scheduler weight of the worker\'s number of unfinished jobs.']),
    MinReward: constant(Balance, c.minReward, [' The smallest reward a job may offer.']),
    InferenceMinStake: constant(Balance, c.inferenceMinStake, [' Collateral an inference worker locks.']),
    Treasury: constant(AccountId32, c.treasury, [' The treasury account.']),
    MaxWorkersPerJob: constant(u32, c.maxWorkersPerJob, [' The most workers one training job may ask for.']),
    MaxSegments: constant(u32, c.maxSegments, [' The most segments (and losses) a training job may have.']),
    MaxToleranceSegmentLength: constant(u32, c.maxToleranceSegmentLength, [' The longest segment in `GpuTolerance` mode.']),
    MaxJobDuration: constant(BlockNumber, c.maxJobDuration, [' The furthest a deadline may be from posting.']),
    ApplicationPeriod: constant(BlockNumber, c.applicationPeriod, [' Blocks after posting before `assign` may run.']),
    MaxCandidates: constant(u32, c.maxCandidates, [' The most candidates one job may have.']),
    MaxVerifiers: constant(u32, c.maxVerifiers, [' The most verifiers credited on one job.']),
    MaxEvaluators: constant(u32, c.maxEvaluators, [' The most evaluators credited on one job.']),
    AssignmentTimeout: constant(BlockNumber, c.assignmentTimeout, [' Blocks assigned workers have to start training.']),
    SubmissionGrace: constant(BlockNumber, c.submissionGrace, [' Blocks after the deadline a started job may still submit.']),
    TimeoutSlash: constant(Permill, c.timeoutSlash, [' Share of a silent worker\'s collateral that is slashed.']),
    InferenceTimeout: constant(BlockNumber, c.inferenceTimeout, [' Blocks an inference job has from posting to its result.']),
    MaxDeadlinesPerBlock: constant(u32, c.maxDeadlinesPerBlock, [' The most timeout checks one block runs.']),
    MaxRegionLength: constant(u32, c.maxRegionLength, [' The longest preferred region, in bytes.']),
  };
}
