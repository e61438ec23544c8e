import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signed } from '../../runtime/framework/testing.ts';
import { encode } from '../../runtime/scale/codec.ts';
import { acct } from '../balances/mock.ts';
import { ascii, cidOf, commit, datasetsExt } from './mock.ts';
import { DatasetInfo } from './types.ts';

const ACTORS = [1, 2, 3, 4].map(acct);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const SALTS = [ascii('s1'), ascii('s2')];
// A small pool so that duplicate CIDs and per-owner limits are hit.
const CIDS = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map(cidOf);
const TEST_CID = cidOf('held-out');

type Op = { caller: number; name: string; args: Record<string, unknown> };
const actor = fc.integer({ min: 0, max: ACTORS.length - 1 });
const datasetId = fc.bigInt({ min: 0n, max: 3n });
// Mostly valid tag lists, sometimes a duplicate or an over-long tag.
const tags = fc.oneof(
  { weight: 4, arbitrary: fc.uniqueArray(fc.constantFrom('x', 'y', 'z'), { maxLength: 3 }).map((ts) => ts.map(ascii)) },
  { weight: 1, arbitrary: fc.constantFrom([ascii('x'), ascii('x')], [ascii('toolongtag')]) },
);

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      caller: actor,
      name: fc.constant('register_dataset'),
      args: fc.record({
        cid: fc.constantFrom(...CIDS),
        size_bytes: fc.bigInt({ min: 0n, max: 1n << 40n }),
        license: fc.constantFrom({ tag: 'Open' }, { tag: 'ResearchOnly' }, { tag: 'Custom', value: ascii('MIT') }),
        tags,
        schema: fc.constant(ascii('{}')),
        test_commitment: fc.option(fc.constantFrom(...SALTS).map((salt) => commit(TEST_CID, salt)), { nil: undefined }),
      }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      caller: actor,
      name: fc.constant('transfer_ownership'),
      args: fc.record({ id: datasetId, new_owner: actor.map((i) => ({ tag: 'Id', value: ACTORS[i] })) }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      caller: actor,
      name: fc.constant('reveal_test_split'),
      args: fc.record({ id: datasetId, test_cid: fc.constant(TEST_CID), salt: fc.constantFrom(...SALTS) }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ caller: actor, name: fc.constant('update_metadata'), args: fc.record({ id: datasetId, tags, schema: fc.constant(ascii('v2')) }) }),
  },
  { weight: 1, arbitrary: fc.record({ caller: actor, name: fc.constant('retire'), args: fc.record({ id: datasetId }) }) },
);

describe('datasets properties', () => {
  it('only a dataset\'s owner changes it; the owner index, counts and CID index stay consistent', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 10, maxLength: 40 }), (ops) => {
        const t = datasetsExt();
        const S = t.datasets.storage;
        const all = () => S.Datasets.entries(t.ext.state).map(([[id], info]) => ({ id, info, bytes: hex(encode(DatasetInfo, info)) }));
        for (const o of ops) {
          const caller = ACTORS[o.caller]!;
          const before = new Map(all().map((d) => [d.id, d]));
          const snapshot = t.ext.snapshot();
          const r = t.ext.call(signed(caller), 'Datasets', o.name, o.args);
          if (!r.ok) expect(t.ext.snapshot()).toEqual(snapshot);
          for (const d of all()) {
            const prev = before.get(d.id);
            // A new dataset belongs to its registrant; a changed one belonged to the caller.
            if (!prev) expect(hex(d.info.owner)).toBe(hex(caller));
            else if (prev.bytes !== d.bytes) expect(hex(prev.info.owner)).toBe(hex(caller));
          }
          const datasets = all();
          for (const a of ACTORS) {
            const owned = datasets.filter((d) => hex(d.info.owner) === hex(a)).map((d) => d.id).sort((x, y) => Number(x - y));
            expect(t.registry.ownedBy(t.ext.state, a)).toEqual(owned);
            expect(S.OwnedDatasetCount.get(t.ext.state, a)).toBe(owned.length);
            expect(owned.length).toBeLessThanOrEqual(3);
          }
          expect(S.DatasetByCid.entries(t.ext.state).length).toBe(datasets.length);
          for (const d of datasets) expect(t.registry.byCid(t.ext.state, d.info.cid)).toBe(d.id);
          expect(S.NextDatasetId.get(t.ext.state)).toBe(BigInt(datasets.length));
        }
      }),
      { numRuns: 80 },
    );
  });
});
