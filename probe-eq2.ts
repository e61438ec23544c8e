import { createMPT } from '@ethereumjs/mpt';
import { blake2_256 } from './storage/hash.ts';
const a = await createMPT({ useKeyHashingFunction: blake2_256 });
await a.put(new Uint8Array([]), Uint8Array.of(5)); await a.put(Uint8Array.of(1), Uint8Array.of(6));
console.log(await a.get(new Uint8Array([])), await a.get(Uint8Array.of(1)));
