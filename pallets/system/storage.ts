/** System storage, with FRAME's names, hashers and layouts (`System.Account` is what wallets read). */
import { AccountId32, BlockNumber, H256 } from '../../runtime/primitives.ts';
import { bytes, type Codec, u32, vec } from '../../runtime/scale/codec.ts';
import { defineStorage, storage } from '../../runtime/framework/storage.ts';
import { AccountInfo, emptyAccount, LastRuntimeUpgradeInfo, PerDispatchClassWeight, Phase } from './types.ts';
import { Digest, weight } from '../../runtime/primitives.ts';

const zeroHash = new Uint8Array(32);

/** The storage items; `eventRecords` is the runtime's `Vec<EventRecord>` codec (it depends on every pallet's events). */
export function systemStorage<E>(eventRecords: Codec<E[]>) {
  return defineStorage('System', {
    Account: storage.map('Blake2_128Concat', AccountId32, { value: AccountInfo, default: emptyAccount(), docs: [' The full account information for a particular account ID.'] }),
    ExtrinsicCount: storage.value({ value: u32, docs: [' Total extrinsics count for the current block.'] }),
    BlockWeight: storage.value({
      value: PerDispatchClassWeight,
      default: { normal: weight(0n), operational: weight(0n), mandatory: weight(0n) },
      docs: [' The current weight for the block.'],
    }),
    AllExtrinsicsLen: storage.value({ value: u32, docs: [' Total length (in bytes) for all extrinsics put together, for the current block.'] }),
    BlockHash: storage.map('Twox64Concat', BlockNumber, { value: H256, default: zeroHash, docs: [' Map of block numbers to block hashes.'] }),
    ExtrinsicData: storage.map('Twox64Concat', u32, { value: bytes, default: new Uint8Array(), docs: [' Extrinsics data for the current block (maps an extrinsic\'s index to its data).'] }),
    Number: storage.value({ value: BlockNumber, default: 0, docs: [' The current block number being processed. Set by `execute_block`.'] }),
    ParentHash: storage.value({ value: H256, default: zeroHash, docs: [' Hash of the previous block.'] }),
    Digest: storage.value({ value: Digest, default: { logs: [] }, docs: [' Digest of the current block, also part of the block header.'] }),
    Events: storage.value({ value: eventRecords, default: [], docs: [' Events deposited for the current block.'] }),
    EventCount: storage.value({ value: u32, default: 0, docs: [' The number of events in the `Events<T>` list.'] }),
    LastRuntimeUpgrade: storage.value({ value: LastRuntimeUpgradeInfo, docs: [' Stores the `spec_version` and `spec_name` of when the last runtime upgrade happened.'] }),
    ExecutionPhase: storage.value({ value: Phase, docs: [' The execution phase of the block.'] }),
  });
}
export type SystemStorage = ReturnType<typeof systemStorage>;
export { vec };
