import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady, secp256k1PairFromSeed } from '@polkadot/util-crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { keypairFromSuri } from './suri.ts';

describe('keypairFromSuri', () => {
  beforeAll(async () => {
    await cryptoWaitReady();
  });

  const suris = ['//Alice', '//Bob//stash', 'bottom drive obey lake curtain smoke basket hold race lonely fit walk//Ferdie', 'bottom drive obey lake curtain smoke basket hold race lonely fit walk//Eve///secret'];
  it.each(suris)('derives %s as the keyring does, for sr25519 and ecdsa', (suri) => {
    for (const type of ['sr25519', 'ecdsa'] as const) {
      const expected = new Keyring({ type }).addFromUri(suri).publicKey;
      const pair = keypairFromSuri(suri, type);
      expect(pair.publicKey).toEqual(expected);
      // The secret belongs to that public key.
      if (type === 'ecdsa') expect(secp256k1PairFromSeed(pair.secretKey).publicKey).toEqual(expected);
    }
  });
});
