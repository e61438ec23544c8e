/**
 * `IInference.Tensor` ⇄ onnxruntime tensors. A tensor is `(uint8 dtype, uint32[] shape, bytes data)` with dtype
 * the ONNX TensorProto.DataType code and data little-endian row-major; the data length must equal
 * prod(shape) × sizeof(dtype) exactly, and BOOL bytes must be 0 or 1.
 */
import * as ort from 'onnxruntime-node';
import { type AbiValue, bytesValue, smallWord } from './abi-encode.ts';
import type { AbiReader } from './abi-reader.ts';

/** A tensor as the ABI carries it. */
export interface AbiTensor {
  dtype: number;
  shape: number[];
  data: Uint8Array;
}

type ElementArray = Float32Array | Float64Array | Uint8Array | Int8Array | Uint16Array | Int16Array | Int32Array | Uint32Array | BigInt64Array | BigUint64Array;

interface DtypeInfo {
  ort: ort.Tensor.Type;
  size: number;
  view: (buffer: ArrayBuffer, length: number) => ElementArray;
}

/** ONNX dtype code → onnxruntime type, element size and typed-array view. BFLOAT16 (16) and strings are not supported. */
export const DTYPES: ReadonlyMap<number, DtypeInfo> = new Map<number, DtypeInfo>([
  [1, { ort: 'float32', size: 4, view: (b, n) => new Float32Array(b, 0, n) }],
  [2, { ort: 'uint8', size: 1, view: (b, n) => new Uint8Array(b, 0, n) }],
  [3, { ort: 'int8', size: 1, view: (b, n) => new Int8Array(b, 0, n) }],
  [4, { ort: 'uint16', size: 2, view: (b, n) => new Uint16Array(b, 0, n) }],
  [5, { ort: 'int16', size: 2, view: (b, n) => new Int16Array(b, 0, n) }],
  [6, { ort: 'int32', size: 4, view: (b, n) => new Int32Array(b, 0, n) }],
  [7, { ort: 'int64', size: 8, view: (b, n) => new BigInt64Array(b, 0, n) }],
  [9, { ort: 'bool', size: 1, view: (b, n) => new Uint8Array(b, 0, n) }],
  [10, { ort: 'float16', size: 2, view: (b, n) => new Uint16Array(b, 0, n) }],
  [11, { ort: 'float64', size: 8, view: (b, n) => new Float64Array(b, 0, n) }],
  [12, { ort: 'uint32', size: 4, view: (b, n) => new Uint32Array(b, 0, n) }],
  [13, { ort: 'uint64', size: 8, view: (b, n) => new BigUint64Array(b, 0, n) }],
]);
const CODE_OF = new Map([...DTYPES].map(([code, d]) => [d.ort, code]));

/** Limits on what one call may pass. */
export const TENSOR_LIMITS = { maxTensors: 16, maxRank: 8, maxBytes: 64 * 1024 * 1024 } as const;

/** Tensor `index` of the call is malformed. */
export class BadTensorError extends Error {
  override readonly name = 'BadTensorError';
  constructor(readonly index: number, reason: string) {
    super(`tensor ${index}: ${reason}`);
  }
}

/** Decodes the `Tensor[]` whose length word is at `at`; structural errors throw `AbiDecodeError`. */
export function readTensors(r: AbiReader, at: number): AbiTensor[] {
  const n = r.length(at, 32);
  if (n > TENSOR_LIMITS.maxTensors) throw new BadTensorError(TENSOR_LIMITS.maxTensors, `more than ${TENSOR_LIMITS.maxTensors} tensors`);
  const head = at + 32;
  return Array.from({ length: n }, (_, i) => {
    const t = r.offset(head + 32 * i, head);
    return { dtype: r.uintN(t, 8), shape: r.uintArray(r.offset(t + 32, t), 32), data: r.bytes(r.offset(t + 64, t)) };
  });
}

/** Checks dtype, rank, size and data length; returns the element count. */
export function checkTensor(t: AbiTensor, index: number): number {
  const d = DTYPES.get(t.dtype);
  if (!d) throw new BadTensorError(index, `unsupported dtype ${t.dtype}`);
  if (t.shape.length > TENSOR_LIMITS.maxRank) throw new BadTensorError(index, `rank ${t.shape.length} > ${TENSOR_LIMITS.maxRank}`);
  const count = t.shape.reduce((a, b) => a * b, 1);
  if (count * d.size > TENSOR_LIMITS.maxBytes) throw new BadTensorError(index, 'too large');
  if (t.data.length !== count * d.size) throw new BadTensorError(index, `data is ${t.data.length} bytes, shape × dtype needs ${count * d.size}`);
  if (t.dtype === 9 && t.data.some((b) => b > 1)) throw new BadTensorError(index, 'bool byte other than 0 or 1');
  return count;
}

/** An onnxruntime tensor over a fresh, aligned copy of the data (calldata views may be unaligned). */
export function toOrtTensor(t: AbiTensor): ort.Tensor {
  const d = DTYPES.get(t.dtype)!;
  const copy = t.data.slice();
  return new ort.Tensor(d.ort, d.view(copy.buffer, copy.length / d.size), t.shape);
}

/** An onnxruntime output as an ABI tensor; throws for types the ABI cannot carry (strings, bfloat16). */
export function fromOrtTensor(t: ort.Tensor): AbiTensor {
  const dtype = CODE_OF.get(t.type);
  const data = t.data;
  if (dtype === undefined || typeof data === 'string' || Array.isArray(data)) throw new Error(`output type ${t.type} is not supported`);
  const view = data as ElementArray;
  // A copy: the output's buffer belongs to onnxruntime's tensor.
  return { dtype, shape: t.dims.map(Number), data: new Uint8Array(view.buffer, view.byteOffset, view.byteLength).slice() };
}

/** The ABI value of a `Tensor[]`. */
export function tensorsValue(ts: readonly AbiTensor[]): AbiValue {
  return {
    kind: 'array',
    items: ts.map((t) => ({
      kind: 'tuple',
      items: [smallWord(t.dtype), { kind: 'array', items: t.shape.map(smallWord) }, bytesValue(t.data)],
    })),
  };
}
