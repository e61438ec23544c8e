/** Workers events (explorers decode them from the metadata, docs included). */
import { defineEvents } from '../../runtime/framework/pallet.ts';
import { AccountId32, BlockNumber } from '../../runtime/primitives.ts';
import { u32 } from '../../runtime/scale/codec.ts';
import { ReputationReason } from './types.ts';

/** `pallet_workers::pallet::Event`, deposited with `ctx.deposit(WorkersEvent, …)`. */
export const WorkersEvent = defineEvents('Workers', 'pallet_workers', {
  WorkerRegistered: { index: 0, fields: { who: AccountId32 }, docs: [' A worker registered with its spec and is Active.'] },
  WorkerSpecUpdated: { index: 1, fields: { who: AccountId32 }, docs: [' A worker replaced its spec.'] },
  HeartbeatReceived: {
    index: 2,
    fields: { who: AccountId32, uptime_blocks: u32 },
    docs: [' A worker heartbeated; `uptime_blocks` is its new total uptime.'],
  },
  WorkerWentOffline: {
    index: 3,
    fields: { who: AccountId32, last_heartbeat: BlockNumber },
    docs: [' A worker missed its heartbeat deadline and was marked Offline.'],
  },
  WorkerBackOnline: { index: 4, fields: { who: AccountId32 }, docs: [' An Offline worker heartbeated and is Active again.'] },
  DeregistrationStarted: { index: 5, fields: { who: AccountId32 }, docs: [' A worker started leaving; it takes no new work.'] },
  WorkerDeregistered: { index: 6, fields: { who: AccountId32 }, docs: [' A deregistering worker with no active stake was removed.'] },
  ReputationChanged: {
    index: 7,
    fields: { who: AccountId32, old: u32, new: u32, reason: ReputationReason },
    docs: [' A worker\'s reputation (parts per million) changed, and why.'],
  },
});
