/** Workers calls. Each checks the origin, validates everything, then writes and emits one past-tense event. */
import { call, ensureRoot, ensureSigned } from '../../runtime/framework/pallet.ts';
import { type AccountId, MultiAddress } from '../../runtime/primitives.ts';
import { u32 } from '../../runtime/scale/codec.ts';
import type { StateReader } from '../../runtime/state/overlay.ts';
import { lookupAddress } from '../balances/lookup.ts';
import type { ResolvedWorkersConfig } from './config.ts';
import { WorkersError } from './errors.ts';
import { WorkersEvent } from './events.ts';
import { schedule, unschedule, writeReputation } from './registry.ts';
import { workersStorage as S } from './storage.ts';
import { type WorkerInfo, WorkerSpec } from './types.ts';
import { validateSpec } from './validate.ts';
import { WorkersWeights } from './weights.ts';

const U32_MAX = 0xffff_ffff;

function registered(state: StateReader, who: AccountId): WorkerInfo {
  const info = S.Workers.get(state, who);
  if (!info) throw WorkersError.NotRegistered;
  return info;
}

/** The call table; every call acts only on the caller's own record, except Root's `set_reputation`. */
export function workersCalls(config: ResolvedWorkersConfig) {
  return {
    register: call({
      index: 0,
      args: { spec: WorkerSpec },
      docs: [' Register the caller as a worker with `spec`. Needs the worker role (minimum bond) in Staking.'],
      weight: ({ spec }) => WorkersWeights.register(spec),
      dispatch: (ctx, origin, { spec }) => {
        const who = ensureSigned(origin);
        validateSpec(config, spec);
        if (S.Workers.contains(ctx.state, who)) throw WorkersError.AlreadyRegistered;
        if (!config.staking.hasRole(ctx.state, who, 'worker')) throw WorkersError.NotAWorker;
        const now = ctx.block.number;
        const info: WorkerInfo = {
          spec,
          registered_at: now,
          last_heartbeat: now,
          uptime_blocks: 0,
          reputation: config.reputation.initial,
          jobs_completed: 0,
          faults: 0,
          status: { tag: 'Active' },
        };
        S.Workers.insert(ctx.state, info, who);
        S.WorkerCount.set(ctx.state, S.WorkerCount.get(ctx.state) + 1);
        schedule(config, ctx.state, who, info);
        ctx.deposit(WorkersEvent, { tag: 'WorkerRegistered', value: { who } });
      },
    }),
    update_spec: call({
      index: 1,
      args: { spec: WorkerSpec },
      docs: [' Replace the caller\'s spec. Not while deregistering.'],
      weight: ({ spec }) => WorkersWeights.updateSpec(spec),
      dispatch: (ctx, origin, { spec }) => {
        const who = ensureSigned(origin);
        validateSpec(config, spec);
        const info = registered(ctx.state, who);
        if (info.status.tag === 'Deregistering') throw WorkersError.Deregistering;
        S.Workers.insert(ctx.state, { ...info, spec }, who);
        ctx.deposit(WorkersEvent, { tag: 'WorkerSpecUpdated', value: { who } });
      },
    }),
    heartbeat: call({
      index: 2,
      args: {},
      docs: [
        ' Prove liveness: at most once per `HeartbeatInterval` blocks. Adds the blocks since the last heartbeat',
        ' (at most `OfflineAfter`) to the uptime, moves the Offline deadline, and makes an Offline worker Active.',
      ],
      weight: WorkersWeights.heartbeat,
      dispatch: (ctx, origin) => {
        const who = ensureSigned(origin);
        const info = registered(ctx.state, who);
        if (info.status.tag === 'Deregistering') throw WorkersError.Deregistering;
        const now = ctx.block.number;
        const elapsed = now - info.last_heartbeat;
        if (elapsed < config.heartbeatInterval) throw WorkersError.HeartbeatTooSoon;
        // A heartbeat vouches for the blocks before it only up to the Offline deadline; the rest was downtime.
        const uptime = Math.min(U32_MAX, info.uptime_blocks + Math.min(elapsed, config.offlineAfter));
        const next: WorkerInfo = { ...info, last_heartbeat: now, uptime_blocks: uptime, status: { tag: 'Active' } };
        unschedule(config, ctx.state, who, info);
        schedule(config, ctx.state, who, next);
        S.Workers.insert(ctx.state, next, who);
        if (info.status.tag === 'Offline') ctx.deposit(WorkersEvent, { tag: 'WorkerBackOnline', value: { who } });
        ctx.deposit(WorkersEvent, { tag: 'HeartbeatReceived', value: { who, uptime_blocks: uptime } });
      },
    }),
    deregister: call({
      index: 3,
      args: {},
      docs: [
        ' Start leaving: the worker takes no new work from now on. The record is removed by',
        ' `finalize_deregistration` once Staking reports no active stake for the caller.',
      ],
      weight: WorkersWeights.deregister,
      dispatch: (ctx, origin) => {
        const who = ensureSigned(origin);
        const info = registered(ctx.state, who);
        if (info.status.tag === 'Deregistering') throw WorkersError.Deregistering;
        unschedule(config, ctx.state, who, info);
        S.Workers.insert(ctx.state, { ...info, status: { tag: 'Deregistering', value: { since: ctx.block.number } } }, who);
        ctx.deposit(WorkersEvent, { tag: 'DeregistrationStarted', value: { who } });
      },
    }),
    finalize_deregistration: call({
      index: 4,
      args: {},
      docs: [
        ' Remove the caller\'s deregistering record. Allowed once Staking reports no active stake: the caller has',
        ' unbonded everything, so any stake still unbonding stays slashable in Staking until it is withdrawn.',
      ],
      weight: WorkersWeights.finalizeDeregistration,
      dispatch: (ctx, origin) => {
        const who = ensureSigned(origin);
        const info = registered(ctx.state, who);
        if (info.status.tag !== 'Deregistering') throw WorkersError.NotDeregistering;
        if (config.staking.activeStake(ctx.state, who) > 0n) throw WorkersError.StillStaked;
        S.Workers.remove(ctx.state, who);
        S.WorkerCount.set(ctx.state, Math.max(0, S.WorkerCount.get(ctx.state) - 1));
        ctx.deposit(WorkersEvent, { tag: 'WorkerDeregistered', value: { who } });
      },
    }),
    set_reputation: call({
      index: 5,
      args: { who: MultiAddress, value: u32 },
      docs: [' Set a worker\'s reputation (parts per million, at most `MaxReputation`). Root only.'],
      weight: WorkersWeights.setReputation,
      argTypeNames: { who: 'AccountIdLookupOf<T>' },
      dispatch: (ctx, origin, { who: address, value }) => {
        ensureRoot(origin);
        const who = lookupAddress(address);
        if (value > config.reputation.max) throw WorkersError.ReputationOutOfRange;
        writeReputation(ctx, who, registered(ctx.state, who), value, 'Root');
      },
    }),
  };
}
