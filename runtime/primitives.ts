/**
 * Types shared by every pallet, with the Rust paths @polkadot/api maps to its built-in codecs
 * (`sp_core::crypto::AccountId32`, `sp_runtime::multiaddress::MultiAddress`, `sp_weights::weight_v2::Weight`, …).
 */
import { bytes, vec, compact, fixedBytes, makeCodec, named, u8, u32, u64, u128, unit, type Codec, type CodecType } from './scale/codec.ts';
import { enumeration, newtype, struct } from './scale/composite.ts';

export const AccountId32 = newtype('sp_core::crypto::AccountId32', fixedBytes(32), { rustName: 'T::AccountId' });
export const H256 = newtype('primitive_types::H256', fixedBytes(32), { rustName: 'T::Hash' });
export const H160 = newtype('primitive_types::H160', fixedBytes(20), { rustName: 'H160' });
export const Balance = named(u128, 'T::Balance');
export const CompactBalance = named(compact(u128), 'T::Balance');
export const BlockNumber = named(u32, 'BlockNumberFor<T>');
export const Moment = named(u64, 'T::Moment');

export type AccountId = Uint8Array;
export type Hash = Uint8Array;

export const Weight = struct('sp_weights::weight_v2::Weight', { ref_time: compact(u64), proof_size: compact(u64) }, { rustName: 'Weight' });
export type Weight = CodecType<typeof Weight>;
export const weight = (refTime: bigint, proofSize = 0n): Weight => ({ ref_time: refTime, proof_size: proofSize });

// `Compact<()>`: this chain has no account indices, so `MultiAddress::Index` carries zero bytes.
const CompactUnit: Codec<[]> = makeCodec(
  { path: [], params: [], def: { tag: 'compact', inner: unit }, docs: [] },
  () => {},
  () => [],
  'AccountIndex',
);

export const MultiAddress = enumeration(
  'sp_runtime::multiaddress::MultiAddress',
  {
    Id: { index: 0, fields: AccountId32 },
    Index: { index: 1, fields: CompactUnit },
    Raw: { index: 2, fields: bytes },
    Address32: { index: 3, fields: fixedBytes(32) },
    Address20: { index: 4, fields: fixedBytes(20) },
  },
  { params: [{ name: 'AccountId', type: AccountId32 }, { name: 'AccountIndex', type: unit }], rustName: 'AccountIdLookupOf<T>' },
);
export type MultiAddress = CodecType<typeof MultiAddress>;

export const MultiSignature = enumeration('sp_runtime::MultiSignature', {
  Ed25519: { index: 0, fields: newtype('sp_core::ed25519::Signature', fixedBytes(64)) },
  Sr25519: { index: 1, fields: newtype('sp_core::sr25519::Signature', fixedBytes(64)) },
  Ecdsa: { index: 2, fields: newtype('sp_core::ecdsa::Signature', fixedBytes(65)) },
});
export type MultiSignature = CodecType<typeof MultiSignature>;

export const DispatchClass = enumeration('frame_support::dispatch::DispatchClass', {
  Normal: { index: 0 },
  Operational: { index: 1 },
  Mandatory: { index: 2 },
});
export type DispatchClassName = CodecType<typeof DispatchClass>['tag'];
export const Pays = enumeration('frame_support::dispatch::Pays', { Yes: { index: 0 }, No: { index: 1 } });

export const DispatchInfo = struct('frame_support::dispatch::DispatchInfo', { weight: Weight, class: DispatchClass, pays_fee: Pays });
export type DispatchInfo = CodecType<typeof DispatchInfo>;

export const ModuleError = struct('sp_runtime::ModuleError', { index: u8, error: fixedBytes(4) }, {
  fieldNames: { error: '[u8; MAX_MODULE_ERROR_ENCODED_SIZE]' },
});
export const TokenError = enumeration('sp_runtime::TokenError', {
  FundsUnavailable: { index: 0 },
  OnlyProvider: { index: 1 },
  BelowMinimum: { index: 2 },
  CannotCreate: { index: 3 },
  UnknownAsset: { index: 4 },
  Frozen: { index: 5 },
  Unsupported: { index: 6 },
  CannotCreateHold: { index: 7 },
  NotExpendable: { index: 8 },
  Blocked: { index: 9 },
});
export const ArithmeticError = enumeration('sp_arithmetic::ArithmeticError', {
  Underflow: { index: 0 },
  Overflow: { index: 1 },
  DivisionByZero: { index: 2 },
});
export const TransactionalError = enumeration('sp_runtime::TransactionalError', { LimitReached: { index: 0 }, NoLayer: { index: 1 } });

/** `sp_runtime::DispatchError`, all variants, so `api.registry.findMetaError` and explorers decode every failure. */
export const DispatchError = enumeration('sp_runtime::DispatchError', {
  Other: { index: 0 },
  CannotLookup: { index: 1 },
  BadOrigin: { index: 2 },
  Module: { index: 3, fields: ModuleError },
  ConsumerRemaining: { index: 4 },
  NoProviders: { index: 5 },
  TooManyConsumers: { index: 6 },
  Token: { index: 7, fields: TokenError },
  Arithmetic: { index: 8, fields: ArithmeticError },
  Transactional: { index: 9, fields: TransactionalError },
  Exhausted: { index: 10 },
  Corruption: { index: 11 },
  Unavailable: { index: 12 },
  RootNotAllowed: { index: 13 },
});
export type DispatchError = CodecType<typeof DispatchError>;

const ConsensusEngineId = named(fixedBytes(4), 'ConsensusEngineId');

/** Header digest items (`sp_runtime::generic::digest::DigestItem`). */
export const DigestItem = enumeration('sp_runtime::generic::digest::DigestItem', {
  Other: { index: 0, fields: bytes },
  Consensus: { index: 4, fields: [ConsensusEngineId, bytes] },
  Seal: { index: 5, fields: [ConsensusEngineId, bytes] },
  PreRuntime: { index: 6, fields: [ConsensusEngineId, bytes] },
  RuntimeEnvironmentUpdated: { index: 8 },
});
export type DigestItem = CodecType<typeof DigestItem>;
export const Digest = struct('sp_runtime::generic::digest::Digest', { logs: vec(DigestItem) });
