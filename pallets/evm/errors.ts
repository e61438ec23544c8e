/** Evm errors, with Frontier's names and indices (`pallet_evm::Error`) and the mapping's own. */
import { defineErrors } from '../../runtime/framework/pallet.ts';

/** `pallet_evm::pallet::Error`: throw `EvmError.BalanceLow`. */
export const EvmError = defineErrors('Evm', 'pallet_evm', {
  BalanceLow: { index: 0, docs: [' Not enough balance to perform action'] },
  FeeOverflow: { index: 1, docs: [' Calculating total fee overflowed'] },
  PaymentOverflow: { index: 2, docs: [' Calculating total payment overflowed'] },
  WithdrawFailed: { index: 3, docs: [' Withdraw fee failed'] },
  GasPriceTooLow: { index: 4, docs: [' Gas price is too low.'] },
  InvalidNonce: { index: 5, docs: [' Nonce is invalid'] },
  GasLimitTooLow: { index: 6, docs: [' Gas limit is too low.'] },
  GasLimitTooHigh: { index: 7, docs: [' Gas limit is too high.'] },
  InvalidChainId: { index: 8, docs: [' The chain id is invalid.'] },
  InvalidSignature: { index: 9, docs: [' the signature is invalid.'] },
  Reentrancy: { index: 10, docs: [' EVM reentrancy'] },
  TransactionMustComeFromEOA: { index: 11, docs: [' EIP-3607,'] },
  Undefined: { index: 12, docs: [' Undefined error.'] },
  AccountAlreadyMapped: { index: 13, docs: [' The address of this account is already mapped (to it or to another account).'] },
});
