/**
 * Ethereum JSON-RPC errors with the codes and geth's messages that ethers, viem, cast and wallets match on:
 * reverts as `{code: 3, message: "execution reverted: <reason>", data}`, transaction-pool rejections as
 * `-32000` ("nonce too low", "insufficient funds for gas * price + value", …), unknown methods `-32601`.
 */
import { bytesToHex } from '@ethereumjs/util';
import type { PoolRejection } from '../../node/chain-api.ts';
import { RpcError } from '../errors.ts';

/** EIP-1474 / geth codes. */
export const EthErrorCode = {
  /** geth's code for a reverted call (`eth_call`, `eth_estimateGas`). */
  EXECUTION_REVERTED: 3,
  /** Generic server error: pool rejections, failed calls. */
  SERVER_ERROR: -32000,
  INVALID_INPUT: -32000,
  RESOURCE_NOT_FOUND: -32001,
  TRANSACTION_REJECTED: -32003,
  LIMIT_EXCEEDED: -32005,
} as const;

const ERROR_SELECTOR = '08c379a0';
const PANIC_SELECTOR = '4e487b71';

/** Solidity's panic codes, worded as geth words them. */
const PANICS: Record<number, string> = {
  0x00: 'generic panic',
  0x01: 'assert(false)',
  0x11: 'arithmetic underflow or overflow',
  0x12: 'division or modulo by zero',
  0x21: 'enum overflow',
  0x22: 'invalid encoded storage byte array accessed',
  0x31: 'out-of-bounds array access; popping on an empty array',
  0x32: 'out-of-bounds access of an array or bytesN',
  0x41: 'out of memory',
  0x51: 'uninitialized function',
};

/**
 * The reason in revert data: `Error(string)` gives the string, `Panic(uint256)` geth's wording; anything else
 * (custom errors, empty data) gives undefined and the message stays "execution reverted".
 */
export function revertReason(data: Uint8Array): string | undefined {
  const h = Buffer.from(data).toString('hex');
  if (h.startsWith(PANIC_SELECTOR) && h.length === 8 + 64) {
    const code = BigInt(`0x${h.slice(8)}`);
    return code < 0x100n && PANICS[Number(code)] ? PANICS[Number(code)] : `unknown panic code: 0x${code.toString(16)}`;
  }
  if (!h.startsWith(ERROR_SELECTOR) || h.length < 8 + 128) return undefined;
  try {
    const offset = Number(BigInt(`0x${h.slice(8, 72)}`));
    const lenAt = 8 + offset * 2;
    const len = Number(BigInt(`0x${h.slice(lenAt, lenAt + 64)}`));
    const start = lenAt + 64;
    if (!Number.isSafeInteger(len) || start + len * 2 > h.length) return undefined;
    return Buffer.from(h.slice(start, start + len * 2), 'hex').toString('utf8');
  } catch {
    return undefined;
  }
}

/** `{code: 3, message: "execution reverted[: reason]", data}`. */
export function revertError(data: Uint8Array): RpcError {
  const reason = revertReason(data);
  return new RpcError(EthErrorCode.EXECUTION_REVERTED, reason === undefined ? 'execution reverted' : `execution reverted: ${reason}`, bytesToHex(data));
}

/** A halted execution (out of gas, invalid opcode, …): -32000 with the EVM's message. */
export function haltError(message: string): RpcError {
  return new RpcError(EthErrorCode.SERVER_ERROR, message);
}

/** A -32000 error with geth's message. */
export function serverError(message: string): RpcError {
  return new RpcError(EthErrorCode.SERVER_ERROR, message);
}

/** Substrate pool rejections → geth's messages. */
export function poolRejectionToEth(err: PoolRejection): RpcError {
  const reason = err.validity?.reason;
  const detail = `${err.data ?? ''} ${err.message}`.toLowerCase();
  if (reason === 'Stale' || detail.includes('nonce too low') || detail.includes('outdated')) return serverError('nonce too low');
  if (reason === 'Payment' || detail.includes('insufficient')) return serverError('insufficient funds for gas * price + value');
  if (reason === 'BadProof' || reason === 'BadSigner') return serverError('invalid sender');
  if (reason === 'ExhaustsResources') return serverError('exceeds block gas limit');
  if (err.code === 1013) return serverError('already known');
  if (err.code === 1012) return serverError('already known');
  if (err.code === 1014) return serverError('replacement transaction underpriced');
  if (err.code === 1016) return serverError('txpool is full');
  const data = err.data ? `: ${err.data}` : '';
  return serverError(`${err.message}${data}`);
}

/** Anything `EvmApi.call` threw: the pallet's EthTxError keeps its code and message, the rest is -32000. */
export function callError(err: unknown): RpcError {
  if (err instanceof RpcError) return err;
  if (err instanceof Error && typeof (err as Error & { code?: unknown }).code === 'number') {
    return new RpcError((err as Error & { code: number }).code, err.message);
  }
  return serverError(err instanceof Error ? err.message : String(err));
}

/** Anything thrown by `decodeRawTransaction` → the error geth gives (`-32000` with its message). */
export function rawTxError(err: unknown): RpcError {
  if (err instanceof RpcError) return err;
  // The pallet's EthTxError carries geth's code and message already.
  if (err instanceof Error && typeof (err as Error & { code?: unknown }).code === 'number') {
    const code = (err as Error & { code: number }).code;
    return new RpcError(code, code === -32602 ? `invalid raw transaction: ${err.message}` : err.message);
  }
  const message = err instanceof Error ? err.message : String(err);
  const lower = message.toLowerCase();
  if (lower.includes('chain id')) return serverError('invalid chain id for signer');
  if (lower.includes('signature') || lower.includes('sender')) return serverError('invalid sender');
  if (lower.includes('intrinsic')) return serverError('intrinsic gas too low');
  if (lower.includes('fee cap') || lower.includes('base fee')) return serverError(`max fee per gas less than block base fee: ${message}`);
  return new RpcError(-32602, `invalid raw transaction: ${message}`);
}
