/**
 * Byte-exact encoder/decoder for Ethereum-style Merkle-Patricia nodes (RLP, hex-prefix
 * paths), producing the same bytes as @ethereumjs/mpt's node classes without their
 * per-nibble JS arrays. Used by the batched trie update; the MPT library reads what
 * this writes (property-tested in state-trie.test.ts).
 */

/** Nibble range `[s, e)` over packed bytes `b` (nibble i = high/low half of b[i >> 1]). */
export interface Nib {
  b: Uint8Array;
  s: number;
  e: number;
}

/** 32 bytes: hash of a stored node; fewer: the RLP of a node small enough to be inlined. */
export type Ref = Uint8Array;

/** Leaf: the rest of the key path and the value. */
export interface LeafNode {
  t: 'leaf';
  path: Nib;
  value: Uint8Array;
}

/** Extension: a shared path segment leading to one child (always a branch). */
export interface ExtNode<C> {
  t: 'ext';
  path: Nib;
  child: C;
}

/** Branch: 16 children by next nibble, plus the value of a key ending here. */
export interface BranchNode<C> {
  t: 'branch';
  children: (C | null)[];
  value: Uint8Array | null;
}

/** A trie node whose children are of type `C` (references, or in-memory nodes while updating). */
export type TrieNode<C> = LeafNode | ExtNode<C> | BranchNode<C>;

/** Nibble at absolute index `i` of `bytes`. */
export function nibbleAt(bytes: Uint8Array, i: number): number {
  return i & 1 ? bytes[i >> 1] & 0x0f : bytes[i >> 1] >> 4;
}

/** Packs `parts` into one fresh nibble range starting at 0. */
export function concatNib(...parts: Nib[]): Nib {
  let total = 0;
  for (const p of parts) total += p.e - p.s;
  const b = new Uint8Array((total + 1) >> 1);
  let o = 0;
  for (const p of parts) {
    for (let i = p.s; i < p.e; i++, o++) b[o >> 1] |= o & 1 ? nibbleAt(p.b, i) : nibbleAt(p.b, i) << 4;
  }
  return { b, s: 0, e: total };
}

// RLP cursor state, reused to avoid allocating one object per item.
let itemStart = 0;
let itemEnd = 0;
let itemList = false;

/** Parses the RLP item at `pos` into the cursor; returns the offset after it. */
function item(buf: Uint8Array, pos: number): number {
  const h = buf[pos];
  if (h === undefined) throw new Error('Invalid node: truncated RLP');
  itemList = h >= 0xc0;
  if (h < 0x80) {
    itemStart = pos;
    itemEnd = pos + 1;
  } else if (h < 0xb8 || (h >= 0xc0 && h < 0xf8)) {
    itemStart = pos + 1;
    itemEnd = itemStart + h - (itemList ? 0xc0 : 0x80);
  } else {
    const lenLen = h - (itemList ? 0xf7 : 0xb7);
    let len = 0;
    for (let i = 1; i <= lenLen; i++) len = len * 256 + buf[pos + i];
    itemStart = pos + 1 + lenLen;
    itemEnd = itemStart + len;
  }
  if (itemEnd > buf.length) throw new Error('Invalid node: truncated RLP');
  return itemEnd;
}

/** The child reference held by the item in the cursor: a hash, an inline node (with its header), or null. */
function childRef(buf: Uint8Array, pos: number): Ref | null {
  if (itemList) return buf.subarray(pos, itemEnd);
  return itemEnd === itemStart ? null : buf.subarray(itemStart, itemEnd);
}

