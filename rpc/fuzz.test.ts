import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RpcServer } from './server.ts';
import { RawWsClient, isObj, post, startTestServer, type TestProbe } from './test-support.ts';

// FUZZ_SEED reproduces a failing run; the seed in use is part of every failure message.
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const METHODS = ['echo', 'fail_async', 'boom', 'admin_secret', 'big', 'rpc_methods', 'hex_subscribe', 'hex_unsubscribe', 'counter_unsubscribe'];

const validRequest = fc.record(
  {
    jsonrpc: fc.oneof(fc.constant('2.0'), fc.jsonValue()),
    id: fc.oneof(fc.nat(), fc.string(), fc.constant(null), fc.jsonValue()),
    method: fc.oneof(fc.constantFrom(...METHODS), fc.string(), fc.jsonValue()),
    params: fc.oneof(fc.array(fc.jsonValue(), { maxLength: 4 }), fc.dictionary(fc.string(), fc.jsonValue()), fc.jsonValue()),
  },
  { requiredKeys: [] },
);
/** A request string with one character replaced, or cut short. */
const mutated = fc.tuple(validRequest, fc.nat(), fc.string({ minLength: 1, maxLength: 1, unit: 'binary-ascii' })).map(([req, at, ch]) => {
  const text = JSON.stringify(req);
  const i = at % Math.max(text.length, 1);
  return at % 2 === 0 ? text.slice(0, i) : text.slice(0, i) + ch + text.slice(i + 1);
});
const frame = fc.oneof(
  validRequest.map((r) => JSON.stringify(r)),
  fc.array(validRequest, { maxLength: 6 }).map((b) => JSON.stringify(b)),
  mutated,
  fc.json(),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom(
    '', '[]', '[[]]', 'null', '{}', '{"__proto__":{"x":1}}', '['.repeat(5000), `"${'x'.repeat(70_000)}"`,
    `{"jsonrpc":"2.0","id":1,"method":"echo","params":${'['.repeat(3000)}${']'.repeat(3000)}}`,
  ),
);

let server: RpcServer;
let probe: TestProbe;
let url: string;
let wsUrl: string;

beforeAll(async () => {
  ({ server, probe, url, wsUrl } = await startTestServer({ maxSubscriptionsPerConnection: 8, maxRequestBytes: 64 * 1024 }));
});
afterAll(async () => {
  await server.close();
});

const wellFormed = (f: unknown): boolean => {
  const one = (x: unknown): boolean => isObj(x) && x.jsonrpc === '2.0' && ('result' in x || isObj(x.error) || typeof x.method === 'string');
  return Array.isArray(f) ? f.length > 0 && f.every(one) : one(f);
};

describe(`fuzzing (FUZZ_SEED=${seed})`, () => {
  it('survives thousands of random WebSocket frames and keeps answering', async () => {
    const frames = fc.sample(frame, { numRuns: 3000, seed });
    const c = await RawWsClient.connect(wsUrl);
    const probes: Promise<unknown>[] = [];
    frames.forEach((f, i) => {
      c.send(f);
      if (i % 100 === 0) {
        const id = `probe-${i}`;
        c.send(JSON.stringify({ jsonrpc: '2.0', id, method: 'echo', params: [i] }));
        probes.push(c.waitFor((x) => isObj(x) && x.id === id, 10_000));
      }
    });
    const answers = await Promise.all(probes);
    answers.forEach((a, k) => expect(a).toEqual({ jsonrpc: '2.0', id: `probe-${k * 100}`, result: [k * 100] }));
    expect((await c.call('echo', ['still here'])).result).toEqual(['still here']);
    const bad = c.frames.filter((f) => !wellFormed(f)).map((f) => JSON.stringify(f).slice(0, 200));
    expect(bad, `seed ${seed}`).toEqual([]);
    expect(probe.logs.filter((l) => l.level === 'error' && l.msg !== 'RPC handler threw'), `seed ${seed}`).toEqual([]);
    await c.close();
  });

  it('survives random HTTP bodies and keeps answering', async () => {
    const bodies = fc.sample(frame, { numRuns: 600, seed: seed + 1 });
    const statuses = new Set<number>();
    for (let i = 0; i < bodies.length; i += 8) {
      const replies = await Promise.all(bodies.slice(i, i + 8).map((b) => post(url, b)));
      for (const r of replies) {
        statuses.add(r.status);
        if (r.status === 200) expect(wellFormed(r.json), `seed ${seed + 1}: ${JSON.stringify(r.json)}`).toBe(true);
      }
    }
    expect([...statuses].every((s) => s === 200 || s === 204 || s === 413), `seed ${seed + 1}: ${[...statuses]}`).toBe(true);
    expect((await post(url, '{"jsonrpc":"2.0","id":1,"method":"echo","params":[1]}')).json).toEqual({ jsonrpc: '2.0', id: 1, result: [1] });
  });

  it('answers every single request frame with at most one well-formed reply', async () => {
    const c = await RawWsClient.connect(wsUrl);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(validRequest, async (req) => {
        const before = c.frames.length;
        c.send(JSON.stringify(req));
        const id = `p${n++}`;
        c.send(JSON.stringify({ jsonrpc: '2.0', id, method: 'fail_async' })); // 1 ms: lets the fuzzed reply land first
        await c.waitFor((x) => isObj(x) && x.id === id);
        const replies = c.frames.slice(before).filter((x) => !(isObj(x) && (x.id === id || x.method === 'hex_tick')));
        return replies.length <= 1 && replies.every(wellFormed);
      }),
      { numRuns: 300, seed: seed + 2 },
    );
    await c.close();
  });
});
