/** FRAME System's types, in their exact SCALE layouts and Rust paths. */
import { AccountId32, DispatchClass, H256, Weight } from '../../runtime/primitives.ts';
import { type AnyCodec, bool, type CodecType, compact, fixedBytes, named, option, str, u8, u32, u64, u128, vec, tuple } from '../../runtime/scale/codec.ts';
import { enumeration, newtype, struct } from '../../runtime/scale/composite.ts';

export const ExtraFlags = newtype('pallet_balances::types::ExtraFlags', u128);
export const AccountData = struct(
  'pallet_balances::types::AccountData',
  { free: named(u128, 'Balance'), reserved: named(u128, 'Balance'), frozen: named(u128, 'Balance'), flags: ExtraFlags },
  { params: [{ name: 'Balance', type: u128 }] },
);
export type AccountData = CodecType<typeof AccountData>;

export const AccountInfo = struct(
  'frame_system::AccountInfo',
  { nonce: named(u32, 'Nonce'), consumers: named(u32, 'RefCount'), providers: named(u32, 'RefCount'), sufficients: named(u32, 'RefCount'), data: named(AccountData, 'AccountData') },
  { params: [{ name: 'Nonce', type: u32 }, { name: 'AccountData', type: AccountData }] },
);
export type AccountInfo = CodecType<typeof AccountInfo>;

// 2^127: FRAME's "new logic" flag, set on every account created by the current balances pallet.
export const NEW_LOGIC_FLAG = 1n << 127n;
export const emptyAccount = (): AccountInfo => ({
  nonce: 0,
  consumers: 0,
  providers: 0,
  sufficients: 0,
  data: { free: 0n, reserved: 0n, frozen: 0n, flags: NEW_LOGIC_FLAG },
});

export const Phase = enumeration('frame_system::Phase', {
  ApplyExtrinsic: { index: 0, fields: u32 },
  Finalization: { index: 1 },
  Initialization: { index: 2 },
});
export type Phase = CodecType<typeof Phase>;

/** `EventRecord<E, T>`; the params are how @polkadot/api finds the runtime's event type. */
export function eventRecord(runtimeEvent: AnyCodec) {
  return struct(
    'frame_system::EventRecord',
    { phase: Phase, event: named(runtimeEvent, 'E'), topics: vec(H256, 'Vec<T>') },
    { params: [{ name: 'E', type: runtimeEvent }, { name: 'T', type: H256 }] },
  );
}

export const PerDispatchClassWeight = struct(
  'frame_support::dispatch::PerDispatchClass',
  { normal: Weight, operational: Weight, mandatory: Weight },
  { params: [{ name: 'T', type: Weight }] },
);
export type PerDispatchClassWeight = CodecType<typeof PerDispatchClassWeight>;

export const WeightsPerClass = struct('frame_system::limits::WeightsPerClass', {
  base_extrinsic: Weight,
  max_extrinsic: option(Weight),
  max_total: option(Weight),
  reserved: option(Weight),
});
export const BlockWeights = struct('frame_system::limits::BlockWeights', {
  base_block: Weight,
  max_block: Weight,
  per_class: struct(
    'frame_support::dispatch::PerDispatchClass',
    { normal: WeightsPerClass, operational: WeightsPerClass, mandatory: WeightsPerClass },
    { params: [{ name: 'T', type: WeightsPerClass }] },
  ),
});
export type BlockWeights = CodecType<typeof BlockWeights>;

export const BlockLength = struct('frame_system::limits::BlockLength', {
  max: struct('frame_support::dispatch::PerDispatchClass', { normal: u32, operational: u32, mandatory: u32 }, { params: [{ name: 'T', type: u32 }] }),
});

export const RuntimeDbWeight = struct('sp_weights::RuntimeDbWeight', { read: u64, write: u64 });

export const RuntimeVersionCodec = struct('sp_version::RuntimeVersion', {
  spec_name: named(str, 'RuntimeString'),
  impl_name: named(str, 'RuntimeString'),
  authoring_version: u32,
  spec_version: u32,
  impl_version: u32,
  apis: named(vec(tuple(fixedBytes(8), u32)), 'ApisVec'),
  transaction_version: u32,
  system_version: u8,
});
export type RuntimeVersionValue = CodecType<typeof RuntimeVersionCodec>;

export const LastRuntimeUpgradeInfo = struct('frame_system::LastRuntimeUpgradeInfo', {
  spec_version: compact(u32),
  spec_name: named(str, 'Cow<\'static, str>'),
});

export { AccountId32, DispatchClass, bool };
