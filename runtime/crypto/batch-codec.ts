/**
 * Packs a batch of `SignedItem`s into one ArrayBuffer so it can be transferred (not cloned)
 * to a worker thread, and unpacks it there without copying the bytes again.
 *
 * Layout: u32 count, then per item: u8 scheme (index in SCHEMES, 255 = unknown),
 * u32 signer length, u32 signature length, u32 message length, then the three byte strings.
 * Lengths are carried verbatim so malformed items reach the verifier and get the same `false`
 * they would inline. All integers are little-endian.
 */
import { SCHEMES, type SignatureScheme, type SignedItem } from './verify.ts';

const ITEM_HEADER = 13;
const UNKNOWN_SCHEME = 255;

function byteLength(value: unknown): number {
  return value instanceof Uint8Array ? value.length : 0;
}

/** Encodes `items` into a fresh, exactly-sized ArrayBuffer. */
export function packBatch(items: readonly SignedItem[]): ArrayBuffer {
  let size = 4;
  for (const item of items) size += ITEM_HEADER + byteLength(item.signer) + byteLength(item.signature) + byteLength(item.message);
  const buffer = new ArrayBuffer(size);
  const view = new DataView(buffer);
  const bytes = new Uint8Array(buffer);
  view.setUint32(0, items.length, true);
  let at = 4;
  for (const item of items) {
    const index = SCHEMES.indexOf(item.scheme);
    view.setUint8(at, index < 0 ? UNKNOWN_SCHEME : index);
    const parts = [item.signer, item.signature, item.message];
    for (let p = 0; p < 3; p++) view.setUint32(at + 1 + 4 * p, byteLength(parts[p]), true);
    at += ITEM_HEADER;
    for (const part of parts) {
      if (part instanceof Uint8Array) {
        bytes.set(part, at);
        at += part.length;
      }
    }
  }
  return buffer;
}

/** Decodes a buffer made by `packBatch`; the items' byte arrays are views into `buffer`. */
export function unpackBatch(buffer: ArrayBuffer): SignedItem[] {
  const view = new DataView(buffer);
  const count = view.getUint32(0, true);
  const items: SignedItem[] = new Array<SignedItem>(count);
  let at = 4;
  for (let i = 0; i < count; i++) {
    const index = view.getUint8(at);
    // An unknown scheme is passed through as a string verifySignature rejects.
    const scheme = (SCHEMES[index] ?? 'unknown') as SignatureScheme;
    const signerLength = view.getUint32(at + 1, true);
    const signatureLength = view.getUint32(at + 5, true);
    const messageLength = view.getUint32(at + 9, true);
    at += ITEM_HEADER;
    const signer = new Uint8Array(buffer, at, signerLength);
    at += signerLength;
    const signature = new Uint8Array(buffer, at, signatureLength);
    at += signatureLength;
    const message = new Uint8Array(buffer, at, messageLength);
    at += messageLength;
    items[i] = { scheme, signer, signature, message };
  }
  return items;
}
