import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedFromString } from './prng.ts';
import { gaussianBlobs } from './synthetic.ts';
import { decodeTds, encodeTds, readTds, type TensorDataset, writeTds } from './tds.ts';

const images: TensorDataset = {
  count: 3,
  featureShape: [2, 3],
  features: Uint8Array.from({ length: 18 }, (_, i) => i * 13),
  labels: Uint8Array.of(2, 0, 1),
  classes: 3,
};
const named: TensorDataset = {
  count: 2,
  featureShape: [1],
  features: Float32Array.of(0.5, -1.25),
  labels: Int32Array.of(299, 0),
  classes: 300,
  classNames: Array.from({ length: 300 }, (_, i) => `c${i}`),
};

describe('TDS format', () => {
  it.each([
    ['uint8 features, uint8 labels', images],
    ['float32 features, int32 labels with names', named],
    ['Gaussian blobs', gaussianBlobs({ count: 100, featureShape: [1, 4, 4], classes: 5, seed: seedFromString('tds') })],
  ])('round-trips %s through bytes and files', async (_name, ds) => {
    const bytes = encodeTds(ds);
    expect(decodeTds(bytes)).toEqual(ds);
    const dir = await mkdtemp(join(tmpdir(), 'tds-'));
    try {
      await writeTds(join(dir, 'd.tds'), ds);
      expect(await readTds(join(dir, 'd.tds'))).toEqual(ds);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('lays the file out as documented: magic, header length, padded JSON, features at a multiple of 8, labels', () => {
    const bytes = encodeTds(images);
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('TDS1');
    const h = new DataView(bytes.buffer).getUint32(4, true);
    expect((8 + h) % 8).toBe(0);
    expect(JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + h)))).toEqual({ count: 3, features: { shape: [2, 3], dtype: 'uint8' }, labels: { dtype: 'uint8', classes: 3 } });
    expect(Array.from(bytes.subarray(8 + h + 18))).toEqual([2, 0, 1]);
    expect(bytes.length).toBe(8 + h + 18 + 3);
  });

  const good = encodeTds(images);
  const headerEnd = 8 + new DataView(good.buffer).getUint32(4, true);
  const withHeader = (json: string): Uint8Array => {
    const text = new TextEncoder().encode(json);
    const out = new Uint8Array(8 + text.length + good.length - headerEnd);
    out.set(good.subarray(0, 4));
    new DataView(out.buffer).setUint32(4, text.length, true);
    out.set(text, 8);
    out.set(good.subarray(headerEnd), 8 + text.length);
    return out;
  };

  it.each([
    ['a wrong magic', Uint8Array.of(0x54, 0x44, 0x53, 0x32, 0, 0, 0, 0), 'BadHeader', /missing "TDS1" magic/],
    ['a header longer than the file', Uint8Array.of(0x54, 0x44, 0x53, 0x31, 255, 0, 0, 0), 'BadHeader', /runs past the end/],
    ['a header that is not JSON', withHeader('{count: 3}'), 'BadHeader', /header is not valid/],
    ['an unknown dtype', withHeader('{"count":3,"features":{"shape":[2,3],"dtype":"float16"},"labels":{"dtype":"uint8","classes":3}}'), 'BadHeader', /features\.dtype/],
    ['a truncated file', good.subarray(0, good.length - 1), 'BadData', /header describes/],
    ['trailing bytes', Uint8Array.of(...good, 0), 'BadData', /header describes/],
    ['a shape that does not match the data', withHeader('{"count":3,"features":{"shape":[2,2],"dtype":"uint8"},"labels":{"dtype":"uint8","classes":3}}'), 'BadData', /header describes/],
    ['a label outside the classes', withHeader('{"count":3,"features":{"shape":[2,3],"dtype":"uint8"},"labels":{"dtype":"uint8","classes":2}}'), 'BadData', /label 2 of example 0 is outside \[0, 2\)/],
  ])('rejects %s', (_name, bytes, code, message) => {
    expect(() => decodeTds(bytes)).toThrow(expect.objectContaining({ code, message: expect.stringMatching(message) }));
  });

  it('refuses to write NaN features or a feature array of the wrong size', () => {
    expect(() => encodeTds({ ...named, features: Float32Array.of(1, NaN) })).toThrow(expect.objectContaining({ code: 'BadData', message: expect.stringMatching(/example 1 is NaN/) }));
    expect(() => encodeTds({ ...images, featureShape: [2, 2] })).toThrow(expect.objectContaining({ code: 'ShapeMismatch' }));
  });
});
