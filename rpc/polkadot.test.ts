import { HttpProvider, WsProvider } from '@polkadot/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RpcServer } from './server.ts';
import { sleep, startTestServer, until, type TestProbe } from './test-support.ts';

let server: RpcServer;
let probe: TestProbe;
let url: string;
let wsUrl: string;

beforeAll(async () => {
  ({ server, probe, url, wsUrl } = await startTestServer());
});
afterAll(async () => {
  await server.close();
});

describe('@polkadot/api providers', () => {
  it('WsProvider sends, subscribes and unsubscribes', async () => {
    const provider = new WsProvider(wsUrl, false);
    await provider.connect();
    await provider.isReady;
    expect(await provider.send('echo', [1])).toEqual([1]);
    await expect(provider.send('fail_async', [])).rejects.toThrow(/1234: nope/);

    const seen: unknown[] = [];
    const id = await provider.subscribe('counter_tick', 'counter_subscribe', [], (err, result) => {
      if (!err) seen.push(result);
    });
    expect(typeof id).toBe('string');
    while (seen.length < 3) await sleep(10);
    expect(seen.slice(0, 3)).toEqual([0, 1, 2]);
    const cleanups = probe.cleanups;
    expect(await provider.unsubscribe('counter_tick', 'counter_unsubscribe', id)).toBe(true);
    expect(probe.cleanups).toBe(cleanups + 1);
    await provider.disconnect();
  });

  it('WsProvider handles hex (Ethereum-style) subscription ids and errors for unknown methods', async () => {
    const provider = new WsProvider(wsUrl, false);
    await provider.connect();
    await provider.isReady;
    const before = probe.cleanups;
    const got = new Promise<unknown>((resolve) => {
      void provider.subscribe('hex_tick', 'hex_subscribe', [], (err, result) => {
        if (!err) resolve(result);
      });
    });
    expect(await got).toBe('hello');
    await expect(provider.send('no_such_method', [])).rejects.toThrow(/-32601: Method not found/);
    await provider.disconnect();
    await until(() => probe.cleanups === before + 1); // closing the socket ran the cleanup
  });

  it('HttpProvider sends', async () => {
    const provider = new HttpProvider(url);
    expect(await provider.send('echo', ['http'])).toEqual(['http']);
    expect(await provider.send('rpc_methods', [])).toMatchObject({ version: 1 });
  });
});
