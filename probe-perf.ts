import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { ChainDb } from './storage/chain-db.ts';
import { StateTrie } from './storage/state-trie.ts';
const path = '/tmp/probe/perfdb'; rmSync(path, { recursive: true, force: true });
const db = await ChainDb.open(path);
const trie = new StateTrie(db);
const gen = (n: number) => Array.from({ length: n }, () => [randomBytes(48), randomBytes(80)] as const);
let t = performance.now();
let { root, nodes } = await trie.applyChanges(StateTrie.emptyRoot, gen(100_000));
console.log('100k build ms', performance.now() - t, 'nodes', nodes.length);
t = performance.now();
await db.commitBlock({ hash: randomBytes(32), number: 0, header: new Uint8Array(10), body: [], nodes, best: true, finalized: false });
console.log('commit ms', performance.now() - t);
for (const n of [2000, 20000]) {
  const ch = gen(n);
  t = performance.now();
  const r = await trie.applyChanges(root, ch);
  const ms = performance.now() - t;
  console.log(n, 'ms', ms.toFixed(0), 'keys/s', (n / ms * 1000).toFixed(0), 'nodes', r.nodes.length);
}
console.log(trie.store.cache.counters);
await db.close();
