/**
 * EIP-712 attestations: the executing node signs
 * `InferenceResult(bytes32 modelHash,bytes32 inputHash,bytes32 outputHash,uint64 blockNumber)` under the domain
 * `{ name: "Inference", version: "1", chainId, verifyingContract: 0x…0a11 }` with a secp256k1 key, so contracts
 * verify it with `ecrecover` (see contracts/examples/Classifier.sol).
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { isReady as wasmReady, secp256k1Sign } from '@polkadot/wasm-crypto';
import { encodeAbi, fixedWord, uintWord } from './abi-encode.ts';
import type { Attester } from './host.ts';
import { keccak256 } from './keccak.ts';

/** The precompile's address, as 20 bytes. */
export const INFERENCE_ADDRESS_BYTES = Uint8Array.from({ length: 20 }, (_, i) => (i === 18 ? 0x0a : i === 19 ? 0x11 : 0));

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const DOMAIN_TYPEHASH = keccak256(text('EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)'));
const RESULT_TYPEHASH = keccak256(text('InferenceResult(bytes32 modelHash,bytes32 inputHash,bytes32 outputHash,uint64 blockNumber)'));

/** The signed fields. */
export interface InferenceResult {
  modelHash: Uint8Array;
  inputHash: Uint8Array;
  outputHash: Uint8Array;
  blockNumber: bigint;
}

const separators = new Map<bigint, Uint8Array>();

/** The EIP-712 domain separator for `chainId`. */
export function domainSeparator(chainId: bigint): Uint8Array {
  const known = separators.get(chainId);
  if (known) return known;
  const separator = keccak256(encodeAbi([fixedWord(DOMAIN_TYPEHASH), fixedWord(keccak256(text('Inference'))), fixedWord(keccak256(text('1'))), uintWord(chainId), fixedWord(INFERENCE_ADDRESS_BYTES)]));
  separators.set(chainId, separator);
  return separator;
}

/** The digest that is signed: keccak256(0x1901 ‖ domainSeparator ‖ hashStruct(result)). */
export function attestationDigest(chainId: bigint, r: InferenceResult): Uint8Array {
  const struct = keccak256(encodeAbi([fixedWord(RESULT_TYPEHASH), fixedWord(r.modelHash), fixedWord(r.inputHash), fixedWord(r.outputHash), uintWord(r.blockNumber)]));
  const msg = new Uint8Array(66);
  msg.set([0x19, 0x01]);
  msg.set(domainSeparator(chainId), 2);
  msg.set(struct, 34);
  return keccak256(msg);
}

/** The 20-byte Ethereum address of a secp256k1 private key. */
export function attesterAddress(privateKey: Uint8Array): Uint8Array {
  return keccak256(secp256k1.getPublicKey(privateKey, false).subarray(1)).slice(12);
}

/**
 * Signs `digest`: 65 bytes r ‖ s ‖ v with v = 27 + recovery id (what `ecrecover` takes). libsecp256k1 in
 * @polkadot/wasm-crypto once it is initialised (0.22 ms against @noble's 1.17 ms here: the signature was most of
 * a small model's precompile call), @noble before; both are RFC 6979 and low-s, so the bytes are the same.
 */
export function signDigest(digest: Uint8Array, privateKey: Uint8Array): Uint8Array {
  const out = new Uint8Array(65);
  if (wasmReady()) {
    const rec = secp256k1Sign(digest, privateKey);
    out.set(rec.subarray(0, 64));
    out[64] = 27 + rec[64]!;
    return out;
  }
  const rec = secp256k1.sign(digest, privateKey, { prehash: false, format: 'recovered' });
  out.set(rec.subarray(1, 65));
  out[64] = 27 + rec[0]!;
  return out;
}

/** An {@link Attester} over a raw 32-byte private key (@noble/curves, RFC 6979 deterministic signatures). */
export function privateKeyAttester(privateKey: Uint8Array): Attester {
  const key = privateKey.slice();
  return { address: attesterAddress(key), sign: (digest) => signDigest(digest, key) };
}

/** The address that signed `digest` (an r ‖ s ‖ v signature), or undefined when it does not recover. */
export function recoverSigner(digest: Uint8Array, signature: Uint8Array): Uint8Array | undefined {
  if (signature.length !== 65 || (signature[64] !== 27 && signature[64] !== 28)) return undefined;
  try {
    const rec = new Uint8Array(65);
    rec[0] = signature[64]! - 27;
    rec.set(signature.subarray(0, 64), 1);
    const pub = secp256k1.recoverPublicKey(rec, digest, { prehash: false });
    return keccak256(secp256k1.Point.fromBytes(pub).toBytes(false).subarray(1)).slice(12);
  } catch {
    return undefined;
  }
}
