/**
 * CIDv1 parsing and validation shared by the datasets and models pallets.
 *
 * `multiformats` is not a dependency, so the binary layout is parsed here:
 * `varint(version = 1) ++ varint(codec) ++ varint(hash code) ++ varint(digest length) ++ digest`.
 * Only the codecs and hashes the marketplace stores are accepted (raw / dag-pb, sha2-256 / blake2b-256),
 * and CIDs are stored on chain as these binary bytes, at most {@link MAX_CID_LENGTH} long.
 */
import { sha256 } from '@noble/hashes/sha2.js';

/** Longest binary CID a pallet stores (a bounded `Vec<u8>` on chain). */
export const MAX_CID_LENGTH = 64;

/** Multicodec content codecs accepted in a CID. */
export const CID_CODEC = { Raw: 0x55, DagPb: 0x70 } as const;

/** Multihash function codes accepted in a CID, each with the digest length it must carry. */
export const CID_HASH = { Sha2_256: 0x12, Blake2b_256: 0xb220 } as const;

const DIGEST_LENGTH: ReadonlyMap<number, number> = new Map([
  [CID_HASH.Sha2_256, 32],
  [CID_HASH.Blake2b_256, 32],
]);
const CODECS: ReadonlySet<number> = new Set([CID_CODEC.Raw, CID_CODEC.DagPb]);

/** Why a CID was rejected. */
export type CidErrorKind =
  | 'Empty'
  | 'TooLong'
  | 'BadVarint'
  | 'UnsupportedVersion'
  | 'UnsupportedCodec'
  | 'UnsupportedHash'
  | 'BadDigestLength'
  | 'Truncated'
  | 'TrailingBytes'
  | 'BadMultibase';

/** A CID failed validation; `kind` says which rule it broke. */
export class CidError extends Error {
  constructor(
    readonly kind: CidErrorKind,
    message: string,
  ) {
    super(`invalid CID (${kind}): ${message}`);
    this.name = 'CidError';
  }
}

/** The fields of a valid binary CIDv1. */
export interface ParsedCid {
  version: 1;
  codec: number;
  hashCode: number;
  digest: Uint8Array;
}

/** Reads an unsigned LEB128 varint; multiformats forbids non-minimal encodings and more than 9 bytes. */
function readVarint(bytes: Uint8Array, at: number): [value: number, next: number] {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 9; i++) {
    const pos = at + i;
    if (pos >= bytes.length) throw new CidError('Truncated', `varint at offset ${at} runs past the end`);
    const b = bytes[pos]!;
    value += (b & 0x7f) * scale;
    if ((b & 0x80) === 0) {
      if (b === 0 && i > 0) throw new CidError('BadVarint', `non-minimal varint at offset ${at}`);
      if (!Number.isSafeInteger(value)) throw new CidError('BadVarint', `varint at offset ${at} is too large`);
      return [value, pos + 1];
    }
    scale *= 128;
  }
  throw new CidError('BadVarint', `varint at offset ${at} is longer than 9 bytes`);
}

function writeVarint(value: number, out: number[]): void {
  let v = value;
  while (v >= 0x80) {
    out.push((v % 128) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
}

/** Parses and validates a binary CIDv1, throwing a {@link CidError} on any violation. */
export function validateCid(bytes: Uint8Array): ParsedCid {
  if (bytes.length === 0) throw new CidError('Empty', 'no bytes');
  if (bytes.length > MAX_CID_LENGTH) throw new CidError('TooLong', `${bytes.length} bytes > ${MAX_CID_LENGTH}`);
  // A CIDv0 is a bare sha2-256 multihash (0x12 0x20 ...): reported as an unsupported version, not a bad codec.
  const [version, afterVersion] = readVarint(bytes, 0);
  if (version !== 1) throw new CidError('UnsupportedVersion', `version ${version}, only CIDv1 is accepted`);
  const [codec, afterCodec] = readVarint(bytes, afterVersion);
  if (!CODECS.has(codec)) throw new CidError('UnsupportedCodec', `codec 0x${codec.toString(16)}`);
  const [hashCode, afterHash] = readVarint(bytes, afterCodec);
  const expected = DIGEST_LENGTH.get(hashCode);
  if (expected === undefined) throw new CidError('UnsupportedHash', `multihash 0x${hashCode.toString(16)}`);
  const [length, digestAt] = readVarint(bytes, afterHash);
  if (length !== expected) throw new CidError('BadDigestLength', `digest length ${length}, expected ${expected}`);
  const end = digestAt + length;
  if (end > bytes.length) throw new CidError('Truncated', `digest needs ${length} bytes, ${bytes.length - digestAt} left`);
  if (end < bytes.length) throw new CidError('TrailingBytes', `${bytes.length - end} bytes after the digest`);
  return { version: 1, codec, hashCode, digest: bytes.slice(digestAt, end) };
}

/** Whether `bytes` is an accepted binary CIDv1 (the non-throwing form of {@link validateCid}). */
export function isValidCid(bytes: Uint8Array): boolean {
  try {
    validateCid(bytes);
    return true;
  } catch (e) {
    if (e instanceof CidError) return false;
    throw e;
  }
}

/** Builds the binary CIDv1 for a digest; the result is validated, so a wrong digest length throws. */
export function makeCid(digest: Uint8Array, codec: number = CID_CODEC.Raw, hashCode: number = CID_HASH.Sha2_256): Uint8Array {
  const head: number[] = [];
  writeVarint(1, head);
  writeVarint(codec, head);
  writeVarint(hashCode, head);
  writeVarint(digest.length, head);
  const out = new Uint8Array(head.length + digest.length);
  out.set(head);
  out.set(digest, head.length);
  validateCid(out);
  return out;
}

/** The raw-codec sha2-256 CIDv1 of `data`, as `ipfs add --raw-leaves --cid-version 1` computes for a single block. */
export function rawCidOf(data: Uint8Array): Uint8Array {
  return makeCid(sha256(data), CID_CODEC.Raw, CID_HASH.Sha2_256);
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** Formats a binary CIDv1 as IPFS prints it: multibase `b` + RFC 4648 base32, lower case, no padding. */
export function cidToString(bytes: Uint8Array): string {
  validateCid(bytes);
  let out = 'b';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += BASE32[(buffer >> bits) & 31];
    }
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}

/** Parses a `b…` base32 CIDv1 string into validated binary CID bytes. */
export function cidFromString(s: string): Uint8Array {
  if (!s.startsWith('b')) throw new CidError('BadMultibase', 'only the base32 lower-case multibase (prefix "b") is accepted');
  const body = s.slice(1);
  // Unpadded base32 never leaves 1, 3 or 6 dangling characters.
  if ([1, 3, 6].includes(body.length % 8)) throw new CidError('BadMultibase', `base32 length ${body.length} is impossible`);
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of body) {
    const v = BASE32.indexOf(ch);
    if (v < 0) throw new CidError('BadMultibase', `character ${JSON.stringify(ch)} is not base32 lower case`);
    buffer = ((buffer << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >> bits) & 0xff);
    }
  }
  // Leftover bits must be zero, otherwise two strings would decode to the same bytes.
  if ((buffer & ((1 << bits) - 1)) !== 0) throw new CidError('BadMultibase', 'non-zero padding bits');
  const bytes = Uint8Array.from(out);
  validateCid(bytes);
  return bytes;
}
