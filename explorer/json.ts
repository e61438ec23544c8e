/**
 * Decoded SCALE values as JSON for the explorer: bytes as 0x-hex (or text when they are printable UTF-8, as
 * names and URIs are), integers that may exceed 2^53 as decimal strings, enums as `{ Variant: value }`.
 */
import { u8aToHex } from '@polkadot/util';

const PRINTABLE = /^[\x20-\x7e\u00a0-\uffff]*$/u;

/** A byte string as the explorer shows it: text when it reads as text, hex otherwise. */
export function bytesToJson(bytes: Uint8Array): string {
  if (bytes.length > 0 && bytes.length <= 256) {
    try {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      if (PRINTABLE.test(text)) return text;
    } catch {
      // not UTF-8
    }
  }
  return u8aToHex(bytes);
}

/** Any decoded value as JSON. Fixed-size byte arrays (hashes, accounts) stay hex. */
export function toJson(value: unknown, fixedHex = false): unknown {
  if (value instanceof Uint8Array) return fixedHex || value.length === 32 || value.length === 20 ? u8aToHex(value) : bytesToJson(value);
  if (typeof value === 'bigint') return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
  if (Array.isArray(value)) return value.map((v) => toJson(v, fixedHex));
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(toJson(k, true)), toJson(v, fixedHex)]));
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o);
    // A SCALE enum value: `{ tag, value? }`.
    if (typeof o.tag === 'string' && keys.every((k) => k === 'tag' || k === 'value')) return 'value' in o && o.value !== undefined ? { [o.tag]: toJson(o.value, fixedHex) } : o.tag;
    return Object.fromEntries(keys.map((k) => [k, toJson(o[k], fixedHex)]));
  }
  return value;
}
