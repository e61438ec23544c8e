/** Staking events: past tense, named fields, as explorers decode them from the metadata. */
import { defineEvents } from '../../runtime/framework/pallet.ts';
import { AccountId32, Balance, BlockNumber, H256 } from '../../runtime/primitives.ts';
import { option, u32, u64 } from '../../runtime/scale/codec.ts';
import { AccountIds, LockId, MinBonds, Roles, SlashReason } from './types.ts';

/** `pallet_staking::pallet::Event`, deposited with `ctx.deposit(StakingEvent, …)`. */
export const StakingEvent = defineEvents('Staking', 'pallet_staking', {
  Bonded: { index: 0, fields: { who: AccountId32, amount: Balance }, docs: [' An account bonded this amount (reserved from its free balance).'] },
  Unbonded: {
    index: 1,
    fields: { who: AccountId32, amount: Balance, unlock_at: BlockNumber },
    docs: [' An account started unbonding this amount; it can be withdrawn from block `unlock_at`.'],
  },
  Withdrawn: { index: 2, fields: { who: AccountId32, amount: Balance }, docs: [' An account withdrew matured unbonded stake back to its free balance.'] },
  RolesSet: { index: 3, fields: { who: AccountId32, roles: Roles }, docs: [' An account declared the roles its stake backs.'] },
  Slashed: {
    index: 4,
    fields: {
      slash_id: u64,
      offender: AccountId32,
      amount: Balance,
      reporter: option(AccountId32),
      reporter_reward: Balance,
      burned: Balance,
      reason: SlashReason,
      proof_ref: H256,
    },
    docs: [' Stake was slashed: `reporter_reward` went to the reporter, `burned` left the total issuance.'],
  },
  Rewarded: {
    index: 5,
    fields: { who: AccountId32, amount: Balance, source: option(AccountId32) },
    docs: [' An account was rewarded, paid from `source` or minted when there is none.'],
  },
  Locked: { index: 6, fields: { who: AccountId32, id: LockId, amount: Balance }, docs: [' Active stake was locked under this id.'] },
  Unlocked: { index: 7, fields: { who: AccountId32, id: LockId, amount: Balance }, docs: [' A stake lock was released.'] },
  NewEra: { index: 8, fields: { era: u32, validators: AccountIds }, docs: [' A new era started with this validator set.'] },
  MinBondsSet: { index: 9, fields: { min_bonds: MinBonds }, docs: [' Root changed the minimum bond of each role.'] },
});
