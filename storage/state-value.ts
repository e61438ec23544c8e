/**
 * How runtime storage values sit in the state trie: one leading byte, then the SCALE value. A Merkle-Patricia
 * trie cannot hold an empty value (it means "delete"), but FRAME storage can (`StorageMap<K, ()>` index entries);
 * the prefix keeps those entries, and leaves room to version the value encoding later.
 */
const VALUE_V0 = 0x00;

export function toTrieValue(value: Uint8Array): Uint8Array {
  const out = new Uint8Array(value.length + 1);
  out[0] = VALUE_V0;
  out.set(value, 1);
  return out;
}

export function fromTrieValue(stored: Uint8Array): Uint8Array {
  if (stored[0] !== VALUE_V0) throw new Error(`unknown state value encoding 0x${(stored[0] ?? 0).toString(16)}`);
  return stored.subarray(1);
}
