/** Ethereum errors, as Frontier's (`pallet_ethereum::Error`), plus the transaction types we refuse. */
import { defineErrors } from '../../runtime/framework/pallet.ts';

/** `pallet_ethereum::pallet::Error`. */
export const EthereumError = defineErrors('Ethereum', 'pallet_ethereum', {
  InvalidSignature: { index: 0, docs: [' Signature is invalid.'] },
  PreLogExists: { index: 1, docs: [' Pre-log is present, therefore transact is not allowed.'] },
  InvalidTransaction: { index: 2, docs: [' The transaction could not be decoded, or is for another chain.'] },
  UnsupportedTransactionType: { index: 3, docs: [' Blob (EIP-4844) and set-code (EIP-7702) transactions are not supported.'] },
  TransactionRejected: { index: 4, docs: [' The EVM refused to run the transaction (nonce, balance or gas).'] },
});
