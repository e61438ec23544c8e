import { ed25519 } from '@noble/curves/ed25519.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { Keyring } from '@polkadot/keyring';
import { ed25519Verify as wasmEd25519Verify } from '@polkadot/wasm-crypto';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyEcdsa } from './ecdsa.ts';
import { isSr25519SignatureEncoding, verifySr25519, verifySr25519Reference } from './sr25519.ts';
import { cryptoReady, verifyEd25519 } from './verify.ts';

const L = 2n ** 252n + 27742317777372353535851937790883648493n;
const msg = new TextEncoder().encode('edge cases');

function le32(x: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++, x >>= 8n) out[i] = Number(x & 0xffn);
  return out;
}

function be32(x: bigint): Uint8Array {
  return le32(x).reverse();
}

beforeAll(async () => {
  await Promise.all([cryptoWaitReady(), cryptoReady()]);
});

describe('sr25519 pre-checks (they keep schnorrkel-wasm from panicking)', () => {
  const withScalar = (s: bigint, marker = true): Uint8Array => {
    const sig = new Uint8Array(64);
    sig.set(le32(s), 32);
    if (marker) sig[63]! |= 0x80;
    return sig;
  };

  it.each([
    ['s = 0', 0n, true],
    ['s = 2^252 - 1', 2n ** 252n - 1n, true],
    ['s = ℓ - 1', L - 1n, true],
    ['s = ℓ', L, false],
    ['s = ℓ + 1', L + 1n, false],
    ['s = 2^255 - 1', 2n ** 255n - 1n, false],
  ])('%s canonical: %s', (_name, s, ok) => {
    expect(isSr25519SignatureEncoding(withScalar(s))).toBe(ok);
  });

  it('requires the schnorrkel marker bit', () => {
    expect(isSr25519SignatureEncoding(withScalar(1n, false))).toBe(false);
  });

  it('agrees with wasm-crypto on random keys, mutated signatures and forged scalars', () => {
    const pair = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
    const sig = pair.sign(msg);
    const inputs = fc.record({
      key: fc.oneof(fc.constant(pair.publicKey), fc.uint8Array({ minLength: 32, maxLength: 32 })),
      sig: fc.oneof(
        fc.constant(sig),
        fc.nat({ max: 511 }).map((bit) => Uint8Array.from(sig, (b, i) => (i === bit >> 3 ? b ^ (1 << (bit & 7)) : b))),
        fc.bigInt({ min: L - 16n, max: L + 16n }).map((s) => Uint8Array.of(...sig.subarray(0, 32), ...le32(s).map((b, i) => (i === 31 ? b | 0x80 : b)))),
      ),
    });
    fc.assert(fc.property(inputs, ({ key, sig: s }) => verifySr25519(key, msg, s, false) === verifySr25519Reference(key, msg, s)), { numRuns: 300 });
  });
});

describe('ecdsa follows sp_io::crypto::secp256k1_ecdsa_recover_compressed', () => {
  const pair = new Keyring({ type: 'ecdsa' }).addFromUri('//Alice');
  const sig = (): Uint8Array => pair.sign(msg);
  const withV = (s: Uint8Array, v: number): Uint8Array => Uint8Array.of(...s.subarray(0, 64), v);

  it('accepts v + 27 (Ethereum-style recovery byte)', () => {
    expect(verifyEcdsa(pair.addressRaw, msg, withV(sig(), sig()[64]! + 27))).toBe(true);
  });

  it('accepts the high-s twin (recovery does not normalise s)', () => {
    const s = sig();
    const parsed = secp256k1.Signature.fromBytes(s.subarray(0, 64), 'compact');
    const twin = Uint8Array.of(...be32(parsed.r), ...be32(secp256k1.Point.Fn.ORDER - parsed.s), s[64]! ^ 1);
    expect(verifyEcdsa(pair.addressRaw, msg, twin)).toBe(true);
  });

  it.each([
    ['v = 4', (s: Uint8Array) => withV(s, 4)],
    ['v = 31', (s: Uint8Array) => withV(s, 31)],
    ['r = 0', (s: Uint8Array) => Uint8Array.of(...new Uint8Array(32), ...s.subarray(32))],
    ['s = n', (s: Uint8Array) => Uint8Array.of(...s.subarray(0, 32), ...be32(secp256k1.Point.Fn.ORDER), s[64]!)],
  ])('rejects %s', (_name, change) => {
    expect(verifyEcdsa(pair.addressRaw, msg, change(sig()))).toBe(false);
  });

  it('rejects the raw 33-byte public key as signer', () => {
    expect(verifyEcdsa(pair.publicKey, msg, sig())).toBe(false);
  });
});

describe('ed25519 uses ZIP-215 (as ed25519-zebra in sp_core)', () => {
  it('accepts a mixed-order key that a cofactorless verifier rejects', () => {
    const P = ed25519.Point;
    const n = P.Fn.ORDER;
    const torsion = P.fromHex('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a'); // order 8
    const a = 0x1234567n;
    const r = 0x7654321n;
    const A = P.BASE.multiply(a).add(torsion).toBytes();
    const R = P.BASE.multiply(r).toBytes();
    const digest = sha512(Uint8Array.of(...R, ...A, ...msg));
    const k = BigInt('0x' + Buffer.from(digest).reverse().toString('hex')) % n;
    expect(k % 8n).not.toBe(0n); // otherwise the torsion part cancels and both rules agree
    const signature = Uint8Array.of(...R, ...le32((r + k * a) % n));
    expect(wasmEd25519Verify(signature, msg, A)).toBe(false);
    expect(verifyEd25519(A, msg, signature)).toBe(true);
  });

  it('rejects a non-canonical s (s + ℓ)', () => {
    const pair = new Keyring({ type: 'ed25519' }).addFromUri('//Alice');
    const sig = pair.sign(msg);
    const s = BigInt('0x' + Buffer.from(sig.subarray(32)).reverse().toString('hex'));
    expect(verifyEd25519(pair.publicKey, msg, Uint8Array.of(...sig.subarray(0, 32), ...le32(s + L)))).toBe(false);
  });
});
