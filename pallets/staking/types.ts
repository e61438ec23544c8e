/** Staking's on-chain types, with Rust paths so that explorers show them by name. */
import { AccountId32, Balance, BlockNumber, CompactBalance, H256 } from '../../runtime/primitives.ts';
import { bool, type CodecType, compact, fixedBytes, named, option, u32, vec } from '../../runtime/scale/codec.ts';
import { enumeration, newtype, struct } from '../../runtime/scale/composite.ts';

/** The four roles stake can back, in their on-chain field order. */
export const ROLES = ['validator', 'worker', 'verifier', 'evaluator'] as const;
/** `'validator' | 'worker' | 'verifier' | 'evaluator'`. */
export type Role = (typeof ROLES)[number];

const roleFields = { validator: bool, worker: bool, verifier: bool, evaluator: bool };
/** The roles an account has declared; each is effective only while its minimum bond is met. */
export const Roles = struct('pallet_staking::types::Roles', roleFields, {
  docs: [' The roles an account has taken on. Each one needs its minimum active bond.'],
});
/** `{ validator, worker, verifier, evaluator }` flags. */
export type Roles = CodecType<typeof Roles>;
/** No role at all. */
export const NO_ROLES: Roles = { validator: false, worker: false, verifier: false, evaluator: false };

const balances = { validator: Balance, worker: Balance, verifier: Balance, evaluator: Balance };
/** The minimum active bond per role. */
export const MinBonds = struct('pallet_staking::types::MinBonds', balances, { docs: [' The minimum active bond each role requires.'] });
/** `{ validator, worker, verifier, evaluator }` amounts. */
export type MinBonds = CodecType<typeof MinBonds>;

/** Stake on its way out: withdrawable from block `unlock_at`, slashable until then. */
export const UnlockChunk = struct(
  'pallet_staking::types::UnlockChunk',
  { value: CompactBalance, unlock_at: named(compact(u32), 'BlockNumberFor<T>') },
  {
    docs: [' Stake that is unbonding and can be withdrawn from block `unlock_at`.'],
    fieldDocs: { value: [' Amount of stake that is unbonding.'], unlock_at: [' The block from which it can be withdrawn.'] },
  },
);
/** `{ value, unlock_at }`. */
export type UnlockChunk = CodecType<typeof UnlockChunk>;

/** What an account has bonded. Invariant: `total == active + Σ unlocking.value` == the staking part of its reserve. */
export const StakingLedger = struct(
  'pallet_staking::types::StakingLedger',
  { total: CompactBalance, active: CompactBalance, unlocking: vec(UnlockChunk), roles: Roles },
  {
    docs: [' The bonded stake of an account: active, unlocking, and the roles it backs.'],
    fieldDocs: {
      total: [' Everything reserved by staking: `active` plus every unlocking chunk.'],
      active: [' Stake that backs roles and can be locked by other pallets; slashed first.'],
      unlocking: [' Unbonding chunks, oldest first. Still slashable until withdrawn.'],
      roles: [' The roles this account has taken on.'],
    },
  },
);
/** `{ total, active, unlocking, roles }`. */
export type StakingLedger = CodecType<typeof StakingLedger>;

/** Why stake was slashed. */
export const SlashReason = enumeration(
  'pallet_staking::types::SlashReason',
  {
    Equivocation: { index: 0, docs: [' Two conflicting blocks or votes signed for the same slot or round.'] },
    InvalidWork: { index: 1, docs: [' A submitted training or inference result was proven wrong.'] },
    MissedDeadline: { index: 2, docs: [' An assigned job was not delivered in time.'] },
    FailedVerification: { index: 3, docs: [' A verifier or evaluator lost a dispute or skipped its duty.'] },
    Other: { index: 4, docs: [' Any other proven fault.'] },
  },
  { docs: [' The offence a slash punishes.'] },
);
/** `'Equivocation' | 'InvalidWork' | 'MissedDeadline' | 'FailedVerification' | 'Other'`. */
export type SlashReason = CodecType<typeof SlashReason>['tag'];

/** One executed slash, kept as the audit trail. */
export const SlashRecord = struct(
  'pallet_staking::types::SlashRecord',
  { offender: AccountId32, amount: Balance, reason: SlashReason, proof_ref: H256, reporter: option(AccountId32), block: BlockNumber },
  {
    docs: [' An executed slash.'],
    fieldDocs: {
      amount: [' What was actually taken from the offender (reporter reward plus burned).'],
      proof_ref: [' Hash of the evidence (a dispute, an equivocation proof) kept by the pallet that reported it.'],
      reporter: [' Who reported the offence and received the reward share, if anyone.'],
      block: [' The block in which the slash happened.'],
    },
  },
);
/** `{ offender, amount, reason, proof_ref, reporter, block }`. */
export type SlashRecord = CodecType<typeof SlashRecord>;

/** An 8-byte lock identifier chosen by the pallet that locks stake (e.g. a job id). */
export const LockId = named(fixedBytes(8), 'LockIdentifier');
/** `sp_arithmetic::Permill`: parts per million. */
export const Permill = newtype('sp_arithmetic::per_things::Permill', u32, { rustName: 'Permill' });
/** A list of accounts (`Vec<T::AccountId>`). */
export const AccountIds = vec(AccountId32, 'Vec<T::AccountId>');
