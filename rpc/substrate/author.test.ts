import { u8aToHex } from '@polkadot/util';
import { blake2AsHex } from '@polkadot/util-crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { RpcError } from '../errors.ts';
import type { RpcMethodTable } from '../types.ts';
import { substrateMethods } from './index.ts';
import { FakeChain, callMethod, subscribeMethod } from './test-support.ts';

const TX = '0x280403000b207eba5c8501';
const TX_HASH = blake2AsHex(TX, 256);
const BLOCK = `0x${'12'.repeat(32)}`;

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

describe('author_submitExtrinsic', () => {
  it('hands the bytes to the pool and answers the tx hash', async () => {
    expect(await callMethod(table, 'author_submitExtrinsic', [TX])).toBe(TX_HASH);
    expect(chain.pool.submitted.map((x) => u8aToHex(x))).toEqual([TX]);
    expect(await callMethod(table, 'author_pendingExtrinsics')).toEqual([TX]);
  });

  it('turns a pool rejection into the JSON-RPC error with its code, message and data', async () => {
    chain.pool.rejectNext = { code: 1010, message: 'Invalid Transaction', data: 'Transaction has a bad signature' };
    const e = await rejects(Promise.resolve(callMethod(table, 'author_submitExtrinsic', [TX])));
    expect(e.toJSON()).toEqual({ code: 1010, message: 'Invalid Transaction', data: 'Transaction has a bad signature' });
    chain.pool.rejectNext = { code: 1012, message: 'Transaction is temporarily banned' };
    expect((await rejects(Promise.resolve(callMethod(table, 'author_submitExtrinsic', [TX])))).toJSON()).toEqual({ code: 1012, message: 'Transaction is temporarily banned' });
  });

  it('answers 1002 for bytes that are not hex and -32602 for a param that is not a string', async () => {
    const e = await rejects(Promise.resolve(callMethod(table, 'author_submitExtrinsic', ['0x123'])));
    expect(e.code).toBe(1002);
    expect(e.message).toMatch(/^Verification Error: /);
    expect((await rejects(Promise.resolve(callMethod(table, 'author_submitExtrinsic', [])))).code).toBe(-32602);
    expect(chain.pool.submitted).toHaveLength(0);
  });
});

describe('author_submitAndWatchExtrinsic', () => {
  it('throws a rejection from the handler itself, so no subscription exists', async () => {
    chain.pool.rejectNext = { code: 1010, message: 'Invalid Transaction', data: 'Transaction is outdated' };
    const e = await rejects(subscribeMethod(table, 'author_submitAndWatchExtrinsic', [TX]));
    expect(e.toJSON()).toEqual({ code: 1010, message: 'Invalid Transaction', data: 'Transaction is outdated' });
    expect(chain.pool.watchers.size).toBe(0);
  });

  it('forwards the statuses as they come and closes after finalized', async () => {
    chain.pool.statusOnSubmit = 'ready';
    const { sink, cleanup } = await subscribeMethod(table, 'author_submitAndWatchExtrinsic', [TX]);
    chain.pool.emit(TX_HASH, { broadcast: [] });
    chain.pool.emit(TX_HASH, { inBlock: BLOCK });
    expect(sink.closed).toBe(false);
    chain.pool.emit(TX_HASH, { finalized: BLOCK });
    expect(sink.sent).toEqual(['ready', { broadcast: [] }, { inBlock: BLOCK }, { finalized: BLOCK }]);
    expect(sink.closed).toBe(true);
    cleanup();
    expect(chain.pool.unwatched).toEqual([TX_HASH]);
    expect(chain.pool.watchers.size).toBe(0);
  });

  it.each(['invalid', 'dropped', { usurped: BLOCK }, { finalityTimeout: BLOCK }] as const)('ends the watch after %j', async (status) => {
    const { sink } = await subscribeMethod(table, 'author_submitAndWatchExtrinsic', [TX]);
    chain.pool.emit(TX_HASH, 'future');
    chain.pool.emit(TX_HASH, status);
    expect(sink.sent).toEqual(['future', status]);
    expect(sink.closed).toBe(true);
  });

  it('stops watching when the client unsubscribes', async () => {
    const { cleanup } = await subscribeMethod(table, 'author_submitAndWatchExtrinsic', [TX]);
    expect(chain.pool.watchers.size).toBe(1);
    cleanup();
    expect(chain.pool.watchers.size).toBe(0);
  });

  it('is unsubscribed with author_unwatchExtrinsic', () => {
    const m = table.author_submitAndWatchExtrinsic;
    expect(m?.kind === 'subscribe' && m.notification).toBe('author_extrinsicUpdate');
    expect(m?.kind === 'subscribe' && m.unsubscribe).toEqual(['author_unwatchExtrinsic']);
  });
});

describe('author_removeExtrinsic', () => {
  it('is unsafe, and removes by hash or by extrinsic bytes', async () => {
    const removable = new FakeChain();
    const t = substrateMethods(removable, { dev: true });
    expect(t.author_removeExtrinsic?.unsafe).toBe(true);
    expect(await callMethod(t, 'author_removeExtrinsic', [[{ hash: BLOCK }, { extrinsic: TX }]])).toEqual([BLOCK, TX_HASH]);
    expect(removable.pool.removed).toEqual([BLOCK, TX_HASH]);
    const e = await rejects(Promise.resolve(callMethod(t, 'author_removeExtrinsic', [[{ nope: 1 }]])));
    expect(e.message).toContain('bytesOrHash[0]');
  });
});
