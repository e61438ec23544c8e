/**
 * Validators for the params of the Substrate RPCs. Each returns the decoded value or throws
 * `-32602 Invalid params: <param>: expected …`, naming the param that is wrong, as jsonrpsee does
 * when serde rejects a param.
 */
import { hexToU8a, isHex } from '@polkadot/util';
import { RpcError } from '../errors.ts';

/** Storage keys and prefixes: far above any real key (a double map of two 32-byte hashed keys is < 200 bytes). */
export const MAX_KEY_BYTES = 4096;
/** Extrinsics, runtime-call input and storage values: above the 5 MiB block length, below any sane request. */
export const MAX_DATA_BYTES = 16 * 1024 * 1024;
/** Largest block number (`u32`, the chain's `BlockNumber`). */
export const MAX_BLOCK_NUMBER = 0xffff_ffff;

/** Throws the -32602 error for `name`. */
export function invalid(name: string, expected: string, value?: unknown): never {
  const got = value === undefined ? '' : ` (got ${describe(value)})`;
  throw RpcError.invalidParams(`${name}: expected ${expected}${got}`);
}

/** A short, bounded description of a bad value for error messages (never echoes a huge param back). */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'string') return value.length > 24 ? `a string of ${value.length} chars` : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value;
}

/** Whether an optional param was left out (`undefined` or `null`, the JSON form of `None`). */
export function isAbsent(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}

/** `0x`-prefixed hex with an even number of digits, at most `maxBytes` bytes. */
export function hex(value: unknown, name: string, maxBytes: number = MAX_DATA_BYTES): Uint8Array {
  if (typeof value !== 'string' || !isHex(value)) return invalid(name, '0x-prefixed hex with an even number of digits', value);
  if ((value.length - 2) / 2 > maxBytes) return invalid(name, `at most ${maxBytes} bytes`, value);
  return hexToU8a(value);
}

/** Like `hex`, but `undefined`/`null` give `undefined`. */
export function optionalHex(value: unknown, name: string, maxBytes: number = MAX_DATA_BYTES): Uint8Array | undefined {
  return isAbsent(value) ? undefined : hex(value, name, maxBytes);
}

/** A storage key or key prefix. */
export function storageKey(value: unknown, name = 'key'): Uint8Array {
  return hex(value, name, MAX_KEY_BYTES);
}

/** A 32-byte block hash. */
export function blockHash(value: unknown, name = 'hash'): Uint8Array {
  if (typeof value !== 'string' || !isHex(value) || value.length !== 66) return invalid(name, 'a 32-byte hash as 0x-prefixed hex', value);
  return hexToU8a(value);
}

/** An optional block hash: omitted or null means the best block. */
export function optionalBlockHash(value: unknown, name = 'hash'): Uint8Array | undefined {
  return isAbsent(value) ? undefined : blockHash(value, name);
}

/** An unsigned 32-bit integer given as a JSON number. */
export function u32(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0xffff_ffff) {
    return invalid(name, 'an integer from 0 to 4294967295', value);
  }
  return value;
}

/**
 * A block number as Substrate's `NumberOrHex` takes it: a JSON number or a `0x` hex quantity
 * (decimal strings are rejected, as there). Values beyond `u32` are an error.
 */
export function blockNumber(value: unknown, name = 'number'): number {
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0) return invalid(name, 'a non-negative integer or a 0x hex quantity', value);
    if (value > MAX_BLOCK_NUMBER) return invalid(name, `a block number of at most ${MAX_BLOCK_NUMBER}`, value);
    return value;
  }
  // A quantity may have an odd number of digits ("0x1a", "0xa"); 64 digits is U256, NumberOrHex's widest.
  if (typeof value !== 'string' || !/^0x[0-9a-fA-F]{1,64}$/.test(value)) {
    return invalid(name, 'a non-negative integer or a 0x hex quantity', value);
  }
  const n = BigInt(value);
  if (n > BigInt(MAX_BLOCK_NUMBER)) return invalid(name, `a block number of at most ${MAX_BLOCK_NUMBER}`, value);
  return Number(n);
}

/** A JSON array of at most `maxItems` entries. */
export function array(value: unknown, name: string, maxItems: number): unknown[] {
  if (!Array.isArray(value)) return invalid(name, 'an array', value);
  if (value.length > maxItems) return invalid(name, `at most ${maxItems} entries`, value);
  return value;
}

/** A list of storage keys. */
export function storageKeys(value: unknown, name: string, maxItems: number): Uint8Array[] {
  return array(value, name, maxItems).map((k, i) => storageKey(k, `${name}[${i}]`));
}

/** A non-empty string of at most `maxLength` chars. */
export function string(value: unknown, name: string, maxLength: number): string {
  if (typeof value !== 'string' || value.length === 0) return invalid(name, 'a non-empty string', value);
  if (value.length > maxLength) return invalid(name, `a string of at most ${maxLength} chars`, value);
  return value;
}

/** A plain JSON object (not an array). */
export function object(value: unknown, name: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return invalid(name, 'an object', value);
  return value as Record<string, unknown>;
}
