import { createMPT, decodeMPTNode } from '@ethereumjs/mpt';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ChainDb } from './chain-db.ts';
import { StorageError } from './errors.ts';
import { blake2_256 } from './hash.ts';
import { StateTrie } from './state-trie.ts';
import { hex, makeTempDir, removeTempDirs, utf8 } from './test-utils.ts';
import { decodeTrieNode, encodeTrieNode } from './trie-node-codec.ts';

type Change = readonly [Uint8Array, Uint8Array | null];

// Short keys over a tiny alphabet force shared prefixes, keys that are prefixes of
// others (branch values) and extension splits; long keys cover the usual case.
const keyArb = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 3 }).map((k) => k.map((x) => x % 3)),
  fc.tuple(fc.constantFrom(utf8(':code'), utf8('System'), utf8('Balances')), fc.uint8Array({ maxLength: 6 })).map(([p, s]) => Uint8Array.from([...p, ...s])),
  fc.uint8Array({ minLength: 1, maxLength: 48 }),
);
// Tiny values make nodes under 32 bytes, which the MPT inlines into their parent.
const valueArb = fc.oneof(fc.uint8Array({ minLength: 1, maxLength: 3 }), fc.uint8Array({ minLength: 1, maxLength: 100 }));
const changeArb: fc.Arbitrary<Change> = fc.tuple(keyArb, fc.option(valueArb, { nil: null, freq: 4 }));
const batchesArb = fc.array(fc.array(changeArb, { maxLength: 25 }), { minLength: 1, maxLength: 4 });

const compare = (a: Uint8Array, b: Uint8Array) => Buffer.compare(a, b);
const startsWith = (key: Uint8Array, prefix: Uint8Array) => key.length >= prefix.length && compare(key.subarray(0, prefix.length), prefix) === 0;

/** Reference model: a plain map of the latest values. */
function applyModel(model: Map<string, Uint8Array>, changes: readonly Change[]): void {
  for (const [k, v] of changes) {
    if (v === null) model.delete(hex(k));
    else model.set(hex(k), v);
  }
}

function sortedKeys(model: Map<string, Uint8Array>): Uint8Array[] {
  return [...model.keys()].map((k) => Uint8Array.from(Buffer.from(k, 'hex'))).sort(compare);
}

let db: ChainDb;
let trie: StateTrie;

beforeAll(async () => {
  db = await ChainDb.open(await makeTempDir('trie'));
  trie = new StateTrie(db);
});

afterAll(async () => {
  await db.close();
  await removeTempDirs();
});

async function applyAll(batches: readonly (readonly Change[])[], root = StateTrie.emptyRoot): Promise<Uint8Array> {
  for (const batch of batches) root = (await trie.applyChanges(root, batch)).root;
  return root;
}

