import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RpcError } from './errors.ts';
import type { RpcServer } from './server.ts';
import { SubscriptionRegistry, newSubscriptionId } from './subscriptions.ts';
import { RawWsClient, isObj, sleep, startTestServer, until, type TestProbe } from './test-support.ts';
import type { RpcContext } from './types.ts';

let server: RpcServer;
let probe: TestProbe;
let wsUrl: string;

beforeAll(async () => {
  ({ server, probe, wsUrl } = await startTestServer({ maxSubscriptionsPerConnection: 3 }));
});
afterAll(async () => {
  await server.close();
});

const tick = (id: unknown) => (f: unknown): boolean =>
  isObj(f) && f.method === 'counter_tick' && isObj(f.params) && f.params.subscription === id;

describe('subscriptions over WebSocket', () => {
  it('returns the id before any notification, then notifies', async () => {
    const c = await RawWsClient.connect(wsUrl);
    const res = await c.call('counter_subscribe');
    const id = res.result;
    expect(id).toMatch(/^[A-Za-z0-9]{16}$/);
    await c.waitFor((f) => c.frames.filter(tick(id)).length >= 3 && f !== undefined);
    const first = c.frames.findIndex(tick(id));
    expect(c.frames.indexOf(res)).toBeLessThan(first);
    expect(c.frames[first]).toEqual({ jsonrpc: '2.0', method: 'counter_tick', params: { subscription: id, result: 0 } });
    await c.close();
  });

  it('keeps the order for subscriptions made in a batch and supports hex ids', async () => {
    const c = await RawWsClient.connect(wsUrl);
    c.send('[{"jsonrpc":"2.0","id":1,"method":"hex_subscribe"},{"jsonrpc":"2.0","id":2,"method":"echo"}]');
    const hexTick = await c.waitFor((f) => isObj(f) && f.method === 'hex_tick');
    expect(Array.isArray(c.frames[0])).toBe(true);
    const [sub] = c.frames[0] as { result: string }[];
    expect(sub?.result).toMatch(/^0x[0-9a-f]{32}$/);
    expect(hexTick).toMatchObject({ params: { subscription: sub?.result, result: 'hello' } });
    await c.close();
  });

  it('unsubscribes once, only on the same connection and method family', async () => {
    const a = await RawWsClient.connect(wsUrl);
    const b = await RawWsClient.connect(wsUrl);
    const id = (await a.call('counter_subscribe')).result;
    const cleanups = probe.cleanups;
    expect((await b.call('counter_unsubscribe', [id])).result).toBe(false);
    expect((await a.call('hex_unsubscribe', [id])).result).toBe(false);
    expect((await a.call('counter_unsubscribe', [{}])).error).toMatchObject({ code: -32602 });
    expect((await a.call('counter_unsubscribe', [id])).result).toBe(true);
    expect(probe.cleanups).toBe(cleanups + 1);
    expect((await a.call('counter_unsubscribe', [id])).result).toBe(false);
    const count = a.frames.filter(tick(id)).length;
    await sleep(40);
    expect(a.frames.filter(tick(id)).length).toBe(count);
    await Promise.all([a.close(), b.close()]);
    expect(probe.cleanups).toBe(cleanups + 1);
  });

  it('runs every cleanup exactly once when the socket closes', async () => {
    const c = await RawWsClient.connect(wsUrl);
    const before = probe.cleanups;
    for (let i = 0; i < 3; i++) await c.call('counter_subscribe');
    c.ws.terminate();
    await until(() => probe.cleanups >= before + 3);
    await sleep(30);
    expect(probe.cleanups).toBe(before + 3);
  });

  it('enforces the per-connection limit and handler rejections', async () => {
    const c = await RawWsClient.connect(wsUrl);
    for (let i = 0; i < 3; i++) expect((await c.call('counter_subscribe')).result).toEqual(expect.any(String));
    const over = await c.call('counter_subscribe');
    expect(over.error).toEqual({ code: -32006, message: 'Too many subscriptions on the connection', data: 'Exceeded max limit of 3' });
    const id = c.frames.find((f) => isObj(f) && typeof f.result === 'string') as { result: string };
    await c.call('counter_unsubscribe', [id.result]);
    const subscribed = probe.subscribed;
    expect((await c.call('counter_subscribe', ['reject'])).error).toMatchObject({ code: -32602 });
    expect(probe.subscribed).toBe(subscribed);
    expect((await c.call('counter_subscribe')).result).toEqual(expect.any(String));
    await c.close();
  });

  it('runs cleanups when the server closes', async () => {
    const s = await startTestServer();
    const c = await RawWsClient.connect(s.wsUrl);
    await c.call('counter_subscribe');
    await c.call('counter_subscribe');
    await s.server.close();
    expect(s.probe.cleanups).toBe(2);
    expect(s.server.connections()).toBe(0);
  });
});

describe('SubscriptionRegistry', () => {
  const ctx: RpcContext = { connectionId: 1, transport: 'ws', remoteAddress: '127.0.0.1' };
  const noLog = (): void => {};

  it('generates well-formed unique ids', () => {
    const ids = new Set(Array.from({ length: 2000 }, () => newSubscriptionId('string')));
    expect(ids.size).toBe(2000);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9]{16}$/);
  });

  it('handles a sink closed inside the handler and a socket closed during the handler', async () => {
    const sent: unknown[] = [];
    const reg = new SubscriptionRegistry(10, 'string', (_n, _id, r) => sent.push(r), noLog);
    let cleanups = 0;
    const created = await reg.create('s', {
      kind: 'subscribe', notification: 'n', unsubscribe: ['u'],
      handler: (_p, sink) => {
        sink.send('only');
        sink.close();
        sink.send('ignored');
        return () => void cleanups++;
      },
    }, [], ctx);
    expect(cleanups).toBe(1);
    expect(sent).toEqual([]);
    created.activate();
    expect(sent).toEqual(['only']);
    expect(reg.size).toBe(0);

    let release: () => void = () => {};
    const slow = reg.create('s', {
      kind: 'subscribe', notification: 'n', unsubscribe: ['u'],
      handler: async () => {
        await new Promise<void>((r) => (release = r));
        return () => void cleanups++;
      },
    }, [], ctx);
    await sleep(1);
    expect(reg.size).toBe(1);
    reg.closeAll();
    release();
    await slow;
    expect(cleanups).toBe(2);
    expect(reg.size).toBe(0);
    await expect(reg.create('s', { kind: 'subscribe', notification: 'n', unsubscribe: [], handler: () => () => {} }, [], ctx))
      .rejects.toBeInstanceOf(RpcError);
  });
});
