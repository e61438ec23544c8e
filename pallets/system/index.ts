/**
 * frame_system: accounts and nonces, block bookkeeping (number, parent hash, block hashes, digest, events) and the
 * constants clients read (`BlockHashCount` for mortality, `SS58Prefix`, `Version`, `BlockWeights`).
 */
import { constant, type DispatchContext, type DispatchResult, type PalletDef } from '../../runtime/framework/pallet.ts';
import { storageEntries } from '../../runtime/framework/storage.ts';
import { type AccountId, type DigestItem, type DispatchInfo, weight } from '../../runtime/primitives.ts';
import { type Codec, u16, u32 } from '../../runtime/scale/codec.ts';
import type { OverlayState, StateReader } from '../../runtime/state/overlay.ts';
import { systemCalls } from './calls.ts';
import { SystemError } from './errors.ts';
import { SystemEvent } from './events.ts';
import { systemStorage } from './storage.ts';
import {
  type AccountInfo,
  BlockLength,
  BlockWeights,
  type BlockWeights as BlockWeightsValue,
  RuntimeDbWeight,
  RuntimeVersionCodec,
  type RuntimeVersionValue,
} from './types.ts';

export interface SystemConfig<E> {
  /** `Vec<EventRecord<RuntimeEvent, H256>>`, from the composed runtime. */
  eventRecords: Codec<E[]>;
  blockHashCount: number;
  ss58Prefix: number;
  version: RuntimeVersionValue;
  blockWeights: BlockWeightsValue;
  maxBlockLength: number;
  dbWeight: { read: bigint; write: bigint };
}

/** Account records as other pallets use them: read, write, and the lifecycle events FRAME emits. */
export interface AccountStore {
  get(state: StateReader, who: AccountId): AccountInfo;
  set(state: OverlayState, who: AccountId, info: AccountInfo): void;
  remove(state: OverlayState, who: AccountId): void;
  onCreated(ctx: DispatchContext, who: AccountId): void;
  onKilled(ctx: DispatchContext, who: AccountId): void;
}

export function systemPallet<E>(config: SystemConfig<E>) {
  const storage = systemStorage(config.eventRecords);
  const accounts: AccountStore = {
    get: (state, who) => storage.Account.get(state, who),
    set: (state, who, info) => storage.Account.insert(state, info, who),
    remove: (state, who) => storage.Account.remove(state, who),
    onCreated: (ctx, who) => ctx.deposit(SystemEvent, { tag: 'NewAccount', value: { account: who } }),
    onKilled: (ctx, who) => ctx.deposit(SystemEvent, { tag: 'KilledAccount', value: { account: who } }),
  };
  const maxLength = Math.floor(config.maxBlockLength);
  const pallet: PalletDef = {
    name: 'System',
    crate: 'frame_system',
    docs: [' Accounts, nonces, block bookkeeping and events.'],
    storage: storageEntries(storage),
    calls: systemCalls,
    events: SystemEvent,
    errors: SystemError,
    constants: {
      BlockWeights: constant(BlockWeights, config.blockWeights, [' Block & extrinsics weights: base values and limits.']),
      BlockLength: constant(BlockLength, { max: { normal: Math.floor(maxLength * 0.75), operational: maxLength, mandatory: maxLength } }, [' The maximum length of a block (in bytes).']),
      BlockHashCount: constant(u32, config.blockHashCount, [' Maximum number of block number to block hash mappings to keep (oldest pruned first).']),
      DbWeight: constant(RuntimeDbWeight, config.dbWeight, [' The weight of runtime database operations the runtime can invoke.']),
      Version: constant(RuntimeVersionCodec, config.version, [' Get the chain\'s in-code version.']),
      SS58Prefix: constant(u16, config.ss58Prefix, [' The designated SS58 prefix of this chain.']),
    },
  };
  return { pallet, storage, accounts, ...systemBlockHooks(storage, config.blockHashCount) };
}
export type SystemPallet = ReturnType<typeof systemPallet>;
export { SystemEvent, SystemError };

/** FRAME System's block bookkeeping, called by the executive. */
function systemBlockHooks<E>(storage: ReturnType<typeof systemStorage<E>>, blockHashCount: number) {
  return {
    /** FRAME's genesis: `BlockHash[0]` and `ParentHash` hold `0x4545…` until block 1 records the real genesis hash. */
    buildGenesis(ctx: DispatchContext): void {
      const hash69 = new Uint8Array(32).fill(69);
      storage.BlockHash.insert(ctx.state, hash69, 0);
      storage.ParentHash.set(ctx.state, hash69);
    },
    /** `System::initialize`: number, parent hash, digest, the parent's hash in `BlockHash`, events reset. */
    initializeBlock(ctx: DispatchContext, header: { number: number; parentHash: Uint8Array; digest: DigestItem[] }): void {
      const s = ctx.state;
      storage.ExecutionPhase.set(s, { tag: 'Initialization' });
      storage.Number.set(s, header.number);
      storage.Digest.set(s, { logs: header.digest });
      storage.ParentHash.set(s, header.parentHash);
      storage.BlockHash.insert(s, header.parentHash, header.number - 1);
      storage.Events.kill(s);
      storage.EventCount.kill(s);
      storage.BlockWeight.kill(s);
      storage.ExtrinsicCount.kill(s);
      storage.AllExtrinsicsLen.kill(s);
    },
    /** Deposits `ExtrinsicSuccess` or `ExtrinsicFailed` for the extrinsic just applied. */
    noteApplied(ctx: DispatchContext, result: DispatchResult, info: DispatchInfo): void {
      if (result.ok) ctx.deposit(SystemEvent, { tag: 'ExtrinsicSuccess', value: { dispatch_info: info } });
      else ctx.deposit(SystemEvent, { tag: 'ExtrinsicFailed', value: { dispatch_error: result.error, dispatch_info: info } });
    },
    /** `System::finalize`: prunes old block hashes, records counts and weight, writes the block's events. */
    finalizeBlock(ctx: DispatchContext, events: E[], weights: Record<'normal' | 'operational' | 'mandatory', bigint>): void {
      const s = ctx.state;
      const number = storage.Number.get(s);
      const toRemove = number - blockHashCount - 1;
      if (toRemove > 0) storage.BlockHash.remove(s, toRemove);
      storage.ExecutionPhase.kill(s);
      storage.BlockWeight.set(s, {
        normal: weight(weights.normal),
        operational: weight(weights.operational),
        mandatory: weight(weights.mandatory),
      });
      storage.Events.set(s, events);
      storage.EventCount.set(s, events.length);
    },
  };
}
