/** Block seals: the author's sr25519 signature over the pre-seal header hash. */
import { sr25519Verify as verify } from '@polkadot/util-crypto';

export function sr25519Verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return verify(message, signature, publicKey);
  } catch {
    return false;
  }
}
