/**
 * IDX (the MNIST file format) → dataset. An IDX file is: two zero bytes, a type byte (0x08 u8, 0x09 i8,
 * 0x0B i16, 0x0C i32, 0x0D f32, 0x0E f64), the number of dimensions, each dimension as a big-endian u32,
 * then the data, big-endian, row-major. Gzipped files (`.gz`, as MNIST is distributed) are inflated first.
 * u8 images stay uint8 (fed to graphs as v/255); any other type becomes float32.
 */
import { gunzipSync } from 'node:zlib';
import { DatasetError } from './errors.ts';
import type { TensorDataset } from './tds.ts';

/** A parsed IDX array. */
export interface IdxArray {
  dims: number[];
  data: Uint8Array | Float32Array | Int32Array;
}

const TYPES: Readonly<Record<number, { size: number; read: (v: DataView, at: number) => number }>> = {
  0x08: { size: 1, read: (v, at) => v.getUint8(at) },
  0x09: { size: 1, read: (v, at) => v.getInt8(at) },
  0x0b: { size: 2, read: (v, at) => v.getInt16(at) },
  0x0c: { size: 4, read: (v, at) => v.getInt32(at) },
  0x0d: { size: 4, read: (v, at) => v.getFloat32(at) },
  0x0e: { size: 8, read: (v, at) => v.getFloat64(at) },
};

const fail = (what: string, message: string): DatasetError => new DatasetError('BadIdx', `${what}: ${message}`);

/** Parses one IDX file (gzipped or not); `what` names it in errors. */
export function parseIdx(input: Uint8Array, what = 'IDX file'): IdxArray {
  let bytes = input;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = new Uint8Array(gunzipSync(bytes));
    } catch (e) {
      throw fail(what, `gzip data is corrupt (${(e as Error).message})`);
    }
  }
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) throw fail(what, 'not an IDX file (it must start with two zero bytes)');
  const type = TYPES[bytes[2]!];
  if (type === undefined) throw fail(what, `unknown IDX data type 0x${bytes[2]!.toString(16)}`);
  const rank = bytes[3]!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (rank === 0 || bytes.length < 4 + 4 * rank) throw fail(what, `header is truncated or has no dimensions`);
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i));
  const count = dims.reduce((a, b) => a * b, 1);
  const start = 4 + 4 * rank;
  if (bytes.length !== start + count * type.size) {
    throw fail(what, `dimensions [${dims}] need ${start + count * type.size} bytes, the file has ${bytes.length}`);
  }
  if (bytes[2] === 0x08) return { dims, data: bytes.slice(start) };
  const data = bytes[2] === 0x0d || bytes[2] === 0x0e ? new Float32Array(count) : new Int32Array(count);
  for (let i = 0; i < count; i++) data[i] = type.read(view, start + i * type.size);
  return { dims, data };
}

/** Converts an images file `[N, …]` and a labels file `[N]` to a dataset; `classes` defaults to max label + 1. */
export function idxToDataset(images: Uint8Array, labels: Uint8Array, options: { classes?: number } = {}): TensorDataset {
  const img = parseIdx(images, 'images');
  const lab = parseIdx(labels, 'labels');
  if (img.dims.length < 2) throw new DatasetError('ShapeMismatch', `images must be [N, …], got [${img.dims}]`);
  if (lab.dims.length !== 1 || lab.data instanceof Float32Array) throw new DatasetError('ShapeMismatch', `labels must be a 1-D integer array, got [${lab.dims}]`);
  const count = img.dims[0]!;
  if (lab.dims[0] !== count) throw new DatasetError('ShapeMismatch', `${count} images but ${lab.dims[0]} labels`);
  const ids = Array.from(lab.data);
  const min = ids.reduce((a, b) => Math.min(a, b), 0);
  const max = ids.reduce((a, b) => Math.max(a, b), 0);
  if (min < 0) throw new DatasetError('BadData', `labels must be non-negative, found ${min}`);
  const classes = options.classes ?? max + 1;
  const features = img.data instanceof Uint8Array ? img.data : Float32Array.from(img.data);
  return {
    count,
    featureShape: img.dims.slice(1),
    features,
    labels: classes <= 256 ? Uint8Array.from(ids) : Int32Array.from(ids),
    classes,
  };
}
