import { blake2b } from '@noble/hashes/blake2.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { blake2_256, blake2_256Noble, initHashing } from './hash.ts';
import { EMPTY_MERKLE_ROOT, merkleProof, merkleRoot, verifyMerkleProof } from './merkle.ts';
import { hex, utf8 } from './test-utils.ts';

// Independent reference straight from the definition, using noble directly.
const H = (...parts: Uint8Array[]) => blake2b(Buffer.concat(parts), { dkLen: 32 });
const leaf = (s: string) => H(Uint8Array.of(0), utf8(s));
const node = (l: Uint8Array, r: Uint8Array) => H(Uint8Array.of(1), l, r);

describe('merkleRoot', () => {
  it.each([
    { items: [], expected: () => EMPTY_MERKLE_ROOT },
    { items: ['a'], expected: () => leaf('a') },
    { items: ['a', 'b'], expected: () => node(leaf('a'), leaf('b')) },
    // Odd node promoted: c is carried up unchanged, not hashed with itself.
    { items: ['a', 'b', 'c'], expected: () => node(node(leaf('a'), leaf('b')), leaf('c')) },
    {
      items: ['a', 'b', 'c', 'd', 'e'],
      expected: () => node(node(node(leaf('a'), leaf('b')), node(leaf('c'), leaf('d'))), leaf('e')),
    },
  ])('matches the definition for $items', ({ items, expected }) => {
    expect(hex(merkleRoot(items.map(utf8)))).toBe(hex(expected()));
  });

  it('keeps pinned vectors stable (extrinsics roots are consensus-critical)', () => {
    expect(hex(EMPTY_MERKLE_ROOT)).toBe('00'.repeat(32));
    expect(hex(merkleRoot(['a'].map(utf8)))).toBe('7234082e1dd0b5ec0acd71875d61c9f374af30c100bc4de7aa4eb3f15bbed686');
    expect(hex(merkleRoot(['a', 'b', 'c'].map(utf8)))).toBe('17321db51c1ef3ec1f77e271aa300b4e5c6091708bcba37e46025774a26142ee');
    expect(hex(merkleRoot(['a', 'b', 'c', 'd', 'e'].map(utf8)))).toBe('57d36622e3f900dadd327fb108b62e282cb8f65225ff24749df78d09176c1d0d');
    expect(merkleProof(['a', 'b', 'c', 'd', 'e'].map(utf8), 4).map(hex)).toEqual([
      '421360a6099803b465dff5246cb164c2b6ffac54f17cecc04fa7bfe2561e1804',
    ]);
  });

  it('separates leaf and inner-node domains', () => {
    // A one-item list whose item is the concatenation of two leaf hashes must not
    // collide with the two-item root.
    const two = merkleRoot(['a', 'b'].map(utf8));
    expect(hex(merkleRoot([Buffer.concat([leaf('a'), leaf('b')])]))).not.toBe(hex(two));
  });

  it('hashes 1,000 items in a few ms', async () => {
    await initHashing();
    const items = Array.from({ length: 1000 }, (_, i) => utf8(`extrinsic-${i}`.repeat(8)));
    merkleRoot(items);
    const start = performance.now();
    merkleRoot(items);
    const ms = performance.now() - start;
    expect(ms).toBeLessThan(100); // generous: the CI box is shared; typically ~2-5 ms
  });

  it('WASM and noble blake2_256 agree', async () => {
    await initHashing();
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (data) => hex(blake2_256(data)) === hex(blake2_256Noble(data))));
  });
});

describe('merkleProof / verifyMerkleProof', () => {
  const listAndIndex = fc
    .array(fc.uint8Array({ maxLength: 40 }), { minLength: 1, maxLength: 40 })
    .chain((items) => fc.tuple(fc.constant(items), fc.nat(items.length - 1)));

  it('every proof verifies', () => {
    fc.assert(
      fc.property(listAndIndex, ([items, index]) => {
        const root = merkleRoot(items);
        return verifyMerkleProof(root, items[index], index, items.length, merkleProof(items, index));
      }),
      { numRuns: 300 },
    );
  });

  it('fails for a wrong item, index, count, root or a tampered proof', () => {
    fc.assert(
      fc.property(listAndIndex, fc.nat(), ([items, index], pick) => {
        const root = merkleRoot(items);
        const proof = merkleProof(items, index);
        const count = items.length;
        const other = Uint8Array.from([...items[index], 1]);
        expect(verifyMerkleProof(root, other, index, count, proof)).toBe(false);
        expect(verifyMerkleProof(root, items[index], index, count, [...proof, new Uint8Array(32)])).toBe(false);
        expect(verifyMerkleProof(root, items[index], count, count, proof)).toBe(false);
        const badRoot = root.slice();
        badRoot[pick % 32] ^= 1;
        expect(verifyMerkleProof(badRoot, items[index], index, count, proof)).toBe(false);
        if (proof.length > 0) {
          const tampered = proof.map((p) => p.slice());
          tampered[pick % proof.length][pick % 32] ^= 0x80;
          expect(verifyMerkleProof(root, items[index], index, count, tampered)).toBe(false);
          expect(verifyMerkleProof(root, items[index], index, count, proof.slice(1))).toBe(false);
        }
        // A different index only verifies if it holds an identical item.
        const j = (index + 1 + (pick % count)) % count;
        if (j !== index && hex(items[j]) !== hex(items[index])) {
          expect(verifyMerkleProof(root, items[index], j, count, proof)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('rejects out-of-range indices when proving', () => {
    expect(() => merkleProof([utf8('a')], 1)).toThrow(RangeError);
    expect(() => merkleProof([], 0)).toThrow(RangeError);
  });
});
