/**
 * Ethereum JSON-RPC objects in the geth/anvil field set (docs: shared/notes/evm-bridge.md §2.3): blocks with every
 * header field, transactions, receipts and logs. Quantities are minimal hex (`0x0`), data is lowercase hex.
 */
import type { Block } from '@ethereumjs/block';
import type { TypedTransaction } from '@ethereumjs/tx';
import { bigIntToHex, bytesToHex } from '@ethereumjs/util';
import type { EthBlockView } from './block-source.ts';
import type { EthLog, EthReceipt, EthTxStatus } from './evm-api.ts';

/** Minimal hex quantity. */
export const qty = (n: bigint | number): string => bigIntToHex(BigInt(n));
/** Lowercase `0x` hex of bytes (`0x` when empty). */
export const hex = (b: Uint8Array): string => bytesToHex(b);

const ZERO32 = `0x${'0'.repeat(64)}`;

/** Where a transaction sits; null fields for a pending one. */
export interface TxPlace {
  blockHash: string | null;
  blockNumber: string | null;
  transactionIndex: string | null;
  baseFee: bigint | undefined;
}

/** The gas price a transaction pays at `baseFee`: min(maxFee, base + tip) for EIP-1559 types, else `gasPrice`. */
export function effectiveGasPrice(tx: TypedTransaction, baseFee: bigint | undefined): bigint {
  if ('maxFeePerGas' in tx) {
    if (baseFee === undefined) return tx.maxFeePerGas;
    const tip = tx.maxPriorityFeePerGas < tx.maxFeePerGas - baseFee ? tx.maxPriorityFeePerGas : tx.maxFeePerGas - baseFee;
    return baseFee + tip;
  }
  return tx.gasPrice;
}

/** A transaction object (`eth_getTransactionByHash`). */
export function formatTransaction(tx: TypedTransaction, from: Uint8Array, place: TxPlace): Record<string, unknown> {
  const j = tx.toJSON();
  const out: Record<string, unknown> = {
    blockHash: place.blockHash,
    blockNumber: place.blockNumber,
    hash: hex(tx.hash()),
    transactionIndex: place.transactionIndex,
    type: qty(tx.type),
    nonce: qty(tx.nonce),
    from: hex(from),
    to: tx.to ? tx.to.toString() : null,
    value: qty(tx.value),
    gas: qty(tx.gasLimit),
    gasPrice: qty(place.blockHash === null && 'maxFeePerGas' in tx ? tx.maxFeePerGas : effectiveGasPrice(tx, place.baseFee)),
    input: hex(tx.data),
  };
  if ('maxFeePerGas' in tx) {
    out.maxFeePerGas = qty(tx.maxFeePerGas);
    out.maxPriorityFeePerGas = qty(tx.maxPriorityFeePerGas);
  }
  if (j.accessList) out.accessList = j.accessList;
  if (j.authorizationList) out.authorizationList = j.authorizationList;
  if (j.chainId !== undefined) out.chainId = qty(BigInt(j.chainId));
  out.v = qty(tx.v ?? 0n);
  out.r = qty(tx.r ?? 0n);
  out.s = qty(tx.s ?? 0n);
  if (tx.type !== 0) out.yParity = qty(tx.v ?? 0n);
  return out;
}

/** The transaction at `index` of a block, placed in it. */
export function blockTransaction(view: EthBlockView, index: number): Record<string, unknown> | null {
  const tx = view.data.block.transactions[index];
  if (!tx) return null;
  const from = view.data.statuses[index]?.from ?? tx.getSenderAddress().bytes;
  return formatTransaction(tx, from, placeIn(view, index));
}

function placeIn(view: EthBlockView, index: number): TxPlace {
  return { blockHash: hex(view.hash), blockNumber: qty(view.sub.number), transactionIndex: qty(index), baseFee: view.data.block.header.baseFeePerGas };
}

