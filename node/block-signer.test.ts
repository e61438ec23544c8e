import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady, sr25519Verify } from '@polkadot/util-crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { blockSignerFromSuri } from './block-signer.ts';

describe('block signer', () => {
  beforeAll(async () => {
    await cryptoWaitReady();
  });

  it.each(['//Alice', '//Bob//stash', 'bottom drive obey lake curtain smoke basket hold race lonely fit walk//Ferdie'])('derives %s as the keyring does, and its seals verify', (suri) => {
    const signer = blockSignerFromSuri(suri);
    const pair = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri(suri);
    expect(signer.address).toBe(pair.address);
    const message = new TextEncoder().encode(`pre-seal hash of ${suri}`);
    expect(sr25519Verify(message, signer.sign(message), pair.publicKey)).toBe(true);
    expect(pair.verify(message, signer.sign(message), pair.publicKey)).toBe(true);
  });
});
