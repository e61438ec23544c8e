/** Types of pallet_ethereum: Frontier's `TransactionStatus` (plus `gas_used`) and the pending entry. */
import { H160, H256 } from '../../runtime/primitives.ts';
import { bytes, type CodecType, fixedBytes, option, u32, u64, vec } from '../../runtime/scale/codec.ts';
import { struct } from '../../runtime/scale/composite.ts';
import { Log } from '../evm/types.ts';

/** `fp_rpc::TransactionStatus` with the gas the transaction used. */
export const TransactionStatus = struct('fp_rpc::TransactionStatus', {
  transaction_hash: H256,
  transaction_index: u32,
  from: H160,
  to: option(H160),
  contract_address: option(H160),
  logs: vec(Log),
  logs_bloom: fixedBytes(256),
  gas_used: u64,
});
export type TransactionStatus = CodecType<typeof TransactionStatus>;

/** A transaction of the block being built: its raw bytes, status and EIP-2718 receipt encoding. */
export const PendingTransaction = struct('pallet_ethereum::PendingTransaction', {
  transaction: bytes,
  status: TransactionStatus,
  receipt: bytes,
});
export type PendingTransaction = CodecType<typeof PendingTransaction>;
