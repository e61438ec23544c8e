import { compactFromU8aLim, compactToU8a } from '@polkadot/util';

import { StorageError } from './errors.ts';

/** Value codec used by a {@link Repository}. */
export interface Codec<T> {
  encode(value: T): Uint8Array;
  decode(bytes: Uint8Array): T;
}

/** Where an extrinsic landed: block hash and its index in the block body. */
export interface TxLocation {
  blockHash: Uint8Array;
  index: number;
}

/** u32 big-endian, so LevelDB key order equals numeric order. */
export const u32Codec: Codec<number> = {
  encode(value) {
    if (!Number.isInteger(value) || value < 0 || value > 0xffff_ffff) {
      throw new StorageError({ code: 'InvalidArgument', detail: `not a u32: ${value}` }, `not a u32: ${value}`);
    }
    const out = new Uint8Array(4);
    new DataView(out.buffer).setUint32(0, value, false);
    return out;
  },
  decode(bytes) {
    return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, false);
  },
};

/** Raw bytes stored as-is. */
export const bytesCodec: Codec<Uint8Array> = {
  encode: (value) => value,
  decode: (bytes) => bytes,
};

/** 32-byte hash, length-checked on both sides. */
export const hashCodec: Codec<Uint8Array> = {
  encode: (value) => assertHash(value),
  decode: (bytes) => assertHash(bytes),
};

/** SCALE `Vec<Bytes>`: compact count, then each item as compact length ++ bytes. */
export const bytesVecCodec: Codec<Uint8Array[]> = {
  encode(items) {
    const parts: Uint8Array[] = [compactToU8a(items.length)];
    for (const item of items) parts.push(compactToU8a(item.length), item);
    let size = 0;
    for (const part of parts) size += part.length;
    const out = new Uint8Array(size);
    let offset = 0;
    for (const part of parts) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  },
  decode(bytes) {
    const [headLen, count] = compactFromU8aLim(bytes);
    const items: Uint8Array[] = [];
    let offset = headLen;
    for (let i = 0; i < count; i++) {
      const [lenLen, len] = compactFromU8aLim(bytes.subarray(offset));
      offset += lenLen;
      if (offset + len > bytes.length) throw new RangeError('truncated SCALE Vec<Bytes>');
      items.push(bytes.slice(offset, offset + len));
      offset += len;
    }
    return items;
  },
};

/** `block hash (32) ++ index (u32 BE)`. */
export const txLocationCodec: Codec<TxLocation> = {
  encode({ blockHash, index }) {
    const out = new Uint8Array(36);
    out.set(assertHash(blockHash), 0);
    out.set(u32Codec.encode(index), 32);
    return out;
  },
  decode(bytes) {
    return { blockHash: bytes.slice(0, 32), index: u32Codec.decode(bytes.subarray(32, 36)) };
  },
};

/** Throws `InvalidArgument` unless `hash` is exactly 32 bytes. */
export function assertHash(hash: Uint8Array, what = 'hash'): Uint8Array {
  if (!(hash instanceof Uint8Array) || hash.length !== 32) {
    const detail = `${what} must be 32 bytes, got ${hash instanceof Uint8Array ? hash.length : typeof hash}`;
    throw new StorageError({ code: 'InvalidArgument', detail }, detail);
  }
  return hash;
}

/** Lower-case hex with 0x prefix, for messages and map keys. */
export function toHex(bytes: Uint8Array): string {
  return `0x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}`;
}
