import { createMPT } from '@ethereumjs/mpt';
import fc from 'fast-check';
import { trieBatchUpdate } from './storage/trie-batch-update.ts';
import { blake2_256 } from './storage/hash.ts';
import { StateTrie } from './storage/state-trie.ts';
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const keyArb = fc.oneof(fc.uint8Array({ minLength: 1, maxLength: 3 }).map(k => Uint8Array.from(k, x => x % 4)), fc.uint8Array({ minLength: 1, maxLength: 40 }));
const valArb = fc.option(fc.oneof(fc.uint8Array({ minLength: 1, maxLength: 3 }), fc.uint8Array({ minLength: 1, maxLength: 80 })), { nil: null, freq: 3 });
const batches = fc.array(fc.array(fc.tuple(keyArb, valArb), { maxLength: 30 }), { minLength: 1, maxLength: 5 });
await fc.assert(fc.asyncProperty(batches, async (bs) => {
  const ref = await createMPT({ useKeyHashingFunction: blake2_256 });
  const store = new Map<string, Uint8Array>();
  let root = StateTrie.emptyRoot;
  for (const b of bs) {
    for (const [k, v] of b) { if (v === null) await ref.del(k); else await ref.put(k, v); }
    const r = await trieBatchUpdate(root, StateTrie.emptyRoot, b, (h) => store.get(hex(h)));
    for (const n of r.nodes) store.set(hex(n.hash), n.node);
    root = r.root;
    if (hex(root) !== hex(ref.root())) throw new Error(`root mismatch ${hex(root)} vs ${hex(ref.root())}`);
  }
}), { numRuns: 3000 });
console.log('ok');
