import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { root, signed } from '../../runtime/framework/testing.ts';
import { encode } from '../../runtime/scale/codec.ts';
import { acct } from '../balances/mock.ts';
import { gpuSpec, workersExt } from './mock.ts';
import { WorkerInfo } from './types.ts';

const ACTORS = [1, 2, 3, 4].map(acct);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

type Op =
  | { kind: 'call'; caller: number; name: string; args: Record<string, unknown> }
  | { kind: 'advance'; blocks: number }
  | { kind: 'bond'; who: number; amount: bigint };

const actor = fc.integer({ min: 0, max: ACTORS.length - 1 });
// Mostly valid specs, sometimes an invalid accelerator count.
const count = fc.oneof({ arbitrary: fc.integer({ min: 1, max: 64 }), weight: 4 }, { arbitrary: fc.constantFrom(0, 65), weight: 1 });
const spec = fc.record({ price: fc.bigInt({ min: 0n, max: 10_000n }), count }).map(({ price, count }) =>
  gpuSpec({ price_per_second: price, accelerator_count: count }),
);
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('call' as const), caller: actor, name: fc.constantFrom('register', 'update_spec'), args: spec.map((s) => ({ spec: s })) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('call' as const),
      caller: actor,
      name: fc.constantFrom('heartbeat', 'deregister', 'finalize_deregistration'),
      args: fc.constant({}),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('call' as const),
      caller: actor,
      name: fc.constant('set_reputation'),
      args: fc.record({ who: actor.map((i) => ({ tag: 'Id', value: ACTORS[i] })), value: fc.integer({ min: 0, max: 1_000_000 }) }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('advance' as const), blocks: fc.integer({ min: 1, max: 12 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('bond' as const), who: actor, amount: fc.constantFrom(0n, 0n, 50n, 100n) }) },
);

describe('workers properties', () => {
  it('no signed call changes another account\'s record; the heartbeat schedule and count stay exact', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 15, maxLength: 40 }), (ops) => {
        const t = workersExt();
        // Three of the four actors start with the worker role, so most registrations can succeed.
        for (const a of ACTORS.slice(0, 3)) t.bond(a, 100n);
        const records = () => ACTORS.map((a) => {
          const info = t.info(a);
          return info ? hex(encode(WorkerInfo, info)) : undefined;
        });
        for (const o of ops) {
          if (o.kind === 'advance') t.advance(o.blocks);
          else if (o.kind === 'bond') t.bond(ACTORS[o.who]!, o.amount);
          else {
            const before = records();
            const snapshot = t.ext.snapshot();
            const r = t.ext.call(signed(ACTORS[o.caller]!), 'Workers', o.name, o.args);
            const after = records();
            if (!r.ok) expect(t.ext.snapshot()).toEqual(snapshot);
            after.forEach((rec, i) => {
              if (i !== o.caller) expect(rec).toBe(before[i]);
            });
          }
          // Active workers have exactly one deadline, at last_heartbeat + OfflineAfter, still ahead; nobody else has one.
          const now = t.ext.ctx.block.number;
          const expected = ACTORS.flatMap((a) => {
            const info = t.info(a);
            return info?.status.tag === 'Active' ? [`${info.last_heartbeat + 20}:${hex(a)}`] : [];
          });
          const due = t.workers.storage.HeartbeatDue.entries(t.ext.state).map(([[block, who]]) => `${block}:${hex(who)}`);
          expect(due.sort()).toEqual(expected.sort());
          for (const [[block]] of t.workers.storage.HeartbeatDue.entries(t.ext.state)) expect(block).toBeGreaterThan(now);
          expect(t.workers.storage.WorkerCount.get(t.ext.state)).toBe(records().filter((x) => x !== undefined).length);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('only Root may set a reputation', () => {
    fc.assert(
      fc.property(actor, actor, fc.integer({ min: 0, max: 1_000_000 }), (caller, target, value) => {
        const t = workersExt();
        t.bond(ACTORS[target]!, 100n);
        t.ext.assertOk(signed(ACTORS[target]!), 'Workers', 'register', { spec: gpuSpec() });
        const who = { tag: 'Id', value: ACTORS[target] };
        expect(t.ext.call(signed(ACTORS[caller]!), 'Workers', 'set_reputation', { who, value }).ok).toBe(false);
        t.ext.assertOk(root, 'Workers', 'set_reputation', { who, value });
        expect(t.info(ACTORS[target]!)!.reputation).toBe(value);
      }),
      { numRuns: 30 },
    );
  });
});
