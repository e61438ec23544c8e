/** Staking errors: PascalCase, one doc line each; the docs reach the metadata and the explorer. */
import { defineErrors } from '../../runtime/framework/pallet.ts';

/** `pallet_staking::pallet::Error`: throw `StakingError.NotBonded`. */
export const StakingError = defineErrors('Staking', 'pallet_staking', {
  NotBonded: { index: 0, docs: [' The account has no bonded stake.'] },
  InsufficientBond: { index: 1, docs: [' The free balance cannot cover this bond and still keep the existential deposit.'] },
  BelowMinimumBond: { index: 2, docs: [' The active bond would be below the minimum of a role the account holds or asks for.'] },
  TooManyUnlockingChunks: { index: 3, docs: [' Too many unlocking chunks: withdraw matured ones, or wait for them to mature.'] },
  NothingToWithdraw: { index: 4, docs: [' No unlocking chunk has matured yet.'] },
  StakeLocked: { index: 5, docs: [' That much active stake is locked by other pallets and cannot be unbonded.'] },
  InsufficientActiveStake: { index: 6, docs: [' The active stake (not already locked) is smaller than the amount.'] },
  NotValidator: { index: 7, docs: [' The account does not hold the validator role.'] },
  ZeroAmount: { index: 8, docs: [' The amount must be greater than zero.'] },
});
