/**
 * Decoding the precompile's calldata (`IInference.sol`) into typed calls. Structural problems throw
 * `AbiDecodeError` (→ `BadCalldata`), more than `TENSOR_LIMITS.maxTensors` tensors throws `BadTensorError`.
 */
import { AbiDecodeError, AbiReader } from './abi-reader.ts';
import { selector } from './errors.ts';
import { type AbiTensor, readTensors } from './tensor.ts';

/** Function selectors, from the signatures (the tests check them against solc's). */
export const SELECTORS = {
  infer: selector('infer(bytes32,(uint8,uint32[],bytes)[])'),
  inferFixed: selector('inferFixed(bytes32,int256[],uint32[],uint8)'),
  inferPaid: selector('inferPaid(bytes32,(uint8,uint32[],bytes)[])'),
  quote: selector('quote(bytes32,uint256)'),
  modelInfo: selector('modelInfo(bytes32)'),
} as const;

/** A decoded call; `modelId` is the raw bytes32. */
export type InferenceCall =
  | { fn: 'infer' | 'inferPaid'; modelId: Uint8Array; tensors: AbiTensor[] }
  | { fn: 'inferFixed'; modelId: Uint8Array; input: bigint[]; shape: number[]; decimals: number }
  | { fn: 'quote'; modelId: Uint8Array; inputBytes: bigint }
  | { fn: 'modelInfo'; modelId: Uint8Array };

const key = (b: Uint8Array): number => ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
const BY_KEY = new Map(Object.entries(SELECTORS).map(([fn, sel]) => [key(sel), fn as InferenceCall['fn']]));

/** Decodes `data` (selector + arguments). */
export function decodeCall(data: Uint8Array): InferenceCall {
  if (data.length < 4) throw new AbiDecodeError('calldata shorter than a selector');
  const fn = BY_KEY.get(key(data));
  if (!fn) throw new AbiDecodeError('unknown selector');
  // Offsets are relative to the start of the arguments, after the selector.
  const r = new AbiReader(data, data.length);
  const P = 4;
  const modelId = r.word(P).slice();
  switch (fn) {
    case 'infer':
    case 'inferPaid':
      return { fn, modelId, tensors: readTensors(r, r.offset(P + 32, P)) };
    case 'inferFixed':
      return {
        fn,
        modelId,
        input: r.int256Array(r.offset(P + 32, P)),
        shape: r.uintArray(r.offset(P + 64, P), 32),
        decimals: r.uintN(P + 96, 8),
      };
    case 'quote':
      return { fn, modelId, inputBytes: r.uint(P + 32, 256) };
    case 'modelInfo':
      return { fn, modelId };
  }
}

/** The model id as the pallet's u64, or undefined when the bytes32 is above 2^64 − 1. */
export function modelIdOf(modelId: Uint8Array): bigint | undefined {
  if (modelId.subarray(0, 24).some((b) => b !== 0)) return undefined;
  return new DataView(modelId.buffer, modelId.byteOffset + 24, 8).getBigUint64(0);
}
