/**
 * The last step of an inference call: check the result against the block's inference log, sign it (record
 * mode) or take the author's signature (replay mode), and build the attestation.
 */
import { type AbiValue, bytesValue, fixedWord, uintWord } from './abi-encode.ts';
import { attestationDigest, recoverSigner } from './attestation.ts';
import type { InferenceHost, InferenceKey } from './host.ts';

/** The attestation fields, as returned. */
export interface Attestation extends InferenceKey {
  outputHash: Uint8Array;
  provider: Uint8Array;
  blockNumber: bigint;
  signature: Uint8Array;
}

const equal = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * The attestation for `outputs` (ABI-encoded, hashing to `outputHash`), or undefined when the log disagrees:
 * in replay, no record for the key, different output bytes, or a signature that does not recover to its
 * provider; in record, an earlier call of the same block with the same key that produced different bytes.
 */
export function settle(host: InferenceHost, key: InferenceKey, outputs: Uint8Array, outputHash: Uint8Array): Attestation | undefined {
  const { log, blockNumber, chainId } = host;
  const recorded = log.get(key);
  const digest = (): Uint8Array => attestationDigest(chainId, { ...key, outputHash, blockNumber });
  if (recorded && !equal(recorded.outputs, outputs)) return undefined;
  if (log.mode === 'replay') {
    if (!recorded) return undefined;
    const signer = recoverSigner(digest(), recorded.signature);
    if (!signer || !equal(signer, recorded.provider)) return undefined;
    return { ...key, outputHash, provider: recorded.provider, blockNumber, signature: recorded.signature };
  }
  // The same call twice in a block (eth_estimateGas, then the transaction) returns the same signature.
  if (recorded) return { ...key, outputHash, provider: recorded.provider, blockNumber, signature: recorded.signature };
  const provider = host.attester.address;
  const signature = host.attester.sign(digest());
  log.put(key, { outputs, provider, signature });
  return { ...key, outputHash, provider, blockNumber, signature };
}

/** The ABI value of an `Attestation` tuple. */
export function attestationValue(a: Attestation): AbiValue {
  return {
    kind: 'tuple',
    items: [fixedWord(a.modelHash), fixedWord(a.inputHash), fixedWord(a.outputHash), fixedWord(a.provider), uintWord(a.blockNumber), bytesValue(a.signature)],
  };
}
