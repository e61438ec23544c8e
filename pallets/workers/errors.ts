/** Workers errors: each a PascalCase name with the one-line doc wallets show. */
import { defineErrors } from '../../runtime/framework/pallet.ts';

/** `pallet_workers::pallet::Error`: throw `WorkersError.NotRegistered`. */
export const WorkersError = defineErrors('Workers', 'pallet_workers', {
  AlreadyRegistered: { index: 0, docs: [' The account is already registered as a worker.'] },
  NotRegistered: { index: 1, docs: [' The account is not a registered worker.'] },
  NotAWorker: { index: 2, docs: [' The account has not bonded the minimum stake for the worker role.'] },
  SpecTooLarge: { index: 3, docs: [' The spec declares more accelerators than `MaxAcceleratorCount`.'] },
  RegionTooLong: { index: 4, docs: [' The region is longer than `MaxRegionLength`.'] },
  TooManyRuntimes: { index: 5, docs: [' The spec lists more runtimes than `MaxRuntimes`.'] },
  DuplicateRuntime: { index: 6, docs: [' The spec lists a runtime twice.'] },
  NoRuntimes: { index: 7, docs: [' The spec lists no runtime.'] },
  HeartbeatTooSoon: { index: 8, docs: [' Fewer than `HeartbeatInterval` blocks passed since the last heartbeat.'] },
  NotDeregistering: { index: 9, docs: [' The worker has not started deregistering.'] },
  StillStaked: { index: 10, docs: [' The worker still has active stake; unbond it in Staking first.'] },
  InvalidRegion: { index: 11, docs: [' The region is empty or not printable ASCII.'] },
  NoAccelerators: { index: 12, docs: [' The spec declares zero accelerators.'] },
  NoMemory: { index: 13, docs: [' The spec declares zero memory.'] },
  IncompatibleRuntime: { index: 14, docs: [' `OnnxCuda` needs an `NvidiaGpu` accelerator.'] },
  Deregistering: { index: 15, docs: [' The worker is deregistering and can no longer heartbeat, change its spec or deregister again.'] },
  ReputationOutOfRange: { index: 16, docs: [' The reputation exceeds `MaxReputation`.'] },
});
