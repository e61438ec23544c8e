/**
 * Raw Ethereum transactions: decoding (legacy with EIP-155, EIP-2930, EIP-1559; blob and set-code types are
 * refused), sender recovery cached by hash (ecrecover costs ~1.7 ms, and the pool's validation, the block's
 * pre-dispatch and the dispatch each need the sender), and the stateful checks geth makes before pooling.
 */
import { RLP } from '@ethereumjs/rlp';
import { createTxFromRLP, getMinimumGasLimit, type TypedTransaction } from '@ethereumjs/tx';
import { bytesToBigInt } from '@ethereumjs/util';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { EthTxError } from './eth-tx-error.ts';
import { evmCommon } from './vm.ts';

/** A decoded, signature-checked transaction. */
export interface DecodedEthTx {
  tx: TypedTransaction;
  hash: Uint8Array;
  from: Uint8Array;
  nonce: bigint;
}

const CACHE_ENTRIES = 4096;
const cache = new Map<string, DecodedEthTx>();

/** The chain id a raw transaction commits to; throws `EthTxError` for bytes that are no transaction. */
function chainIdOf(raw: Uint8Array): bigint {
  if (raw.length === 0) throw new EthTxError('Malformed', 'empty transaction');
  const type = raw[0]!;
  if (type >= 0xc0) {
    const fields = decodeList(raw);
    if (fields.length !== 9) throw new EthTxError('Malformed', 'legacy transaction must have 9 fields');
    const v = bytesToBigInt(fields[6]!);
    if (v === 27n || v === 28n) throw new EthTxError('NotReplayProtected');
    if (v < 35n) throw new EthTxError('Malformed', 'invalid signature v');
    return (v - 35n) / 2n;
  }
  if (type === 3 || type === 4) throw new EthTxError('UnsupportedType');
  if (type !== 1 && type !== 2) throw type < 0x80 ? new EthTxError('UnsupportedType') : new EthTxError('Malformed', 'not an RLP list');
  const fields = decodeList(raw.subarray(1));
  if (fields.length === 0) throw new EthTxError('Malformed', 'empty typed transaction');
  return bytesToBigInt(fields[0]!);
}

function decodeList(bytes: Uint8Array): Uint8Array[] {
  let decoded: unknown;
  try {
    decoded = RLP.decode(bytes);
  } catch (e) {
    throw new EthTxError('Malformed', (e as Error).message);
  }
  if (!Array.isArray(decoded)) throw new EthTxError('Malformed', 'not an RLP list');
  return decoded.map((f) => (f instanceof Uint8Array ? f : new Uint8Array()));
}

/** Decodes a raw transaction for chain `chainId` and recovers its sender; throws `EthTxError`. */
export function decodeEthTransaction(raw: Uint8Array, chainId: bigint): DecodedEthTx {
  const hash = keccak_256(raw);
  const key = `${chainId}:${Buffer.from(hash).toString('hex')}`;
  const hit = cache.get(key);
  if (hit) {
    // Refresh its place: the map's order is the LRU order.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  if (chainIdOf(raw) !== chainId) throw new EthTxError('InvalidChainId');
  let tx: TypedTransaction;
  try {
    tx = createTxFromRLP(raw, { common: evmCommon(chainId) });
  } catch (e) {
    throw new EthTxError('Malformed', e instanceof Error ? e.message : String(e));
  }
  let from: Uint8Array;
  try {
    from = tx.getSenderAddress().bytes;
  } catch {
    throw new EthTxError('InvalidSender');
  }
  const out: DecodedEthTx = { tx, hash, from, nonce: tx.nonce };
  if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(key, out);
  return out;
}

/** The most a transaction may pay per gas (legacy and 2930: its gas price). */
export const maxFeePerGas = (tx: TypedTransaction): bigint => ('maxFeePerGas' in tx ? tx.maxFeePerGas : tx.gasPrice);

/** The tip per gas it pays at `baseFee` (the pool's priority). */
export function effectivePriorityFee(tx: TypedTransaction, baseFee: bigint): bigint {
  if ('maxPriorityFeePerGas' in tx) {
    const room = tx.maxFeePerGas - baseFee;
    return tx.maxPriorityFeePerGas < room ? tx.maxPriorityFeePerGas : room;
  }
  return tx.gasPrice - baseFee;
}

/** What geth checks against state before pooling; `account` is the sender's. Throws `EthTxError`. */
export function checkEthTransaction(d: DecodedEthTx, account: { nonce: bigint; balance: bigint }, limits: { baseFee: bigint; blockGasLimit: bigint; allowFuture: boolean }): void {
  const { tx } = d;
  if (d.nonce < account.nonce) throw new EthTxError('NonceTooLow');
  if (!limits.allowFuture && d.nonce > account.nonce) throw new EthTxError('NonceTooHigh');
  if (tx.gasLimit > limits.blockGasLimit) throw new EthTxError('GasLimitExceeded');
  if ('maxPriorityFeePerGas' in tx && tx.maxPriorityFeePerGas > tx.maxFeePerGas) throw new EthTxError('TipAboveFeeCap');
  if (maxFeePerGas(tx) < limits.baseFee) throw new EthTxError('FeeCapTooLow');
  if (tx.gasLimit < getMinimumGasLimit(tx)) throw new EthTxError('IntrinsicGas');
  if (account.balance < tx.gasLimit * maxFeePerGas(tx) + tx.value) throw new EthTxError('InsufficientFunds');
}
