import { describe, expect, it } from 'vitest';
import { createBatchSource, epochOrder } from './batches.ts';
import { chacha20Block, SeededStream, seedFromString } from './prng.ts';
import type { TensorDataset } from './tds.ts';

const seedA = seedFromString('0x' + '11'.repeat(32));
const seedB = seedFromString('0x' + '12'.repeat(32));

describe('seeded stream', () => {
  it('ChaCha20 block function matches RFC 8439 §2.3.2', () => {
    const key = Uint32Array.from({ length: 8 }, (_, i) => new DataView(Uint8Array.from({ length: 4 }, (_, j) => 4 * i + j).buffer).getUint32(0, true));
    const block = chacha20Block(key, 1, Uint32Array.of(0x09000000, 0x4a000000, 0));
    expect(Buffer.from(block.buffer).toString('hex')).toBe(
      '10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4ed2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e',
    );
  });

  it('is reproducible, separated by domain, unbiased enough and float32-exact', () => {
    const a = Array.from({ length: 40 }, ((s) => () => s.nextU32())(new SeededStream(seedA, 'd')));
    expect(Array.from({ length: 40 }, ((s) => () => s.nextU32())(new SeededStream(seedA, 'd')))).toEqual(a);
    expect(new SeededStream(seedA, 'e').nextU32()).not.toBe(a[0]);
    const s = new SeededStream(seedA, 'hist');
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[s.below(3)]!++;
    counts.forEach((c) => expect(Math.abs(c - 10_000)).toBeLessThan(500));
    for (let i = 0; i < 1000; i++) {
      const u = s.symmetricUniform();
      expect(Math.fround(u)).toBe(u);
      expect(u >= -1 && u < 1).toBe(true);
    }
  });

  it('takes 0x-hex seeds verbatim and hashes anything else', () => {
    expect(Buffer.from(seedA).toString('hex')).toBe('11'.repeat(32));
    expect(seedFromString('42')).toHaveLength(32);
    expect(seedFromString('42')).not.toEqual(seedFromString('43'));
    expect(() => new SeededStream(new Uint8Array(16), 'x')).toThrow(/32 bytes/);
  });
});

describe('batch order', () => {
  const ds: TensorDataset = {
    count: 10,
    featureShape: [2],
    features: Uint8Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? i / 2 : 255)),
    labels: Uint8Array.from({ length: 10 }, (_, i) => i % 3),
    classes: 3,
  };

  it('same seed → same order; different seed or epoch → different order; each epoch is a permutation', () => {
    const order = epochOrder(seedA, 0, 1000);
    expect(epochOrder(seedA, 0, 1000)).toEqual(order);
    expect(epochOrder(seedB, 0, 1000)).not.toEqual(order);
    expect(epochOrder(seedA, 1, 1000)).not.toEqual(order);
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it('slices each epoch into full batches, drops the tail, and rebuilds any step on its own', () => {
    const source = createBatchSource(ds, seedA, 3);
    expect(source.stepsPerEpoch).toBe(3);
    const epoch0 = [0, 1, 2].flatMap((s) => [...source.indices(s)]);
    expect(new Set(epoch0).size).toBe(9);
    expect(epoch0).toEqual([...epochOrder(seedA, 0, 10).subarray(0, 9)]);
    expect([...source.indices(4)]).toEqual([...epochOrder(seedA, 1, 10).subarray(3, 6)]);
    const fresh = createBatchSource(ds, seedA, 3);
    expect(fresh.batch(4)).toEqual(source.batch(4));
  });

  it('feeds uint8 features as v/255 and labels as int64', () => {
    const source = createBatchSource(ds, seedA, 3);
    const rows = [...source.indices(0)];
    const { x, y } = source.batch(0);
    expect(Array.from(x)).toEqual(rows.flatMap((r) => [Math.fround(r / 255), 1]));
    expect(Array.from(y)).toEqual(rows.map((r) => BigInt(r % 3)));
  });

  it('refuses a dataset smaller than one batch', () => {
    expect(() => createBatchSource(ds, seedA, 11)).toThrow(expect.objectContaining({ code: 'ShapeMismatch' }));
  });
});
