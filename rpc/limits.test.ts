import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { RpcServer } from './server.ts';
import { RawWsClient, isObj, post, sleep, startTestServer, until } from './test-support.ts';

const echoReq = (payload: string): string => JSON.stringify({ jsonrpc: '2.0', id: 'big', method: 'echo', params: [payload] });

describe('server limits', () => {
  it('rejects an oversized request with the limit in the message and keeps the WebSocket', async () => {
    const s = await startTestServer({ maxRequestBytes: 1024 });
    const c = await RawWsClient.connect(s.wsUrl);
    c.send(echoReq('y'.repeat(1500)));
    const err = await c.waitFor((f) => isObj(f) && isObj(f.error));
    expect(err).toMatchObject({ id: null, error: { code: -32007, message: expect.stringContaining('1024') } });
    expect((await c.call('echo', [1])).result).toEqual([1]);
    // Far beyond the limit the frame is refused at the protocol level (1009).
    const closed = new Promise<number>((r) => c.ws.once('close', (code) => r(code)));
    c.send(echoReq('y'.repeat(5000)));
    expect(await closed).toBe(1009);

    const h = await post(s.url, echoReq('y'.repeat(1500)));
    expect(h.status).toBe(413);
    expect(h.json).toMatchObject({ error: { code: -32007, message: expect.stringContaining('1024') } });
    const ok = await post(s.url, echoReq('ok'));
    expect(ok.json).toMatchObject({ result: ['ok'] });
    await s.server.close();
  });

  it('rejects batches and responses over the limits', async () => {
    const s = await startTestServer({ maxBatchSize: 3, maxResponseBytes: 1000 });
    const batch = (n: number): string => JSON.stringify(Array.from({ length: n }, (_, i) => ({ jsonrpc: '2.0', id: i, method: 'echo' })));
    expect((await post(s.url, batch(3))).json).toHaveLength(3);
    expect((await post(s.url, batch(4))).json).toMatchObject({ id: null, error: { code: -32010 } });
    const big = await post(s.url, '{"jsonrpc":"2.0","id":1,"method":"big","params":[2000]}');
    expect(big.json).toMatchObject({ id: 1, error: { code: -32008, message: expect.stringContaining('1000') } });
    const bigBatch = await post(s.url, '[{"jsonrpc":"2.0","id":1,"method":"big","params":[600]},{"jsonrpc":"2.0","id":2,"method":"big","params":[600]}]');
    expect(bigBatch.json).toMatchObject({ id: null, error: { code: -32011 } });
    await s.server.close();
  });

  it('limits connections and frees slots when they close', async () => {
    const s = await startTestServer({ maxConnections: 2 });
    const a = await RawWsClient.connect(s.wsUrl);
    const b = await RawWsClient.connect(s.wsUrl);
    expect(s.server.connections()).toBe(2);
    await expect(RawWsClient.connect(s.wsUrl)).rejects.toThrow(/429/);
    const h = await post(s.url, '{"jsonrpc":"2.0","id":1,"method":"echo"}');
    expect(h.status).toBe(429);
    expect(h.json).toMatchObject({ error: { code: -32009 } });
    await a.close();
    await until(() => s.server.connections() < 2);
    const c = await RawWsClient.connect(s.wsUrl);
    expect((await c.call('echo', [1])).result).toEqual([1]);
    await Promise.all([b.close(), c.close()]);
    await s.server.close();
  });

  it('pauses reading at the in-flight limit and still answers everything', async () => {
    const s = await startTestServer({ maxInFlightPerConnection: 2 });
    const c = await RawWsClient.connect(s.wsUrl);
    for (let i = 0; i < 20; i++) c.send(JSON.stringify({ jsonrpc: '2.0', id: `f${i}`, method: 'fail_async' }));
    for (let i = 0; i < 20; i++) await c.waitFor((f) => isObj(f) && f.id === `f${i}`);
    await c.close();
    await s.server.close();
  });

  it('fails clearly when the port is in use', async () => {
    const s = await startTestServer();
    await expect(RpcServer.start({ port: s.server.port, methods: {}, exposeUnsafe: false, cors: 'all' }))
      .rejects.toThrow(`Address already in use: 127.0.0.1:${s.server.port}; is another node running? use --rpc-port`);
    await s.server.close();
  });

  it('drops a client that stops reading instead of buffering without bound', async () => {
    const chunk = 'z'.repeat(64 * 1024);
    let flooding = true;
    const s = await startTestServer({
      maxBufferedBytes: 512 * 1024,
      methods: {
        flood_subscribe: {
          kind: 'subscribe', notification: 'flood', unsubscribe: ['flood_unsubscribe'],
          handler: (_p, sink) => {
            const pump = (): void => {
              for (let i = 0; i < 16 && !sink.closed; i++) sink.send(chunk);
              if (!sink.closed && flooding) setImmediate(pump);
            };
            setImmediate(pump);
            return () => { flooding = false; };
          },
        },
      },
    });
    const c = await RawWsClient.connect(s.wsUrl);
    await c.call('flood_subscribe');
    c.ws.pause();
    await until(() => s.server.connections() === 0, 5000);
    expect(flooding).toBe(false);
    c.ws.terminate();
    expect(s.probe.logs.some((l) => l.msg === 'dropping slow WebSocket client')).toBe(true);
    await s.server.close();
  });

  it('drops clients that stop answering pings and keeps live ones', async () => {
    const s = await startTestServer({ pingIntervalMs: 100 });
    const live = await RawWsClient.connect(s.wsUrl);
    const dead = await RawWsClient.connect(s.wsUrl, { autoPong: false });
    const deadClosed = new Promise<void>((r) => dead.ws.once('close', () => r()));
    await deadClosed;
    await sleep(100);
    expect(live.ws.readyState).toBe(WebSocket.OPEN);
    expect((await live.call('echo', [1])).result).toEqual([1]);
    await live.close();
    await s.server.close();
  });
});
