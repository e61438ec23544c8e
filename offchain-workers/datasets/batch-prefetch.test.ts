import { describe, expect, it } from 'vitest';
import { BatchPrefetcher } from './batch-prefetch.ts';
import { createBatchSource } from './batches.ts';
import { seedFromString } from './prng.ts';
import { gaussianBlobs } from './synthetic.ts';
import type { TensorDataset } from './tds.ts';

const seed = seedFromString('prefetch');
const images: TensorDataset = {
  count: 50,
  featureShape: [3, 3],
  features: Uint8Array.from({ length: 450 }, (_, i) => (i * 31) % 256),
  labels: Uint8Array.from({ length: 50 }, (_, i) => i % 4),
  classes: 4,
};

describe('BatchPrefetcher', () => {
  it.each([
    ['uint8 images', 'worker', images],
    ['float32 blobs', 'worker', gaussianBlobs({ count: 40, featureShape: [5], classes: 3, seed })],
    ['uint8 images', 'auto', images],
  ] as const)('serves exactly the batches of createBatchSource, across epochs and out of order (%s, %s thread)', async (_name, thread, ds) => {
    const local = createBatchSource(ds, seed, 8);
    const prefetcher = await BatchPrefetcher.start(ds, seed, 8, 8, thread);
    try {
      for (const step of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 31, 2]) expect(await prefetcher.batch(step)).toEqual(local.batch(step));
    } finally {
      await prefetcher.close();
    }
  });

  it('keeps a chunk ahead of a forward walk, whatever the chunk size', async () => {
    const local = createBatchSource(images, seed, 8);
    for (const chunk of [1, 3]) {
      const prefetcher = await BatchPrefetcher.start(images, seed, 8, chunk, 'worker');
      try {
        for (let step = 0; step < 40; step++) expect(await prefetcher.batch(step)).toEqual(local.batch(step));
        expect(await prefetcher.batch(5)).toEqual(local.batch(5)); // and a jump back
      } finally {
        await prefetcher.close();
      }
    }
  });

  it('falls back to the calling thread after the worker is gone', async () => {
    const prefetcher = await BatchPrefetcher.start(images, seed, 8, 8, 'worker');
    await prefetcher.close();
    expect(await prefetcher.batch(3)).toEqual(createBatchSource(images, seed, 8).batch(3));
  });
});
