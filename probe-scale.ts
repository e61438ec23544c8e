import { randomBytes } from 'node:crypto';
import { trieBatchUpdate } from './storage/trie-batch-update.ts';
import { initHashing } from './storage/hash.ts';
import { StateTrie } from './storage/state-trie.ts';
await initHashing();
const gen = (n: number) => { const buf = randomBytes(n * 128); return Array.from({ length: n }, (_, i) => [buf.subarray(i * 128, i * 128 + 48), buf.subarray(i * 128 + 48, i * 128 + 128)] as const); };
for (const n of [20000, 50000, 100000, 20000]) {
  const ch = gen(n);
  const t = performance.now();
  const r = await trieBatchUpdate(StateTrie.emptyRoot, StateTrie.emptyRoot, ch, () => undefined);
  console.log(n, (performance.now() - t).toFixed(0), r.nodes.length);
}
import { LruCache } from './storage/lru-cache.ts';
{
  const ch = gen(100000);
  let t = performance.now();
  const r = await trieBatchUpdate(StateTrie.emptyRoot, StateTrie.emptyRoot, ch, () => undefined);
  console.log('upd', performance.now() - t);
  t = performance.now();
  const c = new LruCache(128 << 20);
  for (const { hash, node } of r.nodes) c.set(Buffer.from(hash.buffer, hash.byteOffset, hash.byteLength).toString('hex'), node);
  console.log('lru', performance.now() - t);
  const ch2 = gen(20000);
  t = performance.now();
  const r2 = await trieBatchUpdate(r.root, StateTrie.emptyRoot, ch2, (h) => c.get(Buffer.from(h.buffer, h.byteOffset, h.byteLength).toString('hex')));
  console.log('upd20k', performance.now() - t, r2.nodes.length);
}
