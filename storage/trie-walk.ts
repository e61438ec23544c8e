import { BranchMPTNode, ExtensionMPTNode, type MerklePatriciaTrie, type NodeReferenceOrRawMPTNode } from '@ethereumjs/mpt';

/** Walk position relative to the `prefix` and `after` bounds. */
interface Bounds {
  /** The path already covers the whole prefix. */
  inPrefix: boolean;
  /** The path so far equals `after`'s leading nibbles, so keys below may still be ≤ `after`. */
  tight: boolean;
}

/** Splits bytes into high/low nibbles. */
export function toNibbles(bytes: Uint8Array): number[] {
  const out = new Array<number>(bytes.length * 2);
  for (let i = 0; i < bytes.length; i++) {
    out[2 * i] = bytes[i] >> 4;
    out[2 * i + 1] = bytes[i] & 0x0f;
  }
  return out;
}

/** Packs an even-length nibble path back into bytes. */
export function fromNibbles(nibbles: readonly number[]): Uint8Array {
  const out = new Uint8Array(nibbles.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = (nibbles[2 * i] << 4) | nibbles[2 * i + 1];
  return out;
}

/**
 * In-order traversal of the trie rooted at `trie.root()`: yields `[key, value]`
 * for keys starting with `prefix` and strictly greater than `after`, sorted by
 * bytes. Subtrees outside the bounds are never loaded, so paging from `after`
 * costs O(depth) node reads to resume.
 */
export async function* walkOrdered(
  trie: MerklePatriciaTrie,
  prefix: Uint8Array,
  after?: Uint8Array,
): AsyncGenerator<[Uint8Array, Uint8Array]> {
  const prefixNibbles = toNibbles(prefix);
  const afterNibbles = after === undefined ? undefined : toNibbles(after);

  // Extends a path by `nibbles`; returns the new bounds, or undefined when the subtree is out of range.
  const extend = (path: number[], nibbles: readonly number[], bounds: Bounds): Bounds | undefined => {
    let { inPrefix, tight } = bounds;
    for (const nibble of nibbles) {
      const depth = path.length;
      if (!inPrefix) {
        if (nibble !== prefixNibbles[depth]) return undefined;
        if (depth + 1 === prefixNibbles.length) inPrefix = true;
      }
      if (tight && afterNibbles !== undefined) {
        if (depth >= afterNibbles.length || nibble > afterNibbles[depth]) tight = false;
        else if (nibble < afterNibbles[depth]) return undefined;
      }
      path.push(nibble);
    }
    return { inPrefix, tight };
  };

  async function* visit(ref: NodeReferenceOrRawMPTNode, path: number[], bounds: Bounds): AsyncGenerator<[Uint8Array, Uint8Array]> {
    const node = await trie.lookupNode(ref);
    if (node instanceof BranchMPTNode) {
      const value = node.value();
      if (value !== null && bounds.inPrefix && !bounds.tight) yield [fromNibbles(path), value];
      for (let nibble = 0; nibble < 16; nibble++) {
        const child = node.getBranch(nibble);
        if (child === null) continue;
        const childPath = path.slice();
        const childBounds = extend(childPath, [nibble], bounds);
        if (childBounds !== undefined) yield* visit(child, childPath, childBounds);
      }
      return;
    }
    const childPath = path.slice();
    const childBounds = extend(childPath, node.key(), bounds);
    if (childBounds === undefined) return;
    if (node instanceof ExtensionMPTNode) {
      yield* visit(node.value(), childPath, childBounds);
    } else if (childBounds.inPrefix && !childBounds.tight) {
      yield [fromNibbles(childPath), node.value()];
    }
  }

  yield* visit(trie.root(), [], { inPrefix: prefixNibbles.length === 0, tight: afterNibbles !== undefined });
}
