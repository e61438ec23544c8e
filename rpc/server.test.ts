import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RpcServer } from './server.ts';
import { RawWsClient, isObj, post, sleep, startTestServer, type TestProbe } from './test-support.ts';

let server: RpcServer;
let probe: TestProbe;
let wsUrl: string;
let url: string;
let client: RawWsClient;

beforeAll(async () => {
  ({ server, probe, wsUrl, url } = await startTestServer());
  client = await RawWsClient.connect(wsUrl);
});
afterAll(async () => {
  await client.close();
  await server.close();
});

describe('JSON-RPC over WebSocket', () => {
  it('answers calls; params may be an array, an object (→ [object]) or missing (→ [])', async () => {
    expect(await client.call('echo', [1, 'a'])).toEqual({ jsonrpc: '2.0', id: expect.any(Number), result: [1, 'a'] });
    expect((await client.call('echo', { a: 1 })).result).toEqual([{ a: 1 }]);
    expect((await client.call('echo')).result).toEqual([]);
    expect((await client.call('echo', 5)).error).toMatchObject({ code: -32602 });
  });

  it('passes RpcError through and maps other throws to -32603, keeping the connection', async () => {
    expect((await client.call('fail_async')).error).toEqual({ code: 1234, message: 'nope', data: { reason: 'test' } });
    expect((await client.call('boom')).error).toEqual({ code: -32603, message: 'kaboom' });
    expect(probe.logs.some((l) => l.level === 'error' && l.msg === 'RPC handler threw')).toBe(true);
    expect((await client.call('echo', [2])).result).toEqual([2]);
  });

  it('reports unknown methods, invalid requests and malformed JSON', async () => {
    expect((await client.call('nope')).error).toMatchObject({ code: -32601, message: 'Method not found' });
    expect((await client.call('__proto__')).error).toMatchObject({ code: -32601 });
    const bad = ['{"jsonrpc":"2.0","id":', '{"id":"bad","method":"echo"}', '{"jsonrpc":"2.0","id":{},"method":"echo"}', '42'];
    client.send(bad[0]!);
    expect(await client.waitFor((f) => isObj(f) && isObj(f.error) && f.error.code === -32700)).toMatchObject({ id: null });
    client.send(bad[1]!);
    expect(await client.waitFor((f) => isObj(f) && f.id === 'bad')).toMatchObject({ error: { code: -32600 } });
    client.send(bad[2]!);
    client.send(bad[3]!);
    await sleep(50);
    const invalid = client.frames.filter((f) => isObj(f) && isObj(f.error) && f.error.code === -32600 && f.id === null);
    expect(invalid.length).toBeGreaterThanOrEqual(2);
  });

  it('sends nothing for notifications', async () => {
    const before = client.frames.length;
    client.send('{"jsonrpc":"2.0","method":"echo","params":[1]}');
    client.send('{"jsonrpc":"2.0","method":"no_such_method"}');
    await client.call('echo', ['after']);
    expect(client.frames.length).toBe(before + 1);
  });

  it('answers batches in order, omitting notifications', async () => {
    client.send(JSON.stringify([
      { jsonrpc: '2.0', id: 'a', method: 'echo', params: [1] },
      { jsonrpc: '2.0', method: 'echo', params: [2] },
      { jsonrpc: '2.0', id: 'b', method: 'fail_async' },
      { jsonrpc: '2.0', id: 'c', method: 'echo', params: [3] },
      5,
    ]));
    const batch = await client.waitFor((f) => Array.isArray(f) && isObj(f[0]) && f[0].id === 'a');
    expect(batch).toEqual([
      { jsonrpc: '2.0', id: 'a', result: [1] },
      { jsonrpc: '2.0', id: 'b', error: { code: 1234, message: 'nope', data: { reason: 'test' } } },
      { jsonrpc: '2.0', id: 'c', result: [3] },
      { jsonrpc: '2.0', id: null, error: { code: -32600, message: 'Invalid request' } },
    ]);
    const before = client.frames.length;
    client.send('[]');
    const empty = await client.waitFor((f) => client.frames.indexOf(f) >= before);
    expect(empty).toMatchObject({ id: null, error: { code: -32600 } });
    client.send('[{"jsonrpc":"2.0","method":"echo"}]');
    await client.call('echo', []);
    expect(client.frames.length).toBe(before + 2);
  });

  it('hides unsafe methods from calls and rpc_methods', async () => {
    expect((await client.call('admin_secret')).error).toMatchObject({ code: -32601 });
    const list = (await client.call('rpc_methods')).result as { version: number; methods: string[] };
    expect(list.version).toBe(1);
    expect(list.methods).toEqual([...list.methods].sort());
    expect(list.methods).toContain('rpc_methods');
    expect(list.methods).toContain('counter_unsubscribe');
    expect(list.methods).not.toContain('admin_secret');

    const unsafe = await startTestServer({ exposeUnsafe: true });
    const r = await post(unsafe.url, '{"jsonrpc":"2.0","id":1,"method":"admin_secret"}');
    expect(r.json).toMatchObject({ result: 'secret' });
    const m = await post(unsafe.url, '{"jsonrpc":"2.0","id":1,"method":"rpc_methods"}');
    expect((m.json as { result: { methods: string[] } }).result.methods).toContain('admin_secret');
    await unsafe.server.close();
  });
});

