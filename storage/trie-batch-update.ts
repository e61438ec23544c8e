import { blake2_256 } from './hash.ts';
import { type BranchNode, type ExtNode, type LeafNode, type Nib, type Ref, type TrieNode, concatNib, decodeTrieNode, encodeTrieNode, nibbleAt } from './trie-node-codec.ts';
import type { TrieNodeWrite } from './types.ts';

/** A node rebuilt in memory during this update; untouched subtrees stay as {@link Ref}s. */
type Mem = LeafNode | ExtNode<Child> | BranchNode<Child>;
type Child = Ref | Mem;
/** One change: full key (its nibble count is `2 * key.length`) and new value (null = delete). */
interface Entry {
  key: Uint8Array;
  value: Uint8Array | null;
}

/** Loads an encoded node by hash (synchronously when cached); undefined when not stored. */
export type NodeLoader = (hash: Uint8Array) => Uint8Array | undefined | Promise<Uint8Array | undefined>;

/** Thrown (and mapped to `MissingTrieNode` by StateTrie) when a referenced node is not stored. */
export class MissingNodeError extends Error {
  constructor(readonly hash: Uint8Array) {
    super('Missing node in DB');
  }
}

const SINGLE_NIBBLE: Nib[] = Array.from({ length: 16 }, (_, i) => ({ b: Uint8Array.of(i), s: 1, e: 2 }));

/**
 * Applies many changes to the Merkle-Patricia trie at `root` in one pass. Produces the
 * same nodes and root as applying them one by one with @ethereumjs/mpt (property-tested),
 * but loads every touched node once and hashes every new node once, instead of
 * re-walking and re-hashing the root path per key. Returns the new root and exactly
 * the new nodes; writes nothing.
 */
export async function trieBatchUpdate(
  root: Uint8Array,
  emptyRoot: Uint8Array,
  changes: Iterable<readonly [Uint8Array, Uint8Array | null]>,
  load: NodeLoader,
): Promise<{ root: Uint8Array; nodes: TrieNodeWrite[] }> {
  // Later changes to the same key win; an empty value is a delete, as in the MPT.
  const latest = new Map<string, Entry>();
  for (const [key, value] of changes) {
    latest.set(Buffer.from(key.buffer, key.byteOffset, key.byteLength).toString('latin1'), {
      key,
      value: value === null || value.length === 0 ? null : value,
    });
  }
  if (latest.size === 0) return { root, nodes: [] };
  const updater = new BatchUpdater(load);
  const isEmpty = root.length === emptyRoot.length && Buffer.compare(root, emptyRoot) === 0;
  const newRoot = await updater.apply(isEmpty ? null : await updater.resolve(root), [...latest.values()], 0);
  return { root: newRoot === null ? emptyRoot : updater.encode(newRoot, true), nodes: updater.nodes };
}

/** One update's working state (methods rather than closures keep the hot loops allocation-light). */
class BatchUpdater {
  readonly nodes: TrieNodeWrite[] = [];

  constructor(private readonly load: NodeLoader) {}

  async resolve(child: Child): Promise<Mem> {
    if (!(child instanceof Uint8Array)) return child;
    if (child.length < 32) return decodeTrieNode(child);
    const encoded = await this.load(child);
    if (encoded === undefined) throw new MissingNodeError(child);
    return decodeTrieNode(encoded);
  }

  async apply(node: Mem | null, entries: Entry[], d: number): Promise<Mem | null> {
    if (node === null) return build(entries, d);
    if (node.t === 'leaf') {
      // Fold the existing leaf in as one more entry, unless a change overrides its key.
      const key = concatNib({ b: entries[0].key, s: 0, e: d }, node.path).b;
      for (const e of entries) if (Buffer.compare(e.key, key) === 0) return build(entries, d);
      return build([{ key, value: node.value }, ...entries], d);
    }
    if (node.t === 'ext') return this.applyExt(node, entries, d);
    const { groups, value } = bucketize(entries, d);
    const children = node.children.slice();
    const pending: Promise<void>[] = [];
    for (let i = 0; i < 16; i++) if (groups[i].length > 0) pending.push(this.applyChild(children, i, groups[i], d + 1));
    await Promise.all(pending);
    const newValue = value === undefined ? node.value : value.value;
    let live = -1;
    let count = 0;
    for (let i = 0; i < 16; i++) if (children[i] !== null) (live = i), count++;
    if (count === 0) return newValue === null ? null : { t: 'leaf', path: { b: new Uint8Array(), s: 0, e: 0 }, value: newValue };
    if (count === 1 && newValue === null) {
      // A branch needs two entries: merge the lone child into its parent path.
      const only = children[live] as Child;
      return under(SINGLE_NIBBLE[live], await this.resolve(only), only instanceof Uint8Array ? only : undefined);
    }
    return { t: 'branch', children, value: newValue };
  }

