import { createBatchSource } from '../offchain-workers/datasets/batches.ts';
import { seedFromString } from '../offchain-workers/datasets/prng.ts';
const count = 4096; const features = new Uint8Array(count * 784).map((_, i) => i & 255); const labels = new Uint8Array(count).map((_, i) => i % 10);
const src = createBatchSource({ count, featureShape: [28, 28], features, labels, classes: 10 }, seedFromString('x'), 64);
const f32 = new Float32Array(count * 784);
const src2 = createBatchSource({ count, featureShape: [784], features: f32, labels, classes: 10 }, seedFromString('x'), 64);
let b1 = Infinity, b2 = Infinity, b3 = Infinity;
for (let r = 0; r < 30; r++) {
  let t = performance.now(); for (let s = 0; s < 60; s++) src.batch(s); b1 = Math.min(b1, (performance.now() - t) * 1000 / 60);
  t = performance.now(); for (let s = 0; s < 60; s++) src2.batch(s); b2 = Math.min(b2, (performance.now() - t) * 1000 / 60);
  t = performance.now(); for (let s = 0; s < 60; s++) new Float32Array(64 * 784); b3 = Math.min(b3, (performance.now() - t) * 1000 / 60);
}
console.log('uint8 gather µs', b1.toFixed(1), 'f32 gather µs', b2.toFixed(1), 'alloc µs', b3.toFixed(1));
