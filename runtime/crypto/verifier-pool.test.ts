import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packBatch, unpackBatch } from './batch-codec.ts';
import { SignatureVerifierPool } from './verifier-pool.ts';
import { verifySignature, type SignatureScheme, type SignedItem } from './verify.ts';

type Mutation =
  | { kind: 'none' }
  | { kind: 'flip'; field: 'message' | 'signature' | 'signer'; bit: number }
  | { kind: 'resize'; field: 'signature' | 'signer'; delta: number }
  | { kind: 'scheme'; scheme: SignatureScheme };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.constant<Mutation>({ kind: 'none' }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('flip' as const), field: fc.constantFrom('message', 'signature', 'signer'), bit: fc.nat({ max: 519 }) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('resize' as const), field: fc.constantFrom('signature', 'signer'), delta: fc.integer({ min: -2, max: 2 }) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('scheme' as const), scheme: fc.constantFrom<SignatureScheme>('sr25519', 'ed25519', 'ecdsa') }), weight: 1 },
);

function apply(item: SignedItem, m: Mutation): SignedItem {
  switch (m.kind) {
    case 'none':
      return item;
    case 'flip': {
      const bytes = item[m.field].slice();
      bytes[(m.bit >> 3) % bytes.length]! ^= 1 << (m.bit & 7);
      return { ...item, [m.field]: bytes };
    }
    case 'resize': {
      const bytes = new Uint8Array(Math.max(0, item[m.field].length + m.delta));
      bytes.set(item[m.field].subarray(0, bytes.length));
      return { ...item, [m.field]: bytes };
    }
    case 'scheme':
      return { ...item, scheme: m.scheme };
  }
}

let base: SignedItem[] = [];
let mixed: SignedItem[] = [];
let expected: boolean[] = [];
let pool: SignatureVerifierPool;

beforeAll(async () => {
  await cryptoWaitReady();
  pool = await SignatureVerifierPool.create({ threads: 2 });
  for (const scheme of ['sr25519', 'ed25519', 'ecdsa'] as const) {
    for (const uri of ['//Alice', '//Bob', '//Charlie']) {
      const pair = new Keyring({ type: scheme }).addFromUri(uri);
      for (let i = 0; i < 3; i++) {
        const message = new TextEncoder().encode(`${uri} payload ${i}`.repeat(i + 1));
        base.push({ scheme, signer: pair.addressRaw, signature: pair.sign(message), message });
      }
    }
  }
  const picks = fc.sample(fc.tuple(fc.nat({ max: base.length - 1 }), mutation), { numRuns: 500, seed: 0x7ca1 });
  mixed = picks.map(([i, m]) => apply(base[i]!, m));
  expected = mixed.map(verifySignature);
});

afterAll(async () => {
  await pool?.close();
});

describe('SignatureVerifierPool', () => {
  it('the mixed batch really is mixed', () => {
    const valid = expected.filter(Boolean).length;
    expect(valid).toBeGreaterThan(100);
    expect(valid).toBeLessThan(450);
  });

  it('packBatch/unpackBatch round-trips every item', () => {
    const hex = (items: SignedItem[]) => items.map((x) => [x.scheme, ...[x.signer, x.signature, x.message].map((b) => Buffer.from(b).toString('hex'))].join(' '));
    expect(hex(unpackBatch(packBatch(mixed)))).toEqual(hex(mixed));
  });

  it('verifyBatch matches the inline verifier on 500 mixed items', async () => {
    expect(await pool.verifyBatch(mixed)).toEqual(expected);
  });

  it('coalesced verify() calls match the inline verifier', async () => {
    expect(await Promise.all(mixed.map((item) => pool.verify(item)))).toEqual(expected);
  });

  it('threads: 0 verifies inline with the same answers', async () => {
    const inline = await SignatureVerifierPool.create({ threads: 0 });
    expect(await inline.verifyBatch(mixed.slice(0, 100))).toEqual(expected.slice(0, 100));
    expect(await inline.verify(mixed[0]!)).toBe(expected[0]);
    await inline.close();
  });

  it.each(['terminate', 'throw'] as const)('loses no request when a worker dies (%s)', async (how) => {
    const answers = Promise.all([pool.verifyBatch(mixed.slice(0, 200)), Promise.all(mixed.slice(200, 250).map((item) => pool.verify(item)))]);
    pool.crashWorkerForTest(0, how);
    const [batch, singles] = await answers;
    expect(batch).toEqual(expected.slice(0, 200));
    expect(singles).toEqual(expected.slice(200, 250));
    // The respawned worker serves later work too.
    expect(await pool.verifyBatch(mixed.slice(0, 40))).toEqual(expected.slice(0, 40));
  });

  // Last: it closes the shared pool.
  it('rejects unanswered and later work after close()', async () => {
    const inflight = expect(pool.verifyBatch(mixed.slice(0, 100))).rejects.toThrow(/closed/);
    const single = expect(pool.verify(mixed[0]!)).rejects.toThrow(/closed/);
    await pool.close();
    await Promise.all([inflight, single]);
    await expect(pool.verify(mixed[0]!)).rejects.toThrow(/closed/);
    await expect(pool.verifyBatch(mixed)).rejects.toThrow(/closed/);
  });
});
