/**
 * The worker registry as other pallets see it (`WorkerRegistry`), and the bookkeeping shared by calls and the
 * hook: heartbeat deadlines in `HeartbeatDue` and reputation changes with their event.
 */
import type { DispatchContext } from '../../runtime/framework/pallet.ts';
import type { AccountId } from '../../runtime/primitives.ts';
import type { OverlayState, StateReader } from '../../runtime/state/overlay.ts';
import type { ResolvedWorkersConfig } from './config.ts';
import { WorkersEvent } from './events.ts';
import { workersStorage as S } from './storage.ts';
import type { FaultKind, ReputationReason, WorkerInfo } from './types.ts';

/** What Jobs (and the verification pallets) use: reads, and reports of verified work and faults. */
export interface WorkerRegistry {
  /** The worker's record, or undefined when `who` is not registered. */
  get(state: StateReader, who: AccountId): WorkerInfo | undefined;
  /** Registered, Active (heartbeating, not deregistering) and still holding the worker role in Staking. */
  isActive(state: StateReader, who: AccountId): boolean;
  /**
   * Verified work: reputation + `rewardVerified` (capped at `max`), `jobs_completed` + 1, `ReputationChanged`.
   * Returns the new reputation, or undefined (changing nothing) when `who` is not registered.
   */
  noteVerifiedWork(ctx: DispatchContext, who: AccountId): number | undefined;
  /**
   * A fault: reputation − `penaltyTimeout` or − `penaltyFault` (floored at 0), `faults` + 1, `ReputationChanged`.
   * Returns the new reputation, or undefined (changing nothing) when `who` is not registered.
   */
  noteFault(ctx: DispatchContext, who: AccountId, kind: FaultKind): number | undefined;
}

const U32_MAX = 0xffff_ffff;

/** The block at which a worker with this last heartbeat is marked Offline. */
export const deadlineOf = (config: ResolvedWorkersConfig, info: WorkerInfo): number => info.last_heartbeat + config.offlineAfter;

/** Drops the worker's pending deadline (if it has one: only Active workers do). */
export function unschedule(config: ResolvedWorkersConfig, state: OverlayState, who: AccountId, info: WorkerInfo): void {
  S.HeartbeatDue.remove(state, deadlineOf(config, info), who);
}

/** Records a deadline for a worker whose `last_heartbeat` was just set. */
export function schedule(config: ResolvedWorkersConfig, state: OverlayState, who: AccountId, info: WorkerInfo): void {
  S.HeartbeatDue.insert(state, [], deadlineOf(config, info), who);
}

/** Writes `info` with reputation `next` and deposits `ReputationChanged` (even when unchanged: the cause is news). */
export function writeReputation(ctx: DispatchContext, who: AccountId, info: WorkerInfo, next: number, reason: ReputationReason): void {
  S.Workers.insert(ctx.state, { ...info, reputation: next }, who);
  ctx.deposit(WorkersEvent, { tag: 'ReputationChanged', value: { who, old: info.reputation, new: next, reason: { tag: reason } } });
}

/** Builds the registry over the pallet's storage and the Config's staking view. */
export function createWorkerRegistry(config: ResolvedWorkersConfig): WorkerRegistry {
  const rep = config.reputation;
  return {
    get: (state, who) => S.Workers.get(state, who),
    isActive: (state, who) => S.Workers.get(state, who)?.status.tag === 'Active' && config.staking.hasRole(state, who, 'worker'),
    noteVerifiedWork(ctx, who) {
      const info = S.Workers.get(ctx.state, who);
      if (!info) return undefined;
      const next = Math.min(rep.max, info.reputation + rep.rewardVerified);
      writeReputation(ctx, who, { ...info, jobs_completed: Math.min(U32_MAX, info.jobs_completed + 1) }, next, 'VerifiedWork');
      return next;
    },
    noteFault(ctx, who, kind) {
      const info = S.Workers.get(ctx.state, who);
      if (!info) return undefined;
      const penalty = kind === 'Timeout' ? rep.penaltyTimeout : rep.penaltyFault;
      const next = Math.max(0, info.reputation - penalty);
      writeReputation(ctx, who, { ...info, faults: Math.min(U32_MAX, info.faults + 1) }, next, kind);
      return next;
    },
  };
}
