import { u8aToHex } from '@polkadot/util';
import { beforeEach, describe, expect, it } from 'vitest';
import { RpcError } from '../errors.ts';
import type { RpcMethodTable } from '../types.ts';
import { substrateMethods } from './index.ts';
import { FakeChain, callMethod } from './test-support.ts';

let chain: FakeChain;
let table: RpcMethodTable;

beforeEach(() => {
  chain = new FakeChain();
  table = substrateMethods(chain, { dev: true });
});

async function invalidParams(name: string, params: unknown[]): Promise<string> {
  const e = await Promise.resolve(callMethod(table, name, params)).catch((err: unknown) => err);
  expect(e).toBeInstanceOf(RpcError);
  expect((e as RpcError).code).toBe(-32602);
  return (e as RpcError).message;
}

describe('dev_*', () => {
  it('are all unsafe', () => {
    for (const name of ['dev_newBlock', 'dev_setStorage', 'dev_timeTravel']) expect(table[name]?.unsafe).toBe(true);
  });

  it('dev_newBlock builds one block, or count blocks, and answers the last hash', async () => {
    expect(await callMethod(table, 'dev_newBlock')).toBe(u8aToHex(chain.best().hash));
    expect(await callMethod(table, 'dev_newBlock', [{ count: 3 }])).toBe(u8aToHex(chain.best().hash));
    expect(chain.produced).toEqual([1, 3]);
    expect(chain.best().number).toBe(4);
    expect(await invalidParams('dev_newBlock', [{ count: 0 }])).toContain('options.count');
    expect(await invalidParams('dev_newBlock', [{ count: 1, to: 5 }])).toContain('unsupported: to');
  });

  it('dev_setStorage writes raw pairs (null deletes) and answers the block hash', async () => {
    const hash = await callMethod(table, 'dev_setStorage', [[['0xaa01', '0x0102'], ['0xaa02', null]]]);
    expect(hash).toBe(u8aToHex(chain.best().hash));
    expect(chain.storageWrites[0]?.map(([k, v]) => [u8aToHex(k), v && u8aToHex(v)])).toEqual([
      ['0xaa01', '0x0102'],
      ['0xaa02', null],
    ]);
    expect(await callMethod(table, 'state_getStorage', ['0xaa01'])).toBe('0x0102');
    expect(await invalidParams('dev_setStorage', [[['0xaa01']]])).toContain('values[0]');
    expect(await invalidParams('dev_setStorage', [[['0xaa01', 'x']]])).toContain('values[0][1]');
    expect(await invalidParams('dev_setStorage', [[], u8aToHex(chain.genesisHash)])).toContain('blockHash');
  });

  it('dev_timeTravel takes ms or a date string and answers the timestamp', async () => {
    expect(await callMethod(table, 'dev_timeTravel', [1_700_000_000_000])).toBe(1_700_000_000_000);
    expect(chain.timestamp).toBe(1_700_000_000_000);
    expect(await callMethod(table, 'dev_timeTravel', ['2030-01-01T00:00:00Z'])).toBe(Date.UTC(2030, 0, 1));
    expect(chain.timestamp).toBe(Date.UTC(2030, 0, 1));
    expect(await invalidParams('dev_timeTravel', ['not a date'])).toContain('date');
    expect(await invalidParams('dev_timeTravel', [-5])).toContain('date');
  });
});