describe('JSON-RPC over HTTP', () => {
  it('answers POST, batches and notifications', async () => {
    const r = await post(url, '{"jsonrpc":"2.0","id":1,"method":"echo","params":["x"]}');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(r.json).toEqual({ jsonrpc: '2.0', id: 1, result: ['x'] });
    const b = await post(url, '[{"jsonrpc":"2.0","id":1,"method":"echo"},{"jsonrpc":"2.0","method":"echo"},{"jsonrpc":"2.0","id":2,"method":"nope"}]');
    expect(b.json).toMatchObject([{ id: 1, result: [] }, { id: 2, error: { code: -32601 } }]);
    expect((await post(url, '{"jsonrpc":"2.0","method":"echo"}')).status).toBe(204);
    expect((await post(url, '{oops')).json).toMatchObject({ id: null, error: { code: -32700 } });
  });

  it('refuses subscriptions, wrong content types and methods', async () => {
    const s = await post(url, '{"jsonrpc":"2.0","id":1,"method":"counter_subscribe"}');
    expect(s.json).toMatchObject({ error: { code: -32090, message: 'Subscriptions are not available on this transport.' } });
    const u = await post(url, '{"jsonrpc":"2.0","id":1,"method":"counter_unsubscribe","params":["x"]}');
    expect(u.json).toMatchObject({ error: { code: -32090 } });
    expect((await post(url, '{}', { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await fetch(url)).status).toBe(405);
  });

  it('serves /health from system_health or a default, and custom routes', async () => {
    expect(await (await fetch(`${url}/health`)).json()).toEqual({ peers: 0, isSyncing: false, shouldHavePeers: false });
    expect((await fetch(`${url}/health/readiness`)).status).toBe(200);
    const custom = await startTestServer({
      methods: { system_health: { kind: 'call', handler: () => ({ peers: 0, isSyncing: true, shouldHavePeers: true }) } },
    });
    expect(await (await fetch(`${custom.url}/health`)).json()).toMatchObject({ isSyncing: true });
    expect((await fetch(`${custom.url}/health/readiness`)).status).toBe(500);
    await custom.server.close();

    server.route('GET', '/explorer', (_req, res) => void res.end('explorer page'));
    server.route('GET', '/explorer/api', (_req, res) => void res.end('api'));
    server.route('PUT', '/blob/', async (req, res) => {
      let n = 0;
      for await (const chunk of req) n += (chunk as Buffer).length;
      res.end(String(n));
    });
    expect(await (await fetch(`${url}/explorer/index.html`)).text()).toBe('explorer page');
    expect(await (await fetch(`${url}/explorer/api/x`)).text()).toBe('api');
    expect(await (await fetch(`${url}/blob/abc`, { method: 'PUT', body: new Uint8Array(100_000) })).text()).toBe('100000');
  });
});

describe('CORS', () => {
  it("sets Access-Control-Allow-Origin: * for 'all' and answers preflight", async () => {
    const r = await post(url, '{"jsonrpc":"2.0","id":1,"method":"echo"}', { origin: 'https://polkadot.js.org' });
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    const pre = await fetch(url, {
      method: 'OPTIONS',
      headers: { origin: 'https://x.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
    expect(pre.headers.get('access-control-allow-headers')).toBe('content-type');
  });

  it('allows listed origins only, on HTTP and WebSocket', async () => {
    const s = await startTestServer({ cors: ['https://polkadot.js.org', 'http://localhost:*'] });
    const ok = await post(s.url, '{"jsonrpc":"2.0","id":1,"method":"echo"}', { origin: 'http://localhost:3000' });
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    const denied = await fetch(s.url, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json', origin: 'https://evil.example' } });
    expect(denied.status).toBe(403);
    const pre = await fetch(s.url, { method: 'OPTIONS', headers: { origin: 'https://evil.example' } });
    expect(pre.status).toBe(403);
    const noOrigin = await post(s.url, '{"jsonrpc":"2.0","id":1,"method":"echo"}');
    expect(noOrigin.json).toMatchObject({ result: [] });
    await expect(RawWsClient.connect(s.wsUrl, { origin: 'https://evil.example' })).rejects.toThrow(/403/);
    const c = await RawWsClient.connect(s.wsUrl, { origin: 'https://polkadot.js.org' });
    expect((await c.call('echo', [1])).result).toEqual([1]);
    await c.close();
    const none = await startTestServer({ cors: 'none' });
    await expect(RawWsClient.connect(none.wsUrl, { origin: 'https://polkadot.js.org' })).rejects.toThrow(/403/);
    const same = await RawWsClient.connect(none.wsUrl, { origin: `http://127.0.0.1:${none.server.port}` });
    await same.close();
    await Promise.all([s.server.close(), none.server.close()]);
  });
});
