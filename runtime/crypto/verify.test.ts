import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { cryptoReady, verifySignature, type SignatureScheme, type SignedItem } from './verify.ts';

const SCHEMES: SignatureScheme[] = ['sr25519', 'ed25519', 'ecdsa'];
const URIS = ['//Alice', '//Bob', '//Alice//stash'];
const MESSAGE = new TextEncoder().encode('trainchain extrinsic payload');

const items = new Map<string, SignedItem>();

function signed(scheme: SignatureScheme, uri: string, message = MESSAGE): SignedItem {
  const pair = new Keyring({ type: scheme }).addFromUri(uri);
  // addressRaw is the AccountId32: the public key, or blake2_256(compressed key) for ecdsa.
  return { scheme, signer: pair.addressRaw, signature: pair.sign(message), message };
}

function flip(bytes: Uint8Array, bit: number): Uint8Array {
  const out = bytes.slice();
  out[(bit >> 3) % out.length]! ^= 1 << (bit & 7);
  return out;
}

beforeAll(async () => {
  await Promise.all([cryptoWaitReady(), cryptoReady()]);
  for (const scheme of SCHEMES) for (const uri of URIS) items.set(`${scheme} ${uri}`, signed(scheme, uri));
});

const cases = SCHEMES.flatMap((scheme) => URIS.map((uri) => ({ scheme, uri })));

describe.each(cases)('$scheme $uri', ({ scheme, uri }) => {
  const item = (): SignedItem => items.get(`${scheme} ${uri}`)!;

  it('accepts the signature @polkadot/keyring made', () => {
    expect(item().signature.length).toBe(scheme === 'ecdsa' ? 65 : 64);
    expect(verifySignature(item())).toBe(true);
  });

  it.each([
    ['message', 0],
    ['message', 77],
    ['signature', 0],
    ['signature', 255],
    ['signature', 511], // sr25519: the schnorrkel marker bit
    ['signer', 0],
    ['signer', 255],
  ] as const)('rejects a flipped bit in the %s (bit %i)', (field, bit) => {
    expect(verifySignature({ ...item(), [field]: flip(item()[field], bit) })).toBe(false);
  });

  it('rejects any single flipped bit (property)', () => {
    const field = fc.constantFrom<'message' | 'signature' | 'signer'>('message', 'signature', 'signer');
    fc.assert(
      fc.property(field, fc.nat({ max: 1023 }), (f, bit) => !verifySignature({ ...item(), [f]: flip(item()[f], bit) })),
      { numRuns: 40 },
    );
  });

  it.each([
    ['signature', 'truncated', (b: Uint8Array) => b.subarray(0, b.length - 1)],
    ['signature', 'extended', (b: Uint8Array) => Uint8Array.of(...b, 0)],
    ['signature', 'empty', () => new Uint8Array(0)],
    ['signer', 'truncated', (b: Uint8Array) => b.subarray(0, 31)],
    ['signer', 'extended', (b: Uint8Array) => Uint8Array.of(...b, 0)],
    ['signer', 'empty', () => new Uint8Array(0)],
  ] as const)('returns false for a %s that is %s', (field, _how, change) => {
    expect(verifySignature({ ...item(), [field]: change(item()[field]) })).toBe(false);
  });

  it('rejects the signature under another scheme', () => {
    for (const other of SCHEMES.filter((s) => s !== scheme)) expect(verifySignature({ ...item(), scheme: other })).toBe(false);
  });
});

describe('malformed input never throws', () => {
  it.each([
    ['an unknown scheme', { scheme: 'rsa', signer: new Uint8Array(32), signature: new Uint8Array(64), message: new Uint8Array(1) }],
    ['a missing signature', { scheme: 'sr25519', signer: new Uint8Array(32), message: new Uint8Array(1) }],
    ['a string message', { scheme: 'ed25519', signer: new Uint8Array(32), signature: new Uint8Array(64), message: 'hi' }],
    ['all-zero sr25519', { scheme: 'sr25519', signer: new Uint8Array(32), signature: new Uint8Array(64).fill(0x80), message: new Uint8Array(0) }],
    ['all-0xff ecdsa', { scheme: 'ecdsa', signer: new Uint8Array(32), signature: new Uint8Array(65).fill(0xff), message: new Uint8Array(0) }],
    ['all-zero ecdsa', { scheme: 'ecdsa', signer: new Uint8Array(32), signature: new Uint8Array(65), message: new Uint8Array(0) }],
  ])('%s', (_name, input) => {
    expect(verifySignature(input as unknown as SignedItem)).toBe(false);
  });

  it('random bytes of random lengths', () => {
    const bytes = (max: number) => fc.uint8Array({ minLength: 0, maxLength: max });
    fc.assert(
      fc.property(fc.constantFrom(...SCHEMES), bytes(40), bytes(70), bytes(16), (scheme, signer, signature, message) => {
        return verifySignature({ scheme, signer, signature, message }) === false;
      }),
      { numRuns: 300 },
    );
  });
});
