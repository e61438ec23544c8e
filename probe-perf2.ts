import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { ChainDb } from './storage/chain-db.ts';
import { StateTrie } from './storage/state-trie.ts';
const path = '/tmp/probe/perfdb2'; rmSync(path, { recursive: true, force: true });
const db = await ChainDb.open(path);
const trie = new StateTrie(db);
const gen = (n: number) => { const buf = randomBytes(n * 128); return Array.from({ length: n }, (_, i) => [buf.subarray(i * 128, i * 128 + 48), buf.subarray(i * 128 + 48, i * 128 + 128)] as const); };
let t = performance.now();
let { root } = await trie.applyChanges(StateTrie.emptyRoot, gen(100_000));
console.log('100k build ms', performance.now() - t);
for (const n of [2000, 20000, 2000, 20000]) {
  const ch = gen(n);
  (globalThis as { gc?: () => void }).gc?.();
  t = performance.now(); const c0 = process.cpuUsage();
  const r = await trie.applyChanges(root, ch);
  const ms = performance.now() - t; const cu = process.cpuUsage(c0); console.log('cpu ms', (cu.user + cu.system) / 1000);
  console.log(n, 'ms', ms.toFixed(0), 'keys/s', (n / ms * 1000).toFixed(0), 'nodes', r.nodes.length);
}
await db.close();
