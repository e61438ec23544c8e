import { u8aToHex } from '@polkadot/util';
import { beforeEach, describe, expect, it } from 'vitest';
import { RpcError } from '../errors.ts';
import type { RpcMethodTable } from '../types.ts';
import { substrateMethods } from './index.ts';
import { FakeChain, callMethod, subscribeMethod } from './test-support.ts';

const UNKNOWN = `0x${'ee'.repeat(32)}`;

let chain: FakeChain;
let table: RpcMethodTable;

beforeEach(() => {
  chain = new FakeChain();
  table = substrateMethods(chain, { dev: true });
});

async function rejects(p: Promise<unknown>): Promise<RpcError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RpcError);
  return err as RpcError;
}

describe('chain_getBlockHash', () => {
  it('takes a number, a hex quantity, null or a list of them; a missing block is null', async () => {
    const b1 = chain.addBlock();
    const genesis = u8aToHex(chain.genesisHash);
    expect(await callMethod(table, 'chain_getBlockHash', [0])).toBe(genesis);
    expect(await callMethod(table, 'chain_getBlockHash', ['0x1'])).toBe(u8aToHex(b1.hash));
    expect(await callMethod(table, 'chain_getBlockHash', [])).toBe(u8aToHex(b1.hash));
    expect(await callMethod(table, 'chain_getBlockHash', [null])).toBe(u8aToHex(b1.hash));
    expect(await callMethod(table, 'chain_getBlockHash', [5])).toBeNull();
    expect(await callMethod(table, 'chain_getBlockHash', [[0, '0x01', 7]])).toEqual([genesis, u8aToHex(b1.hash), null]);
    expect(await callMethod(table, 'chain_getHead', [0])).toBe(genesis);
  });

  it('rejects negative, fractional, decimal-string and oversized numbers with -32602', async () => {
    for (const bad of [-1, 1.5, '12', '0x', '0x100000000', true]) {
      const e = await rejects(Promise.resolve(callMethod(table, 'chain_getBlockHash', [bad])));
      expect(e.code).toBe(-32602);
      expect(e.message).toContain('number');
    }
    expect((await rejects(Promise.resolve(callMethod(table, 'chain_getBlockHash', [[0, -1]])))).message).toContain('numbers[1]');
  });
});

describe('chain_getHeader / chain_getBlock', () => {
  it('returns the header JSON and the block with hex extrinsics and null justifications', async () => {
    const b1 = chain.addBlock({}, { extrinsics: [new Uint8Array([4, 1, 2])] });
    expect(await callMethod(table, 'chain_getHeader')).toEqual(b1.headerJson);
    expect(await callMethod(table, 'chain_getHeader', [u8aToHex(chain.genesisHash)])).toMatchObject({ number: '0x0' });
    expect(await callMethod(table, 'chain_getBlock', [u8aToHex(b1.hash)])).toEqual({
      block: { header: b1.headerJson, extrinsics: ['0x040102'] },
      justifications: null,
    });
  });

  it('answers null for an unknown block and -32602 for a malformed hash', async () => {
    expect(await callMethod(table, 'chain_getHeader', [UNKNOWN])).toBeNull();
    expect(await callMethod(table, 'chain_getBlock', [UNKNOWN])).toBeNull();
    expect((await rejects(Promise.resolve(callMethod(table, 'chain_getBlock', ['0xabc'])))).code).toBe(-32602);
  });

  it('reports the finalized head under both spellings', async () => {
    const b1 = chain.addBlock();
    chain.addBlock();
    chain.finalize(b1.hash);
    expect(await callMethod(table, 'chain_getFinalizedHead')).toBe(u8aToHex(b1.hash));
    expect(await callMethod(table, 'chain_getFinalisedHead')).toBe(u8aToHex(b1.hash));
  });
});

describe('head subscriptions', () => {
  it('new heads: the best header at once, then each new best block only', async () => {
    const { sink, cleanup } = await subscribeMethod(table, 'chain_subscribeNewHead');
    expect(sink.sent).toEqual([chain.best().headerJson]);
    const b1 = chain.addBlock();
    const side = chain.addBlock({}, { parent: chain.genesisHash, best: false });
    expect(sink.sent).toEqual([expect.anything(), b1.headerJson]);
    expect(sink.sent).not.toContainEqual(side.headerJson);
    cleanup();
    expect(chain.listenerCount).toBe(0);
  });

  it('all heads: every imported block', async () => {
    const { sink } = await subscribeMethod(table, 'chain_subscribeAllHeads');
    const b1 = chain.addBlock();
    const side = chain.addBlock({}, { parent: chain.genesisHash, best: false });
    expect(sink.sent).toEqual([expect.anything(), b1.headerJson, side.headerJson]);
  });

  it('finalized heads: the finalized header at once, then each finalized block', async () => {
    const b1 = chain.addBlock();
    const { sink } = await subscribeMethod(table, 'chain_subscribeFinalisedHeads');
    expect(sink.sent).toEqual([(await chain.blockByHash(chain.genesisHash))?.headerJson]);
    chain.addBlock();
    chain.finalize(b1.hash);
    expect(sink.sent).toEqual([expect.anything(), b1.headerJson]);
  });

  it('declares the notification names and every unsubscribe alias', () => {
    const shape = (name: string) => {
      const m = table[name];
      return m?.kind === 'subscribe' ? { notification: m.notification, unsubscribe: m.unsubscribe } : undefined;
    };
    const newHeads = { notification: 'chain_newHead', unsubscribe: ['chain_unsubscribeNewHeads', 'chain_unsubscribeNewHead'] };
    expect(shape('chain_subscribeNewHeads')).toEqual(newHeads);
    expect(shape('chain_subscribeNewHead')).toEqual(newHeads);
    expect(shape('chain_subscribeAllHeads')).toEqual({ notification: 'chain_allHead', unsubscribe: ['chain_unsubscribeAllHeads'] });
    const fin = { notification: 'chain_finalizedHead', unsubscribe: ['chain_unsubscribeFinalizedHeads', 'chain_unsubscribeFinalisedHeads'] };
    expect(shape('chain_subscribeFinalizedHeads')).toEqual(fin);
    expect(shape('chain_subscribeFinalisedHeads')).toEqual(fin);
  });
});
