/** pallet_workers Config: the staking view it needs and its limits, with the checks the factory applies. */
import type { AccountId } from '../../runtime/primitives.ts';
import type { StateReader } from '../../runtime/state/overlay.ts';

/** What Workers needs from Staking (wired by the runtime; never Staking's storage directly). */
export interface WorkerStaking {
  /** Whether `who` has bonded at least the minimum for the `worker` role. */
  hasRole(state: StateReader, who: AccountId, role: 'worker'): boolean;
  /** `who`'s active (bonded, not unbonding) stake; 0 once everything is unbonding or withdrawn. */
  activeStake(state: StateReader, who: AccountId): bigint;
}

/** Reputation arithmetic, in parts per million (1_000_000 = 100%). */
export interface ReputationConfig {
  /** The reputation a newly registered worker starts with. */
  initial: number;
  /** The ceiling; `set_reputation` and rewards never exceed it. */
  max: number;
  /** Added (up to `max`) for each piece of verified work. */
  rewardVerified: number;
  /** Subtracted (down to 0) for work proven invalid. */
  penaltyFault: number;
  /** Subtracted (down to 0) when the worker went silent on an assigned job. */
  penaltyTimeout: number;
}

/** The pallet's Config: injected dependencies and constants. */
export interface WorkersConfig {
  staking: WorkerStaking;
  /** Longest `region` in bytes. */
  maxRegionLength: number;
  /** Most entries in `runtimes`. */
  maxRuntimes: number;
  /** Most accelerators one spec may declare (default 1024); more is `SpecTooLarge`. */
  maxAcceleratorCount?: number;
  /** Blocks that must pass between two heartbeats of one worker. */
  heartbeatInterval: number;
  /** A worker whose last heartbeat is this many blocks old is marked Offline; must exceed `heartbeatInterval`. */
  offlineAfter: number;
  reputation: ReputationConfig;
}

/** `WorkersConfig` with defaults filled in. */
export type ResolvedWorkersConfig = Required<WorkersConfig>;

const U32_MAX = 0xffff_ffff;
const isU32 = (n: number) => Number.isInteger(n) && n >= 0 && n <= U32_MAX;

/** Fills defaults and rejects a Config that could not work, with a clear Error (a runtime bug, not a user's). */
export function resolveWorkersConfig(config: WorkersConfig): ResolvedWorkersConfig {
  const resolved = { ...config, maxAcceleratorCount: config.maxAcceleratorCount ?? 1024 };
  const { reputation: r } = resolved;
  const counts = { maxRegionLength: resolved.maxRegionLength, maxRuntimes: resolved.maxRuntimes, heartbeatInterval: resolved.heartbeatInterval };
  for (const [name, v] of Object.entries(counts)) if (!isU32(v) || v === 0) throw new Error(`Workers config: ${name} must be a positive u32, got ${v}`);
  if (!Number.isInteger(resolved.maxAcceleratorCount) || resolved.maxAcceleratorCount < 1 || resolved.maxAcceleratorCount > 0xffff) {
    throw new Error(`Workers config: maxAcceleratorCount must be in 1..=65535, got ${resolved.maxAcceleratorCount}`);
  }
  // A worker heartbeating as often as allowed must never be marked Offline.
  if (!isU32(resolved.offlineAfter) || resolved.offlineAfter <= resolved.heartbeatInterval) {
    throw new Error(`Workers config: offlineAfter (${resolved.offlineAfter}) must exceed heartbeatInterval (${resolved.heartbeatInterval})`);
  }
  for (const [name, v] of Object.entries(r)) if (!isU32(v)) throw new Error(`Workers config: reputation.${name} must be a u32, got ${v}`);
  if (r.initial > r.max) throw new Error(`Workers config: reputation.initial (${r.initial}) exceeds reputation.max (${r.max})`);
  return resolved;
}
