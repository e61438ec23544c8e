/**
 * Validators for Ethereum JSON-RPC params. Each returns the decoded value or throws `-32602 Invalid params: <param>:
 * expected …`. Quantities are `0x` hex without leading zeros (geth also takes them with leading zeros, so do we);
 * addresses are 20 bytes in any letter case; call objects take both `data` and `input` (cast sends `input`).
 */
import { hexToU8a } from '@polkadot/util';
import { invalid, isAbsent, object } from '../substrate/params.ts';

export { invalid, isAbsent, object };

/** Calldata, raw transactions: bigger than any block can hold, small enough to refuse abuse early. */
export const MAX_ETH_DATA_BYTES = 8 * 1024 * 1024;

/** A block selector: a tag, a number, or a block hash (EIP-1898's `{blockHash}` / `{blockNumber}` included). */
export type BlockTag =
  | { kind: 'tag'; tag: 'latest' | 'earliest' | 'pending' | 'safe' | 'finalized' }
  | { kind: 'number'; number: number }
  | { kind: 'hash'; hash: Uint8Array; requireCanonical: boolean };

const TAGS = new Set(['latest', 'earliest', 'pending', 'safe', 'finalized']);

/** A hex quantity (`0x0`, `0x1a`; up to 256 bits). */
export function quantity(value: unknown, name: string): bigint {
  if (typeof value !== 'string' || !/^0x[0-9a-fA-F]{1,64}$/.test(value)) return invalid(name, 'a 0x hex quantity', value);
  return BigInt(value);
}

/** A quantity that must fit a safe JS integer (block numbers, counts, indexes). */
export function smallQuantity(value: unknown, name: string, max = Number.MAX_SAFE_INTEGER): number {
  const n = quantity(value, name);
  if (n > BigInt(max)) return invalid(name, `a quantity of at most ${max}`, value);
  return Number(n);
}

/** `0x` hex bytes of even length (`0x` alone is empty). */
export function data(value: unknown, name: string, maxBytes = MAX_ETH_DATA_BYTES): Uint8Array {
  if (typeof value !== 'string' || !/^0x([0-9a-fA-F]{2})*$/.test(value)) return invalid(name, '0x-prefixed hex bytes', value);
  if ((value.length - 2) / 2 > maxBytes) return invalid(name, `at most ${maxBytes} bytes`, value);
  return hexToU8a(value);
}

/** Exactly `size` bytes of hex. */
export function fixed(value: unknown, name: string, size: number, what: string): Uint8Array {
  if (typeof value !== 'string' || value.length !== 2 + 2 * size || !/^0x[0-9a-fA-F]*$/.test(value)) return invalid(name, what, value);
  return hexToU8a(value);
}

/** A 20-byte address, any letter case (checksums are not enforced, as geth does not). */
export function address(value: unknown, name = 'address'): Uint8Array {
  return fixed(value, name, 20, 'a 20-byte address');
}

/** A 32-byte hash. */
export function hash32(value: unknown, name = 'hash'): Uint8Array {
  return fixed(value, name, 32, 'a 32-byte hash');
}

/** A storage slot: a quantity of up to 32 bytes, left-padded to 32 (geth accepts both forms). */
export function slot(value: unknown, name = 'slot'): Uint8Array {
  const n = quantity(value, name);
  return hexToU8a(`0x${n.toString(16).padStart(64, '0')}`);
}

/** A block tag, number or hash; `fallback` when omitted. */
export function blockTag(value: unknown, name = 'block', fallback: BlockTag = { kind: 'tag', tag: 'latest' }): BlockTag {
  if (isAbsent(value)) return fallback;
  if (typeof value === 'string') {
    if (TAGS.has(value)) return { kind: 'tag', tag: value as 'latest' };
    if (value.length === 66) return { kind: 'hash', hash: hash32(value, name), requireCanonical: false };
    return { kind: 'number', number: smallQuantity(value, name, 0xffff_ffff) };
  }
  if (typeof value === 'object' && !Array.isArray(value)) {
    const o = value as Record<string, unknown>;
    if (o.blockHash !== undefined) return { kind: 'hash', hash: hash32(o.blockHash, `${name}.blockHash`), requireCanonical: o.requireCanonical === true };
    if (o.blockNumber !== undefined) return blockTag(o.blockNumber, `${name}.blockNumber`);
  }
  return invalid(name, 'a block number, a tag (latest, earliest, pending, safe, finalized) or a block hash', value);
}

/** A boolean param (`eth_getBlockBy*`'s "full transactions" flag); omitted means false. */
export function bool(value: unknown, name: string): boolean {
  if (isAbsent(value)) return false;
  if (typeof value !== 'boolean') return invalid(name, 'a boolean', value);
  return value;
}

/** The call object of `eth_call` / `eth_estimateGas`. */
export interface CallRequest {
  from?: Uint8Array;
  to?: Uint8Array;
  gas?: bigint;
  gasPrice?: bigint;
  maxFeePerGas?: bigint;
  maxPriorityFeePerGas?: bigint;
  value?: bigint;
  data?: Uint8Array;
  nonce?: bigint;
}

/** Parses a call object; `input` wins over `data` when both are set and differ (geth errors; we follow `input`). */
export function callRequest(value: unknown, name = 'transaction'): CallRequest {
  const o = object(value, name);
  const q = (k: string): bigint | undefined => (isAbsent(o[k]) ? undefined : quantity(o[k], `${name}.${k}`));
  const out: CallRequest = {};
  if (!isAbsent(o.from)) out.from = address(o.from, `${name}.from`);
  if (!isAbsent(o.to)) out.to = address(o.to, `${name}.to`);
  const input = isAbsent(o.input) ? (isAbsent(o.data) ? undefined : data(o.data, `${name}.data`)) : data(o.input, `${name}.input`);
  if (input) out.data = input;
  for (const k of ['gas', 'gasPrice', 'maxFeePerGas', 'maxPriorityFeePerGas', 'value', 'nonce'] as const) {
    const v = q(k);
    if (v !== undefined) out[k] = v;
  }
  return out;
}
