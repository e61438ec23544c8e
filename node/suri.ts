/**
 * Key pairs from a secret URI (`//Alice`, or a mnemonic with `//hard/soft` path and `///password`), derived exactly
 * as `@polkadot/keyring`'s `addFromUri` does, but with the secret key in hand (the keyring keeps it private).
 */
import { DEV_PHRASE } from '@polkadot/keyring';
import type { Keypair } from '@polkadot/util-crypto/types';
import { keyExtractSuri, keyFromPath, mnemonicToMiniSecret, secp256k1PairFromSeed, sr25519PairFromSeed } from '@polkadot/util-crypto';

/** The `sr25519` or `ecdsa` (secp256k1) pair `suri` names; a bare derivation path applies to the dev phrase. */
export function keypairFromSuri(suri: string, type: 'sr25519' | 'ecdsa'): Keypair {
  const { phrase, path, password } = keyExtractSuri(suri.startsWith('//') ? `${DEV_PHRASE}${suri}` : suri);
  const seed = mnemonicToMiniSecret(phrase, password);
  return keyFromPath(type === 'sr25519' ? sr25519PairFromSeed(seed) : secp256k1PairFromSeed(seed), path, type);
}