  private async applyChild(children: (Child | null)[], i: number, group: Entry[], d: number): Promise<void> {
    const current = children[i];
    children[i] = await this.apply(current === null ? null : await this.resolve(current), group, d);
  }

  private async applyExt(node: ExtNode<Child>, entries: Entry[], d: number): Promise<Mem | null> {
    const { path } = node;
    const plen = path.e - path.s;
    let inside = true;
    for (const e of entries) {
      if (e.key.length * 2 < d + plen) inside = false;
      for (let i = 0; inside && i < plen; i++) if (nibbleAt(e.key, d + i) !== nibbleAt(path.b, path.s + i)) inside = false;
      if (!inside) break;
    }
    if (inside) return under(path, await this.apply(await this.resolve(node.child), entries, d + plen));
    // Some change leaves the shared path: re-express the extension as a branch and retry.
    const children = new Array<Child | null>(16).fill(null);
    const rest: Mem = { t: 'ext', path: { b: path.b, s: path.s + 1, e: path.e }, child: node.child };
    children[nibbleAt(path.b, path.s)] = plen === 1 ? node.child : rest;
    return this.apply({ t: 'branch', children, value: null }, entries, d);
  }

  /** Encodes bottom-up; nodes under 32 bytes are inlined in their parent, the root is always stored by hash. */
  encode(child: Child, top: boolean): Ref {
    if (child instanceof Uint8Array) return child;
    let node: TrieNode<Ref>;
    if (child.t === 'leaf') node = child;
    else if (child.t === 'ext') node = { t: 'ext', path: child.path, child: this.encode(child.child, false) };
    else {
      const children = new Array<Ref | null>(16);
      for (let i = 0; i < 16; i++) {
        const c = child.children[i];
        children[i] = c === null ? null : this.encode(c, false);
      }
      node = { t: 'branch', children, value: child.value };
    }
    const encoded = encodeTrieNode(node);
    if (encoded.length < 32 && !top) return encoded;
    const hash = blake2_256(encoded);
    this.nodes.push({ hash, node: encoded });
    return hash;
  }
}

/** Prepends `prefix` to a subtree, merging paths so the trie stays canonical. */
function under(prefix: Nib, child: Mem | null, keepRef?: Ref): Mem | null {
  if (child === null) return null;
  if (child.t === 'leaf') return { t: 'leaf', path: concatNib(prefix, child.path), value: child.value };
  if (child.t === 'ext') return { t: 'ext', path: concatNib(prefix, child.path), child: child.child };
  return { t: 'ext', path: prefix, child: keepRef ?? child };
}

/** Builds a fresh subtree at depth `d` from the puts among `entries`. */
function build(entries: Entry[], d: number): Mem | null {
  const puts: Entry[] = [];
  for (const e of entries) if (e.value !== null) puts.push(e);
  if (puts.length === 0) return null;
  const first = puts[0];
  if (puts.length === 1) return { t: 'leaf', path: { b: first.key, s: d, e: first.key.length * 2 }, value: first.value as Uint8Array };
  let common = first.key.length * 2 - d;
  for (let k = 1; k < puts.length && common > 0; k++) {
    const limit = Math.min(common, puts[k].key.length * 2 - d);
    let j = 0;
    while (j < limit && nibbleAt(first.key, d + j) === nibbleAt(puts[k].key, d + j)) j++;
    common = j;
  }
  const { groups, value } = bucketize(puts, d + common);
  const children = new Array<Mem | null>(16);
  for (let i = 0; i < 16; i++) children[i] = groups[i].length === 0 ? null : build(groups[i], d + common + 1);
  const branch: Mem = { t: 'branch', children, value: value?.value ?? null };
  return common === 0 ? branch : { t: 'ext', path: { b: first.key, s: d, e: d + common }, child: branch };
}

/** Groups entries by their nibble at depth `d`; an entry ending at `d` is the branch value. */
function bucketize(entries: Entry[], d: number): { groups: Entry[][]; value: Entry | undefined } {
  const groups: Entry[][] = [[], [], [], [], [], [], [], [], [], [], [], [], [], [], [], []];
  let value: Entry | undefined;
  for (const e of entries) {
    if (e.key.length * 2 === d) value = e;
    else groups[nibbleAt(e.key, d)].push(e);
  }
  return { groups, value };
}
