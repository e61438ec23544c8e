/**
 * The signed v4 extrinsic format @polkadot/api produces:
 * `Compact<len> ++ 0x84 ++ MultiAddress ++ MultiSignature ++ extra ++ call`, or `Compact<len> ++ 0x04 ++ call`.
 * The extra is, in metadata order: CheckMortality (Era), CheckNonce (Compact<u32>), ChargeTransactionPayment
 * (Compact<u128> tip); the others carry only additional signed data.
 */
import type { RuntimeCall } from '../framework/pallet.ts';
import { blake2_256 } from '../framework/hashers.ts';
import { MultiAddress, MultiSignature } from '../primitives.ts';
import { type Codec } from '../scale/codec.ts';
import { Reader, ScaleDecodeError, Writer } from '../scale/io.ts';
import { decodeEra, type Era, encodeEra } from './era.ts';

export const EXTRINSIC_VERSION = 4;
const SIGNED_BIT = 0x80;

export interface SignedPart {
  address: { tag: string; value: unknown };
  /** The account of `MultiAddress::Id`; undefined when the address cannot be looked up. */
  signer: Uint8Array | undefined;
  signature: { scheme: 'ed25519' | 'sr25519' | 'ecdsa'; bytes: Uint8Array };
  era: Era;
  nonce: number;
  tip: bigint;
  /** The raw extra bytes exactly as signed. */
  extra: Uint8Array;
}

export interface DecodedExtrinsic {
  /** The full encoding, length prefix included: the bytes that go in the block body. */
  bytes: Uint8Array;
  hash: Uint8Array;
  signed: SignedPart | undefined;
  call: RuntimeCall;
  callBytes: Uint8Array;
}

/** Decodes one extrinsic with its length prefix; throws ScaleDecodeError (RPC 1002) on any malformation. */
export function decodeExtrinsic(bytes: Uint8Array, callCodec: Codec<RuntimeCall>): DecodedExtrinsic {
  const r = new Reader(bytes);
  const len = r.length();
  if (len !== r.remaining) throw new ScaleDecodeError(`extrinsic length prefix ${len} does not match its ${r.remaining} bytes`);
  const version = r.u8();
  if ((version & 0x7f) !== EXTRINSIC_VERSION) throw new ScaleDecodeError(`unsupported extrinsic version ${version & 0x7f} (this chain accepts v4)`);
  let signed: SignedPart | undefined;
  if (version & SIGNED_BIT) {
    const address = MultiAddress.decodeFrom(r);
    const sig = MultiSignature.decodeFrom(r);
    const extraStart = r.offset;
    const { era, length } = decodeEra(r.u8(), r.remaining > 0 ? r.bytes[r.offset] : undefined);
    r.offset += length - 1;
    const nonceBig = r.compact();
    if (nonceBig > 0xffff_ffffn) throw new ScaleDecodeError('nonce overflows u32');
    const tip = r.compact();
    if (tip >= 1n << 128n) throw new ScaleDecodeError('tip overflows u128');
    // Only `Id` names a signer: the address is not signed, so accepting `Address32` too would let anyone re-encode
    // a pending transaction into a second valid one with another hash (Substrate refuses it: CannotLookup).
    const signer = address.tag === 'Id' ? (address.value as Uint8Array) : undefined;
    signed = {
      address,
      signer,
      signature: { scheme: sig.tag === 'Ed25519' ? 'ed25519' : sig.tag === 'Sr25519' ? 'sr25519' : 'ecdsa', bytes: sig.value },
      era,
      nonce: Number(nonceBig),
      tip,
      extra: bytes.subarray(extraStart, r.offset),
    };
  }
  const callStart = r.offset;
  const call = callCodec.decodeFrom(r);
  if (r.remaining !== 0) throw new ScaleDecodeError(`${r.remaining} trailing bytes after the call`);
  return { bytes, hash: blake2_256(bytes), signed, call, callBytes: bytes.subarray(callStart) };
}

/** Data only in the signed payload (never in the transaction): spec and tx versions, genesis, birth block hash. */
export interface AdditionalSigned {
  specVersion: number;
  transactionVersion: number;
  genesisHash: Uint8Array;
  birthHash: Uint8Array;
}

/** `call ++ extra ++ additionalSigned`, hashed with blake2-256 when longer than 256 bytes. */
export function signingPayload(callBytes: Uint8Array, extra: Uint8Array, add: AdditionalSigned): Uint8Array {
  const w = new Writer(callBytes.length + extra.length + 72);
  w.bytes(callBytes);
  w.bytes(extra);
  w.u32(add.specVersion);
  w.u32(add.transactionVersion);
  w.bytes(add.genesisHash);
  w.bytes(add.birthHash);
  const payload = w.finish();
  return payload.length > 256 ? blake2_256(payload) : payload;
}

/** Encodes the extra of a signed extrinsic (for our own CLI, tests and benches that sign without @polkadot/api). */
export function encodeExtra(era: Era, nonce: number, tip: bigint): Uint8Array {
  const w = new Writer(24);
  w.bytes(encodeEra(era));
  w.compact(nonce);
  w.compact(tip);
  return w.finish();
}

/** Assembles a signed extrinsic from its parts. */
export function encodeSignedExtrinsic(signer: Uint8Array, signature: { tag: 'Ed25519' | 'Sr25519' | 'Ecdsa'; value: Uint8Array }, extra: Uint8Array, callBytes: Uint8Array): Uint8Array {
  const body = new Writer(callBytes.length + 160);
  body.u8(SIGNED_BIT | EXTRINSIC_VERSION);
  MultiAddress.encodeTo(body, { tag: 'Id', value: signer });
  MultiSignature.encodeTo(body, signature);
  body.bytes(extra);
  body.bytes(callBytes);
  return withLength(body.finish());
}

/** An unsigned (inherent) extrinsic. */
export function encodeUnsignedExtrinsic(callBytes: Uint8Array): Uint8Array {
  const body = new Uint8Array(callBytes.length + 1);
  body[0] = EXTRINSIC_VERSION;
  body.set(callBytes, 1);
  return withLength(body);
}

function withLength(body: Uint8Array): Uint8Array {
  const w = new Writer(body.length + 5);
  w.compact(body.length);
  w.bytes(body);
  return w.finish();
}
