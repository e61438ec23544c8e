/**
 * pallet_ethereum storage. `Pending` is a counted map by index, as current Frontier has it (a `Vec` would be
 * decoded and re-encoded whole by every transaction: quadratic in the block).
 */
import { defineStorage, storage } from '../../runtime/framework/storage.ts';
import { H256 } from '../../runtime/primitives.ts';
import { bytes, u32, u64, vec } from '../../runtime/scale/codec.ts';
import { PendingTransaction, TransactionStatus } from './types.ts';

/** The pallet's storage items. */
export const ethereumStorage = defineStorage('Ethereum', {
  Pending: storage.map('Twox64Concat', u32, { value: PendingTransaction, docs: [' Ethereum transactions of the current block, by index (killed at `on_finalize`).'] }),
  PendingCount: storage.value({ value: u32, default: 0, docs: [' How many transactions `Pending` holds.'] }),
  PendingGasUsed: storage.value({ value: u64, default: 0n, docs: [' Gas used so far by the current block\'s Ethereum transactions.'] }),
  CurrentBlock: storage.value({ value: bytes, docs: [' The RLP of the current Ethereum block (header and transactions).'] }),
  CurrentReceipts: storage.value({ value: vec(bytes), docs: [' The EIP-2718 encoded receipts of the current Ethereum block.'] }),
  CurrentTransactionStatuses: storage.value({ value: vec(TransactionStatus), docs: [' The statuses of the current Ethereum block\'s transactions.'] }),
  BlockHash: storage.map('Twox64Concat', u32, { value: H256, docs: [' Ethereum block hashes by number.'] }),
});
/** The bound storage items of Ethereum. */
export type EthereumStorage = typeof ethereumStorage;
