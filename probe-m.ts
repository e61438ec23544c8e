import { merkleRoot, merkleProof } from './storage/merkle.ts';
const u = (s: string) => new TextEncoder().encode(s);
const h = (b: Uint8Array) => Buffer.from(b).toString('hex');
for (const items of [['a'], ['a','b'], ['a','b','c'], ['a','b','c','d','e']]) console.log(items.join(''), h(merkleRoot(items.map(u))));
console.log(merkleProof(['a','b','c','d','e'].map(u), 4).map(h));
