import { ecrecover as jsEcrecover } from '@ethereumjs/util';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ecrecover, keccak256 } from './crypto.ts';

/** The outcome of a recovery: the key, or that it threw. */
const outcome = (f: () => Uint8Array): string => {
  try {
    return Buffer.from(f()).toString('hex');
  } catch {
    return 'throws';
  }
};

describe('WASM ecrecover and keccak-256', () => {
  beforeAll(async () => {
    await cryptoWaitReady();
  });

  it('recovers the same public keys as @ethereumjs/util for real signatures, with and without EIP-155 v', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.integer({ min: 1, max: 100_000 }), (key, hash, chainId) => {
      fc.pre(secp256k1.utils.isValidSecretKey(key));
      const sig = secp256k1.sign(hash, key, { prehash: false, format: 'recovered' });
      const recovery = BigInt(sig[0]!);
      const [r, s] = [sig.slice(1, 33), sig.slice(33, 65)];
      for (const [v, id] of [[recovery, undefined], [recovery + 27n, undefined], [recovery + 35n + 2n * BigInt(chainId), BigInt(chainId)]] as [bigint, bigint | undefined][]) {
        expect(Buffer.from(ecrecover(hash, v, r, s, id)).toString('hex')).toBe(Buffer.from(jsEcrecover(hash, v, r, s, id)).toString('hex'));
      }
    }), { numRuns: 200 });
  });

  it('agrees on malformed signatures: bad v, r or s out of range, zero, short or random values', () => {
    const N = Buffer.from('fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141', 'hex');
    fc.assert(fc.property(
      fc.uint8Array({ minLength: 32, maxLength: 32 }),
      fc.oneof(fc.uint8Array({ minLength: 0, maxLength: 33 }), fc.constant(new Uint8Array(N)), fc.constant(new Uint8Array(32))),
      fc.oneof(fc.uint8Array({ minLength: 0, maxLength: 33 }), fc.constant(new Uint8Array(N))),
      fc.bigInt({ min: 0n, max: 100n }),
      (hash, r, s, v) => {
        expect(outcome(() => ecrecover(hash, v, r, s))).toBe(outcome(() => jsEcrecover(hash, v, r, s)));
      },
    ), { numRuns: 2000 });
  });

  it('hashes like noble', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (data) => {
      expect(Buffer.from(keccak256(data)).toString('hex')).toBe(Buffer.from(keccak_256(data)).toString('hex'));
    }));
  });
});
