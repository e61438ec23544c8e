/** `on_initialize`: marks Offline the workers whose heartbeat deadline is this block, reading only that bucket. */
import type { DispatchContext, Hooks } from '../../runtime/framework/pallet.ts';
import type { Weight } from '../../runtime/primitives.ts';
import type { ResolvedWorkersConfig } from './config.ts';
import { WorkersEvent } from './events.ts';
import { deadlineOf } from './registry.ts';
import { heartbeatsDueAt, workersStorage as S } from './storage.ts';
import { WorkersWeights } from './weights.ts';

/** The pallet's hooks. */
export function workersHooks(config: ResolvedWorkersConfig): Hooks {
  return {
    onInitialize(ctx: DispatchContext): Weight {
      const now = ctx.block.number;
      const due = heartbeatsDueAt(ctx.state, now);
      for (const who of due) {
        // The entry is consumed either way: a bucket is read once, at its block.
        S.HeartbeatDue.remove(ctx.state, now, who);
        const info = S.Workers.get(ctx.state, who);
        // Heartbeats and deregistration remove their old entry, so a stale one means nothing to do.
        if (!info || info.status.tag !== 'Active' || deadlineOf(config, info) !== now) continue;
        S.Workers.insert(ctx.state, { ...info, status: { tag: 'Offline' } }, who);
        ctx.deposit(WorkersEvent, { tag: 'WorkerWentOffline', value: { who, last_heartbeat: info.last_heartbeat } });
      }
      return WorkersWeights.onInitialize(due.length);
    },
  };
}
