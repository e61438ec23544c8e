/**
 * The EVM pallets' read API as the Ethereum RPC sees it: the pallet's `EvmApi` (`pallets/evm/api.ts`) and the
 * normalized Ethereum block the formatters work on (receipts decoded from their EIP-2718 bytes, statuses with
 * logs as `[address, topics, data]`).
 */
import type { Block } from '@ethereumjs/block';
import { RLP } from '@ethereumjs/rlp';
import { bytesToBigInt } from '@ethereumjs/util';
import type { EvmApi as PalletEvmApi } from '../../pallets/evm/api.ts';
import type { TransactionStatus } from '../../pallets/ethereum/types.ts';

export type { CallArgs as EvmCallArgs, CallEnv as EvmCallEnv, CallResult as EvmCallResult, DecodedEthTx } from '../../pallets/evm/api.ts';

/** `pallets/evm/api.ts`. */
export type EvmApi = PalletEvmApi;

/** An EVM log: `[address, topics, data]`. */
export type EthLog = [address: Uint8Array, topics: Uint8Array[], data: Uint8Array];

/** Frontier's `TransactionStatus` plus the gas the transaction used. */
export interface EthTxStatus {
  transactionHash: Uint8Array;
  transactionIndex: number;
  from: Uint8Array;
  to: Uint8Array | undefined;
  contractAddress: Uint8Array | undefined;
  logs: EthLog[];
  logsBloom: Uint8Array;
  gasUsed: bigint;
}

/** A decoded receipt: status 1 for success, 0 for a failed execution. */
export interface EthReceipt {
  status: 0 | 1;
  cumulativeBlockGasUsed: bigint;
}

/** The Ethereum block stored by one chain block, with its receipts and statuses in transaction order. */
export interface EthBlockData {
  block: Block;
  receipts: EthReceipt[];
  statuses: EthTxStatus[];
}

/** Decodes an EIP-2718 receipt (`type ‖ rlp([status, cumulativeGas, bloom, logs])`, or the bare list for legacy). */
export function decodeReceipt(bytes: Uint8Array): EthReceipt {
  const body = bytes.length > 0 && bytes[0]! < 0x7f ? bytes.subarray(1) : bytes;
  const fields = RLP.decode(body) as Uint8Array[];
  const status = fields[0]!;
  return { status: status.length === 1 && status[0] === 1 ? 1 : 0, cumulativeBlockGasUsed: bytesToBigInt(fields[1]!) };
}

/** The pallet's status in the RPC's shape. */
export function normalizeStatus(s: TransactionStatus): EthTxStatus {
  return {
    transactionHash: s.transaction_hash,
    transactionIndex: s.transaction_index,
    from: s.from,
    to: s.to ?? undefined,
    contractAddress: s.contract_address ?? undefined,
    logs: s.logs.map((l) => [l.address, l.topics, l.data]),
    logsBloom: s.logs_bloom,
    gasUsed: BigInt(s.gas_used),
  };
}

/** What `EvmApi.currentBlock` returns, normalized. */
export function normalizeBlock(raw: NonNullable<ReturnType<EvmApi['currentBlock']>>): EthBlockData {
  return { block: raw.block, receipts: raw.receipts.map(decodeReceipt), statuses: raw.statuses.map(normalizeStatus) };
}