/** The header fields of a block (also the `newHeads` notification). */
export function formatHeader(block: Block, hash: Uint8Array): Record<string, unknown> {
  const h = block.header;
  return {
    hash: hex(hash),
    parentHash: hex(h.parentHash),
    sha3Uncles: hex(h.uncleHash),
    miner: h.coinbase.toString(),
    stateRoot: hex(h.stateRoot),
    transactionsRoot: hex(h.transactionsTrie),
    receiptsRoot: hex(h.receiptTrie),
    logsBloom: hex(h.logsBloom),
    difficulty: qty(h.difficulty),
    number: qty(h.number),
    gasLimit: qty(h.gasLimit),
    gasUsed: qty(h.gasUsed),
    timestamp: qty(h.timestamp),
    extraData: hex(h.extraData),
    mixHash: hex(h.mixHash),
    nonce: hex(h.nonce),
    baseFeePerGas: qty(h.baseFeePerGas ?? 0n),
    withdrawalsRoot: h.withdrawalsRoot ? hex(h.withdrawalsRoot) : ZERO32,
    blobGasUsed: qty(h.blobGasUsed ?? 0n),
    excessBlobGas: qty(h.excessBlobGas ?? 0n),
    parentBeaconBlockRoot: h.parentBeaconBlockRoot ? hex(h.parentBeaconBlockRoot) : ZERO32,
    requestsHash: h.requestsHash ? hex(h.requestsHash) : ZERO32,
  };
}

/** A block object; `full` gives transaction objects instead of hashes. */
export function formatBlock(view: EthBlockView, full: boolean): Record<string, unknown> {
  const block = view.data.block;
  return {
    ...formatHeader(block, view.hash),
    totalDifficulty: '0x0',
    size: qty(block.serialize().length),
    uncles: [],
    transactions: full ? block.transactions.map((_, i) => blockTransaction(view, i)) : block.transactions.map((tx) => hex(tx.hash())),
    withdrawals: [],
  };
}

/** Index of the first log of each transaction: `logIndex` counts across the whole block. */
export function firstLogIndexes(statuses: readonly EthTxStatus[]): number[] {
  const out: number[] = [];
  let n = 0;
  for (const s of statuses) {
    out.push(n);
    n += s.logs.length;
  }
  return out;
}

/** A log object. */
export function formatLog(log: EthLog, view: EthBlockView, txIndex: number, logIndex: number): Record<string, unknown> {
  const [address, topics, data] = log;
  const status = view.data.statuses[txIndex];
  return {
    address: hex(address),
    topics: topics.map(hex),
    data: hex(data),
    blockHash: hex(view.hash),
    blockNumber: qty(view.sub.number),
    blockTimestamp: qty(view.data.block.header.timestamp),
    transactionHash: status ? hex(status.transactionHash) : hex(view.data.block.transactions[txIndex]!.hash()),
    transactionIndex: qty(txIndex),
    logIndex: qty(logIndex),
    removed: false,
  };
}

/** The receipt of the transaction at `index`, or null when the block has none. */
export function formatReceipt(view: EthBlockView, index: number, firstLog = firstLogIndexes(view.data.statuses)[index] ?? 0): Record<string, unknown> | null {
  const tx = view.data.block.transactions[index];
  const status = view.data.statuses[index];
  const receipt: EthReceipt | undefined = view.data.receipts[index];
  if (!tx || !status || !receipt) return null;
  const prevCumulative = index > 0 ? (view.data.receipts[index - 1]?.cumulativeBlockGasUsed ?? 0n) : 0n;
  return {
    type: qty(tx.type),
    status: qty(receipt.status),
    cumulativeGasUsed: qty(receipt.cumulativeBlockGasUsed),
    logs: status.logs.map((log, i) => formatLog(log, view, index, firstLog + i)),
    logsBloom: hex(status.logsBloom),
    transactionHash: hex(status.transactionHash),
    transactionIndex: qty(index),
    blockHash: hex(view.hash),
    blockNumber: qty(view.sub.number),
    gasUsed: qty(status.gasUsed || receipt.cumulativeBlockGasUsed - prevCumulative),
    effectiveGasPrice: qty(effectiveGasPrice(tx, view.data.block.header.baseFeePerGas)),
    from: hex(status.from),
    to: status.to ? hex(status.to) : null,
    contractAddress: status.contractAddress ? hex(status.contractAddress) : null,
  };
}

/** Every receipt of a block (`eth_getBlockReceipts`). */
export function formatBlockReceipts(view: EthBlockView): Record<string, unknown>[] {
  const first = firstLogIndexes(view.data.statuses);
  const out: Record<string, unknown>[] = [];
  view.data.block.transactions.forEach((_, i) => {
    const r = formatReceipt(view, i, first[i]);
    if (r) out.push(r);
  });
  return out;
}
