import { secp256k1 } from '@noble/curves/secp256k1.js';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { attestationDigest, attesterAddress, recoverSigner, signDigest } from './attestation.ts';

describe('attestation signatures', () => {
  beforeAll(async () => {
    await cryptoWaitReady();
  });

  it('signs with libsecp256k1 exactly as @noble does (RFC 6979, low s), and the signer recovers', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ minLength: 32, maxLength: 32 }), (key, digest) => {
      fc.pre(secp256k1.utils.isValidSecretKey(key));
      const noble = secp256k1.sign(digest, key, { prehash: false, format: 'recovered' });
      const sig = signDigest(digest, key);
      expect(Buffer.from(sig.subarray(0, 64)).equals(Buffer.from(noble.subarray(1, 65)))).toBe(true);
      expect(sig[64]).toBe(27 + noble[0]!);
      expect(recoverSigner(digest, sig)).toEqual(attesterAddress(key));
    }), { numRuns: 200 });
  });

  it('an attestation digest signed by one key recovers to it and to no other', () => {
    const key = new Uint8Array(32).fill(7);
    const digest = attestationDigest(31337n, { modelHash: new Uint8Array(32).fill(1), inputHash: new Uint8Array(32).fill(2), outputHash: new Uint8Array(32).fill(3), blockNumber: 9n });
    const sig = signDigest(digest, key);
    expect(recoverSigner(digest, sig)).toEqual(attesterAddress(key));
    expect(recoverSigner(digest.map((b, i) => (i === 0 ? b ^ 1 : b)), sig)).not.toEqual(attesterAddress(key));
  });
});
