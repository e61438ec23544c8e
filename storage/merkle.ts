import { blake2_256 } from './hash.ts';

/** Root of an empty list: 32 zero bytes (no preimage is known, so it cannot collide with a real root). */
export const EMPTY_MERKLE_ROOT: Uint8Array = new Uint8Array(32);

/** Domain-separation prefixes: a leaf hash can never be confused with an inner node hash. */
const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

/** blake2_256(0x00 ++ item). */
function leafHash(item: Uint8Array): Uint8Array {
  const buf = new Uint8Array(item.length + 1);
  buf[0] = LEAF_PREFIX;
  buf.set(item, 1);
  return blake2_256(buf);
}

/** blake2_256(0x01 ++ left ++ right). */
function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  const buf = new Uint8Array(65);
  buf[0] = NODE_PREFIX;
  buf.set(left, 1);
  buf.set(right, 33);
  return blake2_256(buf);
}

/** Next level up: pairs are hashed, an odd last node is promoted unchanged. */
function nextLevel(level: Uint8Array[]): Uint8Array[] {
  const up: Uint8Array[] = new Array((level.length + 1) >> 1);
  for (let i = 0; i < level.length; i += 2) up[i >> 1] = i + 1 < level.length ? nodeHash(level[i], level[i + 1]) : level[i];
  return up;
}

/**
 * Binary Merkle root over blake2b-256 (block extrinsics root, training checkpoint
 * commitments). Leaves are `blake2_256(0x00 ++ item)`, inner nodes
 * `blake2_256(0x01 ++ left ++ right)`, an odd node is promoted to the next level as is;
 * a single item's root is its leaf hash; no items gives {@link EMPTY_MERKLE_ROOT}.
 */
export function merkleRoot(items: readonly Uint8Array[]): Uint8Array {
  if (items.length === 0) return EMPTY_MERKLE_ROOT.slice();
  let level = items.map(leafHash);
  while (level.length > 1) level = nextLevel(level);
  return level[0];
}

/** Sibling hashes from the leaf up (levels where the node is promoted contribute nothing). */
export function merkleProof(items: readonly Uint8Array[], index: number): Uint8Array[] {
  if (!Number.isInteger(index) || index < 0 || index >= items.length) {
    throw new RangeError(`merkleProof: index ${index} out of range for ${items.length} items`);
  }
  const proof: Uint8Array[] = [];
  let level = items.map(leafHash);
  let i = index;
  while (level.length > 1) {
    const sibling = i ^ 1;
    if (sibling < level.length) proof.push(level[sibling]);
    level = nextLevel(level);
    i >>= 1;
  }
  return proof;
}

/** True when `item` sits at `index` of a `count`-item list whose root is `root`. */
export function verifyMerkleProof(
  root: Uint8Array,
  item: Uint8Array,
  index: number,
  count: number,
  proof: readonly Uint8Array[],
): boolean {
  if (!Number.isInteger(index) || !Number.isInteger(count) || index < 0 || index >= count) return false;
  let hash = leafHash(item);
  let i = index;
  let n = count;
  let used = 0;
  while (n > 1) {
    const sibling = i ^ 1;
    if (sibling < n) {
      const other = proof[used++];
      if (other === undefined || other.length !== 32) return false;
      hash = i & 1 ? nodeHash(other, hash) : nodeHash(hash, other);
    }
    i >>= 1;
    n = (n + 1) >> 1;
  }
  return used === proof.length && root.length === 32 && Buffer.compare(hash, root) === 0;
}
