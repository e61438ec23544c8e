import { u8aToHex } from '@polkadot/util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MethodRegistry } from '../methods.ts';
import { RpcServer } from '../server.ts';
import { RawWsClient, isObj } from '../test-support.ts';
import { substrateMethods } from './index.ts';
import { FakeChain } from './test-support.ts';

const noLog = () => {};

/** Every method the compatibility notes list as required for @polkadot/api and Polkadot.js Apps. */
const REQUIRED = [
  'system_chain', 'system_properties', 'system_health', 'system_name', 'system_version', 'system_chainType', 'system_peers',
  'chain_getBlockHash', 'chain_getHeader', 'chain_getBlock', 'chain_getFinalizedHead',
  'chain_subscribeNewHead', 'chain_subscribeNewHeads', 'chain_unsubscribeNewHead', 'chain_unsubscribeNewHeads',
  'chain_subscribeFinalizedHeads', 'chain_unsubscribeFinalizedHeads', 'chain_subscribeAllHeads', 'chain_unsubscribeAllHeads',
  'state_getRuntimeVersion', 'state_subscribeRuntimeVersion', 'state_unsubscribeRuntimeVersion', 'state_getMetadata', 'state_call',
  'state_getStorage', 'state_queryStorageAt', 'state_subscribeStorage', 'state_unsubscribeStorage', 'state_getKeysPaged',
  'author_submitExtrinsic', 'author_submitAndWatchExtrinsic', 'author_unwatchExtrinsic', 'author_pendingExtrinsics',
];

describe('substrateMethods', () => {
  it('compiles into the server registry and lists every required method', () => {
    const reg = new MethodRegistry(substrateMethods(new FakeChain(), { dev: false }), false, noLog);
    const { methods } = reg.rpcMethods();
    for (const m of REQUIRED) expect(methods).toContain(m);
    // Unsafe methods stay hidden unless the server exposes them.
    expect(methods).not.toContain('dev_newBlock');
    expect(methods).not.toContain('state_queryStorage');
    const unsafe = new MethodRegistry(substrateMethods(new FakeChain(), { dev: true }), true, noLog).rpcMethods().methods;
    expect(unsafe).toEqual(expect.arrayContaining(['dev_newBlock', 'dev_setStorage', 'dev_timeTravel', 'state_queryStorage']));
  });
});

describe('over a WebSocket', () => {
  let chain: FakeChain;
  let server: RpcServer;
  let url: string;

  beforeAll(async () => {
    chain = new FakeChain({ '0xaa01': '0x01' });
    server = await RpcServer.start({ port: 0, methods: substrateMethods(chain, { dev: true }), exposeUnsafe: true, cors: 'all', logger: noLog });
    url = `ws://127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await server.close();
  });

  const notif = (method: string, id: unknown) => (f: unknown) => isObj(f) && f.method === method && isObj(f.params) && f.params.subscription === id;

  it('sends the id, then the current head, then new heads; the plural alias unsubscribes', async () => {
    const c = await RawWsClient.connect(url);
    const res = await c.call('chain_subscribeNewHead');
    const id = res.result;
    const first = await c.waitFor(notif('chain_newHead', id));
    expect(c.frames.indexOf(res)).toBeLessThan(c.frames.indexOf(first));
    expect(first).toMatchObject({ params: { result: chain.best().headerJson } });
    const b = chain.addBlock();
    await c.waitFor((f) => notif('chain_newHead', id)(f) && isObj(f) && isObj(f.params) && f.params.result !== undefined && JSON.stringify(f.params.result) === JSON.stringify(b.headerJson));
    expect((await c.call('chain_unsubscribeNewHeads', [id])).result).toBe(true);
    await c.close();
  });

  it('storage subscription: initial values right after the id', async () => {
    const c = await RawWsClient.connect(url);
    const { result: id } = await c.call('state_subscribeStorage', [['0xaa01']]);
    const first = await c.waitFor(notif('state_storage', id));
    expect(first).toMatchObject({ params: { result: { block: u8aToHex(chain.best().hash), changes: [['0xaa01', '0x01']] } } });
    await c.close();
  });

  it('a rejected watched transaction is an error response, not a subscription', async () => {
    const c = await RawWsClient.connect(url);
    chain.pool.rejectNext = { code: 1010, message: 'Invalid Transaction', data: 'Transaction has a bad signature' };
    const res = await c.call('author_submitAndWatchExtrinsic', ['0x0400']);
    expect(res.error).toEqual({ code: 1010, message: 'Invalid Transaction', data: 'Transaction has a bad signature' });
    expect(res.result).toBeUndefined();
    await c.close();
  });
});
