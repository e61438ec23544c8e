import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { idxToDataset, parseIdx } from './idx.ts';

/** Writes an IDX file the way the MNIST files are laid out (big-endian header and data). */
function idx(type: number, dims: number[], values: number[]): Uint8Array {
  const size = { 0x08: 1, 0x0b: 2, 0x0c: 4, 0x0d: 4 }[type]!;
  const out = new Uint8Array(4 + 4 * dims.length + values.length * size);
  const view = new DataView(out.buffer);
  out.set([0, 0, type, dims.length]);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  const at = 4 + 4 * dims.length;
  values.forEach((v, i) => {
    if (type === 0x08) view.setUint8(at + i, v);
    else if (type === 0x0b) view.setInt16(at + 2 * i, v);
    else if (type === 0x0c) view.setInt32(at + 4 * i, v);
    else view.setFloat32(at + 4 * i, v);
  });
  return out;
}

const pixels = Array.from({ length: 3 * 2 * 2 }, (_, i) => (i * 37) % 256);
const images = idx(0x08, [3, 2, 2], pixels);
const labels = idx(0x08, [3], [7, 0, 9]);

describe('IDX (MNIST format) → TDS', () => {
  it('keeps u8 images as uint8 and infers 10 classes from the labels', () => {
    expect(idxToDataset(images, labels)).toEqual({ count: 3, featureShape: [2, 2], features: Uint8Array.from(pixels), labels: Uint8Array.of(7, 0, 9), classes: 10 });
  });

  it('reads gzipped files, as MNIST is distributed', () => {
    expect(idxToDataset(gzipSync(images), gzipSync(labels))).toEqual(idxToDataset(images, labels));
  });

  it('converts big-endian float and int16 data to float32', () => {
    expect(parseIdx(idx(0x0d, [2], [1.5, -2]))).toEqual({ dims: [2], data: Float32Array.of(1.5, -2) });
    expect(idxToDataset(idx(0x0b, [2, 1], [-300, 12]), idx(0x08, [2], [0, 1])).features).toEqual(Float32Array.of(-300, 12));
  });

  it.each([
    ['a file without the zero prefix', () => idxToDataset(Uint8Array.of(1, 0, 8, 1, 0, 0, 0, 0), labels), 'BadIdx', /images: not an IDX file/],
    ['an unknown type byte', () => idxToDataset(Uint8Array.of(0, 0, 0x0a, 1, 0, 0, 0, 0), labels), 'BadIdx', /unknown IDX data type 0xa/],
    ['a truncated data section', () => idxToDataset(images.subarray(0, images.length - 1), labels), 'BadIdx', /dimensions \[3,2,2\] need 28 bytes, the file has 27/],
    ['corrupt gzip', () => idxToDataset(Uint8Array.of(0x1f, 0x8b, 1, 2, 3), labels), 'BadIdx', /gzip data is corrupt/],
    ['a count mismatch', () => idxToDataset(images, idx(0x08, [2], [1, 2])), 'ShapeMismatch', /3 images but 2 labels/],
    ['2-D labels', () => idxToDataset(images, idx(0x08, [3, 1], [1, 2, 3])), 'ShapeMismatch', /labels must be a 1-D integer array/],
    ['1-D images', () => idxToDataset(idx(0x08, [3], [1, 2, 3]), labels), 'ShapeMismatch', /images must be \[N, …\]/],
    ['negative labels', () => idxToDataset(images, idx(0x0c, [3], [1, -1, 0])), 'BadData', /labels must be non-negative/],
  ])('rejects %s', (_name, run, code, message) => {
    expect(run).toThrow(expect.objectContaining({ code, message: expect.stringMatching(message) }));
  });
});
