/** Staking storage: ledgers, locks held by other pallets, eras and the elected validators, slash records. */
import { defineStorage, storage } from '../../runtime/framework/storage.ts';
import { type AccountId, AccountId32, Balance, BlockNumber } from '../../runtime/primitives.ts';
import { bool, u32, u64, unit } from '../../runtime/scale/codec.ts';
import { AccountIds, LockId, MinBonds, SlashRecord, StakingLedger } from './types.ts';

/** The pallet's storage items and their docs. */
export const stakingStorage = defineStorage('Staking', {
  Ledger: storage.map('Blake2_128Concat', AccountId32, {
    value: StakingLedger,
    docs: [' The bonded stake of each account: total, active, unlocking chunks and declared roles.'],
  }),
  Locks: storage.doubleMap(['Blake2_128Concat', AccountId32], ['Twox64Concat', LockId], {
    value: Balance,
    docs: [
      ' Active stake that another pallet holds for a purpose (a job locks its worker\'s stake), by lock id.',
      ' Locked stake cannot be unbonded; it can still be slashed.',
    ],
  }),
  TotalLocked: storage.map('Blake2_128Concat', AccountId32, {
    value: Balance,
    default: 0n,
    docs: [' The sum of an account\'s `Locks`. A slash may leave it above the active stake until locks are released.'],
  }),
  MinBonds: storage.value({
    value: MinBonds,
    docs: [' The minimum active bond per role, set at genesis and by `set_min_bonds`. When absent, the Config\'s defaults apply.'],
  }),
  ValidatorCandidates: storage.map('Blake2_128Concat', AccountId32, {
    value: unit,
    docs: [' Accounts that declared the validator role: the candidates of the next election.'],
  }),
  CounterForValidatorCandidates: storage.value({ value: u32, default: 0, docs: [' Counter for the related counted storage map'] }),
  CurrentEra: storage.value({ value: u32, default: 0, docs: [' The current era index. Era 0 starts at genesis.'] }),
  ErasStartBlock: storage.map('Twox64Concat', u32, {
    value: BlockNumber,
    docs: [' The block at which each era started, for the last `HistoryDepth` eras.'],
  }),
  ErasTotalStake: storage.map('Twox64Concat', u32, {
    value: Balance,
    docs: [' The total active stake of the validators elected for each era, for the last `HistoryDepth` eras.'],
  }),
  ForceNewEra: storage.value({
    value: bool,
    default: false,
    docs: [' Set by `force_new_era`: the next block starts a new era and elects a new validator set.'],
  }),
  Validators: storage.value({
    value: AccountIds,
    default: [] as AccountId[],
    docs: [
      ' The validator set of the current era: the top candidates by active stake (ties by account bytes),',
      ' sorted by stake descending, at most `MaxValidators`.',
    ],
  }),
  ValidatorStake: storage.map('Blake2_128Concat', AccountId32, {
    value: Balance,
    docs: [' The active stake of each current validator when it was elected; its weight for this era.'],
  }),
  SlashRecords: storage.map('Twox64Concat', u64, { value: SlashRecord, docs: [' Every executed slash, by slash id.'] }),
  NextSlashId: storage.value({ value: u64, default: 0n, docs: [' The id the next slash record gets.'] }),
});
/** The bound storage items of Staking. */
export type StakingStorage = typeof stakingStorage;
