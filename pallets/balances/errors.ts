/** Balances errors (FRAME's indices and docs) and the `TokenError`s that FRAME's `fungible` layer returns. */
import { DispatchFailure, defineErrors } from '../../runtime/framework/pallet.ts';
import type { CodecType } from '../../runtime/scale/codec.ts';
import type { TokenError as TokenErrorCodec } from '../../runtime/primitives.ts';

/** `pallet_balances::pallet::Error`: throw `BalancesError.InsufficientBalance`. */
export const BalancesError = defineErrors('Balances', 'pallet_balances', {
  VestingBalance: { index: 0, docs: [' Vesting balance too high to send value.'] },
  LiquidityRestrictions: { index: 1, docs: [' Account liquidity restrictions prevent withdrawal.'] },
  InsufficientBalance: { index: 2, docs: [' Balance too low to send value.'] },
  ExistentialDeposit: { index: 3, docs: [' Value too low to create account due to existential deposit.'] },
  Expendability: { index: 4, docs: [' Transfer/payment would kill account.'] },
  ExistingVestingSchedule: { index: 5, docs: [' A vesting schedule already exists for this account.'] },
  DeadAccount: { index: 6, docs: [' Beneficiary account must pre-exist.'] },
  TooManyReserves: { index: 7, docs: [' Number of named reserves exceed `MaxReserves`.'] },
  TooManyHolds: { index: 8, docs: [' Number of holds exceed `VariantCountOf<T::RuntimeHoldReason>`.'] },
  TooManyFreezes: { index: 9, docs: [' Number of freezes exceed `MaxFreezes`.'] },
  IssuanceDeactivated: { index: 10, docs: [' The issuance cannot be modified since it is already deactivated.'] },
  DeltaZero: { index: 11, docs: [' The delta cannot be zero.'] },
});

type TokenErrorName = CodecType<typeof TokenErrorCodec>['tag'];

/** `DispatchError::Token(name)`, as FRAME's `fungible` traits return for transfers and burns. */
export function tokenError(name: TokenErrorName): DispatchFailure {
  return new DispatchFailure({ tag: 'Token', value: { tag: name } });
}

/** `DispatchError::ConsumerRemaining`: the last provider cannot go while a consumer (a reserve) remains. */
export const ConsumerRemaining = new DispatchFailure({ tag: 'ConsumerRemaining' });
/** `DispatchError::NoProviders`: a consumer reference needs the account to exist. */
export const NoProviders = new DispatchFailure({ tag: 'NoProviders' });
