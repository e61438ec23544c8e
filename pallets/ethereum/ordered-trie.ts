/**
 * The root of Ethereum's ordered trie (key `rlp(index)`, the transactions and receipts roots), computed
 * synchronously: `on_finalize` is a sync hook and @ethereumjs/mpt is async. A plain Merkle-Patricia build over
 * the sorted keys: leaves, extensions and branches, nodes under 32 bytes embedded in their parent.
 */
import { RLP } from '@ethereumjs/rlp';
import { keccak_256 } from '@noble/hashes/sha3.js';

type Node = Uint8Array | Node[];
interface Item {
  key: number[];
  value: Uint8Array;
}

const nibbles = (b: Uint8Array): number[] => [...b].flatMap((x) => [x >> 4, x & 15]);

/** Hex-prefix encoding of a nibble path (yellow paper, appendix C). */
function hexPrefix(path: number[], leaf: boolean): Uint8Array {
  const odd = path.length % 2;
  const flag = (leaf ? 2 : 0) + odd;
  const all = odd ? [flag, ...path] : [flag, 0, ...path];
  const out = new Uint8Array(all.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = (all[2 * i]! << 4) | all[2 * i + 1]!;
  return out;
}

/** A child reference: the node itself when its encoding is under 32 bytes, else its hash. */
function ref(node: Node): Node {
  const enc = RLP.encode(node);
  return enc.length < 32 ? node : keccak_256(enc);
}

function build(items: Item[], depth: number): Node {
  if (items.length === 1) return [hexPrefix(items[0]!.key.slice(depth), true), items[0]!.value];
  let shared = 0;
  const first = items[0]!.key;
  while (depth + shared < first.length && items.every((it) => it.key.length > depth + shared && it.key[depth + shared] === first[depth + shared])) shared++;
  if (shared > 0) return [hexPrefix(first.slice(depth, depth + shared), false), ref(build(items, depth + shared))];
  const branch: Node[] = new Array<Node>(17).fill(new Uint8Array());
  for (let n = 0; n < 16; n++) {
    const group = items.filter((it) => it.key.length > depth && it.key[depth] === n);
    if (group.length > 0) branch[n] = ref(build(group, depth + 1));
  }
  const here = items.find((it) => it.key.length === depth);
  if (here) branch[16] = here.value;
  return branch;
}

/** `keccak(rlp(root node))` of the trie `rlp(i) → values[i]`; the empty trie's root for no values. */
export function orderedTrieRoot(values: Uint8Array[]): Uint8Array {
  if (values.length === 0) return keccak_256(RLP.encode(new Uint8Array()));
  const items = values.map((value, i) => ({ key: nibbles(RLP.encode(i)), value }));
  return keccak_256(RLP.encode(build(items, 0)));
}
