/**
 * TDS, the tensor dataset format: one file holding N labelled examples for classification.
 *
 *   offset 0   4 bytes   magic "TDS1" (ASCII)
 *   offset 4   u32 LE    H, the byte length of the header
 *   offset 8   H bytes   header, UTF-8 JSON, padded with spaces so that the features start at a multiple of 8:
 *                        { "count": N, "features": { "shape": [d1, …], "dtype": "float32" | "uint8" },
 *                          "labels": { "dtype": "uint8" | "int32", "classes": C, "names"?: [C strings] } }
 *   offset 8+H           features: N·d1·d2·… elements of dtype, row-major, little-endian
 *   then                 labels: N elements of the label dtype, little-endian, each in [0, C)
 *
 * Nothing follows the labels; a file of any other length is rejected. Float features must be finite.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { DatasetError } from './errors.ts';

/** A dataset held in memory, in the shape of the file. */
export interface TensorDataset {
  count: number;
  /** Shape of one example, e.g. `[28, 28]` or `[4]`. */
  featureShape: number[];
  features: Float32Array | Uint8Array;
  labels: Uint8Array | Int32Array;
  classes: number;
  /** Class names when the source had them (CSV string labels), index = class id. */
  classNames?: string[];
}

const MAGIC = 'TDS1';
const Header = z.strictObject({
  count: z.number().int().nonnegative(),
  features: z.strictObject({ shape: z.array(z.number().int().positive()).min(1), dtype: z.enum(['float32', 'uint8']) }),
  labels: z.strictObject({ dtype: z.enum(['uint8', 'int32']), classes: z.number().int().positive(), names: z.array(z.string()).optional() }),
});

const perExample = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);
const bytesOf = (a: ArrayBufferView): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** Checks counts, sizes, label range and finiteness; throws {@link DatasetError} on the first problem. */
export function validateDataset(ds: TensorDataset): void {
  const per = perExample(ds.featureShape);
  if (ds.features.length !== ds.count * per) throw new DatasetError('ShapeMismatch', `features hold ${ds.features.length} values, but ${ds.count} examples of shape [${ds.featureShape}] need ${ds.count * per}`);
  if (ds.labels.length !== ds.count) throw new DatasetError('ShapeMismatch', `${ds.labels.length} labels for ${ds.count} examples`);
  if (ds.labels instanceof Uint8Array && ds.classes > 256) throw new DatasetError('BadData', `uint8 labels cannot hold ${ds.classes} classes`);
  if (ds.classNames !== undefined && ds.classNames.length !== ds.classes) throw new DatasetError('BadData', `${ds.classNames.length} class names for ${ds.classes} classes`);
  const bad = ds.labels.findIndex((l) => l < 0 || l >= ds.classes);
  if (bad >= 0) throw new DatasetError('BadData', `label ${ds.labels[bad]} of example ${bad} is outside [0, ${ds.classes})`);
  if (ds.features instanceof Float32Array) {
    const i = ds.features.findIndex((v) => !Number.isFinite(v));
    if (i >= 0) throw new DatasetError('BadData', `feature ${i % per} of example ${Math.floor(i / per)} is ${ds.features[i]}`);
  }
}

/** Serializes a dataset (validated first) to TDS bytes. */
export function encodeTds(ds: TensorDataset): Uint8Array {
  validateDataset(ds);
  const header = {
    count: ds.count,
    features: { shape: ds.featureShape, dtype: ds.features instanceof Float32Array ? 'float32' : 'uint8' },
    labels: { dtype: ds.labels instanceof Uint8Array ? 'uint8' : 'int32', classes: ds.classes, ...(ds.classNames ? { names: ds.classNames } : {}) },
  };
  const text = JSON.stringify(header);
  const length = new TextEncoder().encode(text).length;
  // Trailing spaces are JSON whitespace: they align the feature array without a separate padding field.
  const json = new TextEncoder().encode(text + ' '.repeat((8 - ((8 + length) % 8)) % 8));
  const out = new Uint8Array(8 + json.length + ds.features.byteLength + ds.labels.byteLength);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(4, json.length, true);
  out.set(json, 8);
  out.set(bytesOf(ds.features), 8 + json.length);
  out.set(bytesOf(ds.labels), 8 + json.length + ds.features.byteLength);
  return out;
}

/** Parses and validates TDS bytes; the arrays are copies, so `bytes` may be reused. */
export function decodeTds(bytes: Uint8Array): TensorDataset {
  if (bytes.length < 8 || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC) throw new DatasetError('BadHeader', 'not a TDS dataset (missing "TDS1" magic)');
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
  if (8 + headerLength > bytes.length) throw new DatasetError('BadHeader', `header length ${headerLength} runs past the end of the file`);
  let parsed: z.infer<typeof Header>;
  try {
    parsed = Header.parse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLength))));
  } catch (e) {
    throw new DatasetError('BadHeader', `TDS header is not valid: ${e instanceof z.ZodError ? (e.issues[0]?.path.join('.') ?? '') + ' ' + e.issues[0]?.message : (e as Error).message}`);
  }
  const { count, features: f, labels: l } = parsed;
  const featureBytes = count * perExample(f.shape) * (f.dtype === 'float32' ? 4 : 1);
  const labelBytes = count * (l.dtype === 'int32' ? 4 : 1);
  const expected = 8 + headerLength + featureBytes + labelBytes;
  if (bytes.length !== expected) throw new DatasetError('BadData', `TDS file is ${bytes.length} bytes, but its header describes ${expected}`);
  const start = bytes.byteOffset + 8 + headerLength;
  // slice() copies into a fresh, aligned buffer: views straight into `bytes` could be misaligned for 4-byte types.
  const raw = (offset: number, length: number): ArrayBuffer => bytes.buffer.slice(start + offset, start + offset + length) as ArrayBuffer;
  const ds: TensorDataset = {
    count,
    featureShape: f.shape,
    features: f.dtype === 'float32' ? new Float32Array(raw(0, featureBytes)) : new Uint8Array(raw(0, featureBytes)),
    labels: l.dtype === 'int32' ? new Int32Array(raw(featureBytes, labelBytes)) : new Uint8Array(raw(featureBytes, labelBytes)),
    classes: l.classes,
    ...(l.names ? { classNames: l.names } : {}),
  };
  validateDataset(ds);
  return ds;
}

/** Writes `ds` to `path` as TDS; returns the bytes written. */
export async function writeTds(path: string, ds: TensorDataset): Promise<Uint8Array> {
  const bytes = encodeTds(ds);
  await writeFile(path, bytes);
  return bytes;
}

/** Reads and validates a TDS file. */
export async function readTds(path: string): Promise<TensorDataset> {
  return decodeTds(new Uint8Array(await readFile(path)));
}
