/** `sp_runtime::generic::Header<u32, BlakeTwo256>`: the block header, its hash and its JSON form. */
import { u8aToHex } from '@polkadot/util';
import { blake2_256 } from './framework/hashers.ts';
import { Digest, DigestItem, H256 } from './primitives.ts';
import { compact, type CodecType, decode, encode, u32 } from './scale/codec.ts';
import { struct } from './scale/composite.ts';

export const Header = struct('sp_runtime::generic::header::Header', {
  parent_hash: H256,
  number: compact(u32),
  state_root: H256,
  extrinsics_root: H256,
  digest: Digest,
});
export type Header = CodecType<typeof Header>;

export const encodeHeader = (h: Header): Uint8Array => encode(Header, h);
export const decodeHeader = (bytes: Uint8Array): Header => decode(Header, bytes);
export const hashHeader = (h: Header): Uint8Array => blake2_256(encodeHeader(h));

/** The JSON form the `chain_*` RPC returns. */
export function headerToJson(h: Header) {
  return {
    parentHash: u8aToHex(h.parent_hash),
    number: `0x${h.number.toString(16)}`,
    stateRoot: u8aToHex(h.state_root),
    extrinsicsRoot: u8aToHex(h.extrinsics_root),
    digest: { logs: h.digest.logs.map((l: DigestItem) => u8aToHex(encode(DigestItem, l))) },
  };
}


/** Engine ids of our digest items. */
export const ENGINE_AUTHOR = new TextEncoder().encode('pow_'); // Apps reads the author from a `pow_` pre-runtime digest
export const ENGINE_POUW = new TextEncoder().encode('pouw');

export function preRuntime(engine: Uint8Array, data: Uint8Array): DigestItem {
  return { tag: 'PreRuntime', value: [engine, data] };
}
export function seal(engine: Uint8Array, data: Uint8Array): DigestItem {
  return { tag: 'Seal', value: [engine, data] };
}
