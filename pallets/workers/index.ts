/**
 * pallet_workers: the registry of staked compute workers — their capabilities (accelerators, memory, region,
 * ONNX runtimes, price), liveness by heartbeat, and a reputation that verified work raises and faults lower.
 * Jobs and the verification pallets use the returned `registry`; Staking is reached through the Config.
 */
import { constant, type PalletDef } from '../../runtime/framework/pallet.ts';
import { storageEntries } from '../../runtime/framework/storage.ts';
import { BlockNumber } from '../../runtime/primitives.ts';
import { u16, u32 } from '../../runtime/scale/codec.ts';
import { workersCalls } from './calls.ts';
import { resolveWorkersConfig, type WorkersConfig } from './config.ts';
import { WorkersError } from './errors.ts';
import { WorkersEvent } from './events.ts';
import { workersHooks } from './hooks.ts';
import { createWorkerRegistry, type WorkerRegistry } from './registry.ts';
import { workersStorage } from './storage.ts';

/** Builds the Workers pallet (runtime index 11); throws a clear Error for an unusable Config. */
export function workersPallet(workersConfig: WorkersConfig) {
  const config = resolveWorkersConfig(workersConfig);
  const registry: WorkerRegistry = createWorkerRegistry(config);
  const rep = config.reputation;
  const pallet: PalletDef = {
    name: 'Workers',
    crate: 'pallet_workers',
    docs: [' Staked compute workers: capabilities, heartbeats and uptime, and reputation from verified work.'],
    storage: storageEntries(workersStorage),
    calls: workersCalls(config),
    events: WorkersEvent,
    errors: WorkersError,
    constants: {
      MaxRegionLength: constant(u32, config.maxRegionLength, [' The longest region, in bytes.']),
      MaxRuntimes: constant(u32, config.maxRuntimes, [' The most runtimes a spec may list.']),
      MaxAcceleratorCount: constant(u16, config.maxAcceleratorCount, [' The most accelerators a spec may declare.']),
      HeartbeatInterval: constant(BlockNumber, config.heartbeatInterval, [' Blocks that must pass between two heartbeats of one worker.']),
      OfflineAfter: constant(BlockNumber, config.offlineAfter, [' A worker is marked Offline this many blocks after its last heartbeat.']),
      InitialReputation: constant(u32, rep.initial, [' The reputation (parts per million) a new worker starts with.']),
      MaxReputation: constant(u32, rep.max, [' The highest reputation (parts per million).']),
      ReputationRewardVerified: constant(u32, rep.rewardVerified, [' Reputation gained per piece of verified work.']),
      ReputationPenaltyFault: constant(u32, rep.penaltyFault, [' Reputation lost for work proven invalid.']),
      ReputationPenaltyTimeout: constant(u32, rep.penaltyTimeout, [' Reputation lost for going silent on an assigned job.']),
    },
    hooks: workersHooks(config),
  };
  return { pallet, storage: workersStorage, registry };
}
/** What `workersPallet` returns: `{ pallet, storage, registry }`. */
export type WorkersPallet = ReturnType<typeof workersPallet>;
export type { ReputationConfig, WorkerStaking, WorkersConfig } from './config.ts';
export type { WorkerRegistry } from './registry.ts';
export { Accelerator, type FaultKind, ReputationReason, Runtime, WorkerInfo, WorkerSpec, WorkerStatus } from './types.ts';
export { WorkersError } from './errors.ts';
export { WorkersEvent } from './events.ts';
export { heartbeatsDueAt } from './storage.ts';
