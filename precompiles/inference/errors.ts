/**
 * The precompile's typed errors (`IInference.sol`), ABI-encoded as revert data: a 4-byte selector
 * `keccak256("Name(types)")[0..4]` followed by the arguments.
 */
import { type AbiValue, bytesValue, encodeAbi, fixedWord, uintWord } from './abi-encode.ts';
import { keccak256 } from './keccak.ts';

/** The 4-byte selector of a function or error signature. */
export function selector(signature: string): Uint8Array {
  return keccak256(new TextEncoder().encode(signature)).slice(0, 4);
}

const S = {
  ModelNotFound: selector('ModelNotFound(bytes32)'),
  AccessDenied: selector('AccessDenied(bytes32,address)'),
  BadTensor: selector('BadTensor(uint256)'),
  BadCalldata: selector('BadCalldata()'),
  BadCallContext: selector('BadCallContext()'),
  NotForSale: selector('NotForSale(bytes32)'),
  InsufficientPayment: selector('InsufficientPayment(bytes32,uint256)'),
  ModelFailed: selector('ModelFailed(bytes32,string)'),
  InferenceMismatch: selector('InferenceMismatch(bytes32,bytes32)'),
};

const encode = (sel: Uint8Array, args: AbiValue[]): Uint8Array => encodeAbi(args, sel);

/** Encoders of each error's revert data. */
export const InferenceErrors = {
  selectors: S,
  modelNotFound: (modelId: Uint8Array) => encode(S.ModelNotFound, [fixedWord(modelId)]),
  accessDenied: (modelId: Uint8Array, caller: Uint8Array) => encode(S.AccessDenied, [fixedWord(modelId), fixedWord(caller)]),
  badTensor: (index: number) => encode(S.BadTensor, [uintWord(BigInt(index))]),
  badCalldata: () => encode(S.BadCalldata, []),
  badCallContext: () => encode(S.BadCallContext, []),
  notForSale: (modelId: Uint8Array) => encode(S.NotForSale, [fixedWord(modelId)]),
  insufficientPayment: (modelId: Uint8Array, price: bigint) => encode(S.InsufficientPayment, [fixedWord(modelId), uintWord(price)]),
  modelFailed: (modelId: Uint8Array, reason: string) => encode(S.ModelFailed, [fixedWord(modelId), bytesValue(new TextEncoder().encode(reason.slice(0, 256)))]),
  inferenceMismatch: (modelHash: Uint8Array, inputHash: Uint8Array) => encode(S.InferenceMismatch, [fixedWord(modelHash), fixedWord(inputHash)]),
} as const;