/** Decodes an encoded node; children become {@link Ref}s (views into `bytes`). */
export function decodeTrieNode(bytes: Uint8Array): TrieNode<Ref> {
  const end = item(bytes, 0);
  if (!itemList || end !== bytes.length) throw new Error('Invalid node: not an RLP list');
  let pos = itemStart;
  const firstPos = pos;
  pos = item(bytes, pos);
  const firstList = itemList;
  const firstStart = itemStart;
  const firstEnd = itemEnd;
  const secondPos = pos;
  pos = item(bytes, pos);
  if (pos === end) {
    if (firstList) throw new Error('Invalid node: path must be a string');
    const compact = bytes.subarray(firstStart, firstEnd);
    const flag = compact.length === 0 ? 0xff : compact[0] >> 4;
    if (flag > 3) throw new Error('Invalid node: bad hex-prefix path');
    const path = { b: compact, s: flag & 1 ? 1 : 2, e: compact.length * 2 };
    if (flag & 2) return { t: 'leaf', path, value: bytes.subarray(itemStart, itemEnd) };
    return { t: 'ext', path, child: childRef(bytes, secondPos) as Ref };
  }
  const children = new Array<Ref | null>(16);
  children[0] = firstList ? bytes.subarray(firstPos, firstEnd) : firstEnd === firstStart ? null : bytes.subarray(firstStart, firstEnd);
  children[1] = childRef(bytes, secondPos);
  for (let i = 2; i < 16; i++) {
    const at = pos;
    pos = item(bytes, pos);
    children[i] = childRef(bytes, at);
  }
  pos = item(bytes, pos);
  if (pos !== end) throw new Error('Invalid node: expected 2 or 17 items');
  return { t: 'branch', children, value: itemEnd === itemStart ? null : bytes.subarray(itemStart, itemEnd) };
}

/** Hex-prefix (compact) encoding of a path, flagged as leaf or extension. */
function compactPath(p: Nib, leaf: boolean): Uint8Array {
  const n = p.e - p.s;
  const out = new Uint8Array((n >> 1) + 1);
  const flag = leaf ? 2 : 0;
  let i = p.s;
  if (n & 1) out[0] = ((flag | 1) << 4) | nibbleAt(p.b, i++);
  else out[0] = flag << 4;
  for (let o = 1; i < p.e; i += 2, o++) out[o] = (nibbleAt(p.b, i) << 4) | nibbleAt(p.b, i + 1);
  return out;
}

function headerLen(len: number): number {
  if (len < 56) return 1;
  let bytes = 1;
  while (len > 0) {
    bytes++;
    len = Math.floor(len / 256);
  }
  return bytes;
}

function writeHeader(out: Uint8Array, pos: number, len: number, short: number, longBase: number): number {
  if (len < 56) {
    out[pos] = short + len;
    return pos + 1;
  }
  const lenLen = headerLen(len) - 1;
  out[pos] = longBase + lenLen;
  for (let i = lenLen; i >= 1; i--, len = Math.floor(len / 256)) out[pos + i] = len & 0xff;
  return pos + 1 + lenLen;
}

const EMPTY = new Uint8Array(0);

/** Encoded size of a byte string. */
function strSize(s: Uint8Array): number {
  return s.length === 1 && s[0] < 0x80 ? 1 : headerLen(s.length) + s.length;
}

/** Encoded size of a child slot: hashes are strings, inline nodes are copied as they are. */
function refSize(r: Ref | null): number {
  return r === null ? 1 : r.length === 32 ? 33 : r.length;
}

function writeStr(out: Uint8Array, pos: number, s: Uint8Array): number {
  if (s.length === 1 && s[0] < 0x80) {
    out[pos] = s[0];
    return pos + 1;
  }
  pos = writeHeader(out, pos, s.length, 0x80, 0xb7);
  out.set(s, pos);
  return pos + s.length;
}

function writeRef(out: Uint8Array, pos: number, r: Ref | null): number {
  if (r === null) {
    out[pos] = 0x80;
    return pos + 1;
  }
  if (r.length === 32) return writeStr(out, pos, r);
  out.set(r, pos);
  return pos + r.length;
}

/** Encodes a node whose children are already references. */
export function encodeTrieNode(node: TrieNode<Ref>): Uint8Array {
  if (node.t === 'branch') {
    const value = node.value ?? EMPTY;
    let payload = strSize(value);
    for (let i = 0; i < 16; i++) payload += refSize(node.children[i]);
    const out = new Uint8Array(headerLen(payload) + payload);
    let pos = writeHeader(out, 0, payload, 0xc0, 0xf7);
    for (let i = 0; i < 16; i++) pos = writeRef(out, pos, node.children[i]);
    writeStr(out, pos, value);
    return out;
  }
  const path = compactPath(node.path, node.t === 'leaf');
  const payload = strSize(path) + (node.t === 'leaf' ? strSize(node.value) : refSize(node.child));
  const out = new Uint8Array(headerLen(payload) + payload);
  const pos = writeStr(out, writeHeader(out, 0, payload, 0xc0, 0xf7), path);
  if (node.t === 'leaf') writeStr(out, pos, node.value);
  else writeRef(out, pos, node.child);
  return out;
}