describe('StateTrie roots', () => {
  it('emptyRoot is blake2_256(rlp(""))', async () => {
    expect(hex(StateTrie.emptyRoot)).toBe(hex(blake2_256(Uint8Array.of(0x80))));
    expect(await trie.applyChanges(StateTrie.emptyRoot, [])).toEqual({ root: StateTrie.emptyRoot, nodes: [] });
    const { root } = await trie.applyChanges(StateTrie.emptyRoot, [[utf8('a'), utf8('1')]]);
    expect(hex((await trie.applyChanges(root, [[utf8('a'), null]])).root)).toBe(hex(StateTrie.emptyRoot));
  });

  it('matches @ethereumjs/mpt applying the same changes key by key', async () => {
    await fc.assert(
      fc.asyncProperty(batchesArb, async (batches) => {
        const reference = await createMPT({ useKeyHashingFunction: blake2_256 });
        let root = StateTrie.emptyRoot;
        for (const batch of batches) {
          for (const [k, v] of batch) await (v === null ? reference.del(k) : reference.put(k, v));
          root = (await trie.applyChanges(root, batch)).root;
          expect(hex(root)).toBe(hex(reference.root()));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('is independent of insertion order and batch boundaries', async () => {
    const entries = fc.uniqueArray(fc.tuple(keyArb, valueArb), { selector: ([k]) => hex(k), minLength: 1, maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(
        entries.chain((es) => fc.tuple(fc.constant(es), fc.shuffledSubarray(es, { minLength: es.length }), fc.nat(es.length))),
        async ([ordered, shuffled, cut]) => {
          const once = await applyAll([ordered]);
          const split = await applyAll([shuffled.slice(0, cut), shuffled.slice(cut)]);
          expect(hex(split)).toBe(hex(once));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('deleting added keys and restoring overwritten values gives back the old root', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(changeArb, { maxLength: 30 }), fc.array(changeArb, { minLength: 1, maxLength: 15 }), async (base, edits) => {
        const model = new Map<string, Uint8Array>();
        applyModel(model, base);
        const before = await applyAll([base]);
        const after = await applyAll([edits], before);
        // Undo: every edited key goes back to its old value or is deleted.
        const undo = edits.map(([k]): Change => [k, model.get(hex(k)) ?? null]);
        expect(hex(await applyAll([undo], after))).toBe(hex(before));
      }),
      { numRuns: 100 },
    );
  });

  it('later changes to the same key win; empty value deletes', async () => {
    const k = utf8('key');
    const a = await applyAll([[[k, utf8('1')], [k, utf8('2')]]]);
    expect(hex(a)).toBe(hex(await applyAll([[[k, utf8('2')]]])));
    expect(hex(await applyAll([[[k, new Uint8Array()]]], a))).toBe(hex(StateTrie.emptyRoot));
  });
});

describe('StateTrie reads', () => {
  it('get, keysPaged and entries match a sorted in-memory model', async () => {
    const queryArb = fc.record({
      prefix: fc.oneof(fc.constant(new Uint8Array()), keyArb.map((k) => k.subarray(0, 1 + (k[0] % k.length)))),
      start: fc.option(keyArb, { nil: undefined }),
      count: fc.integer({ min: 0, max: 12 }),
    });
    await fc.assert(
      fc.asyncProperty(batchesArb, fc.array(queryArb, { minLength: 1, maxLength: 5 }), async (batches, queries) => {
        const model = new Map<string, Uint8Array>();
        batches.forEach((b) => applyModel(model, b));
        const root = await applyAll(batches);
        const all = sortedKeys(model);
        for (const key of all) expect(hex((await trie.get(root, key)) as Uint8Array)).toBe(hex(model.get(hex(key)) as Uint8Array));
        for (const [k] of batches.flat()) expect((await trie.get(root, k)) === undefined).toBe(!model.has(hex(k)));
        const entries: string[] = [];
        for await (const [k, v] of trie.entries(root)) entries.push(`${hex(k)}=${hex(v)}`);
        expect(entries).toEqual(all.map((k) => `${hex(k)}=${hex(model.get(hex(k)) as Uint8Array)}`));
        for (const { prefix, start, count } of queries) {
          const expected = all.filter((k) => startsWith(k, prefix) && (start === undefined || compare(k, start) > 0)).slice(0, count);
          expect((await trie.keysPaged(root, prefix, count, start)).map(hex)).toEqual(expected.map(hex));
        }
      }),
      { numRuns: 120 },
    );
  });

  it('pages through a prefix without gaps or repeats', async () => {
    const changes: Change[] = Array.from({ length: 300 }, (_, i) => [utf8(`${i % 3 === 0 ? 'Balances' : 'System'}:${i}`), utf8(`v${i}`)]);
    const root = await applyAll([changes]);
    const seen: string[] = [];
    let start: Uint8Array | undefined;
    for (let guard = 0; guard < 100; guard++) {
      const page = await trie.keysPaged(root, utf8('Balances'), 7, start);
      if (page.length === 0) break;
      seen.push(...page.map(hex));
      start = page[page.length - 1];
    }
    expect(seen).toEqual(changes.map(([k]) => k).filter((k) => startsWith(k, utf8('Balances'))).sort(compare).map(hex));
  });

  it('reads committed state back from LevelDB with a cold cache', async () => {
    const dir = await makeTempDir('trie-cold');
    const writer = await ChainDb.open(dir);
    const changes: Change[] = Array.from({ length: 500 }, (_, i) => [blake2_256(Uint8Array.of(i >> 8, i & 255)), utf8(`value-${i}`.repeat(3))]);
    const { root, nodes } = await new StateTrie(writer).applyChanges(StateTrie.emptyRoot, changes);
    await writer.commitBlock({ hash: new Uint8Array(32).fill(1), number: 0, header: utf8('h'), body: [], nodes, best: true, finalized: false });
    await writer.close();
    const reader = await ChainDb.open(dir);
    const cold = new StateTrie(reader);
    expect(hex((await cold.get(root, changes[7][0])) as Uint8Array)).toBe(hex(changes[7][1] as Uint8Array));
    let n = 0;
    for await (const _ of cold.entries(root)) n++;
    expect(n).toBe(500);
    // A further update on the cold trie reads missing nodes from disk.
    const next = await cold.applyChanges(root, [[changes[0][0], null]]);
    expect(hex(next.root)).toBe(hex((await trie.applyChanges(StateTrie.emptyRoot, changes.slice(1))).root));
    await reader.close();
  });

  it('reports unknown state and malformed input as StorageError', async () => {
    const unknown = new Uint8Array(32).fill(7);
    for (const call of [
      () => trie.get(unknown, utf8('k')),
      () => trie.prove(unknown, utf8('k')),
      () => trie.keysPaged(unknown, new Uint8Array(), 5),
      () => trie.applyChanges(unknown, [[utf8('k'), utf8('v')]]),
    ]) {
      await expect(call()).rejects.toSatisfy((e: unknown) => StorageError.is(e, 'MissingTrieNode'));
    }
    await expect(trie.get(new Uint8Array(31), utf8('k'))).rejects.toSatisfy((e: unknown) => StorageError.is(e, 'InvalidArgument'));
    await expect(trie.applyChanges(StateTrie.emptyRoot, [[new Uint8Array(), utf8('v')]])).rejects.toSatisfy((e: unknown) => StorageError.is(e, 'InvalidArgument'));
  });
});

describe('StateTrie proofs', () => {
  it('verify for present and absent keys; tampering never proves a wrong value', async () => {
    await fc.assert(
      fc.asyncProperty(batchesArb, keyArb, fc.nat(), async (batches, probe, pick) => {
        const model = new Map<string, Uint8Array>();
        batches.forEach((b) => applyModel(model, b));
        const root = await applyAll(batches);
        const keys = [probe, ...batches.flat().map(([k]) => k)];
        for (const key of keys) {
          const proof = await trie.prove(root, key);
          const expected = model.get(hex(key));
          const proven = await StateTrie.verifyProof(root, key, proof);
          expect(proven === undefined ? undefined : hex(proven)).toBe(expected === undefined ? undefined : hex(expected));
          if (proof.length === 0) continue;
          const tampered = proof.map((p) => p.slice());
          const node = tampered[pick % tampered.length];
          node[pick % node.length] ^= 1 << (pick % 8);
          // Either rejected, or the flipped bit sat in an inlined copy the verifier never uses.
          const outcome = await StateTrie.verifyProof(root, key, tampered).then(
            (v) => (v === undefined ? 'absent' : hex(v)),
            (e: unknown) => (StorageError.is(e, 'InvalidProof') ? 'rejected' : 'other error'),
          );
          expect(['rejected', expected === undefined ? 'absent' : hex(expected)]).toContain(outcome);
        }
      }),
      { numRuns: 80 },
    );
  });

  it('rejects every single-byte tamper of a proof over large values', async () => {
    const changes: Change[] = Array.from({ length: 64 }, (_, i) => [blake2_256(Uint8Array.of(i)), new Uint8Array(80).fill(i)]);
    const root = await applyAll([changes]);
    const key = changes[5][0];
    const proof = await trie.prove(root, key);
    expect(proof.length).toBeGreaterThan(1);
    for (let n = 0; n < proof.length; n++) {
      for (const at of [0, Math.floor(proof[n].length / 2), proof[n].length - 1]) {
        const tampered = proof.map((p) => p.slice());
        tampered[n][at] ^= 0x01;
        await expect(StateTrie.verifyProof(root, key, tampered)).rejects.toSatisfy((e: unknown) => StorageError.is(e, 'InvalidProof'));
      }
    }
    await expect(StateTrie.verifyProof(root, key, proof.slice(0, -1))).rejects.toBeInstanceOf(StorageError);
    await expect(StateTrie.verifyProof(new Uint8Array(32), key, proof)).rejects.toBeInstanceOf(StorageError);
    expect(await StateTrie.verifyProof(StateTrie.emptyRoot, key, [])).toBeUndefined();
  });
});

describe('trie node codec', () => {
  it('round-trips and agrees byte for byte with @ethereumjs/mpt', async () => {
    await fc.assert(
      fc.asyncProperty(batchesArb, async (batches) => {
        let root = StateTrie.emptyRoot;
        for (const batch of batches) {
          const result = await trie.applyChanges(root, batch);
          root = result.root;
          for (const { hash, node } of result.nodes) {
            expect(hex(blake2_256(node))).toBe(hex(hash));
            expect(hex(encodeTrieNode(decodeTrieNode(node)))).toBe(hex(node));
            expect(hex(decodeMPTNode(node).serialize())).toBe(hex(node));
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
