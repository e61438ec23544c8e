import { u8aToHex } from '@polkadot/util';
import { blake2AsHex } from '@polkadot/util-crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { RpcError } from '../errors.ts';
import type { RpcMethodTable } from '../types.ts';
import { substrateMethods } from './index.ts';
import { FAKE_METADATA_V14, FakeChain, callMethod, flush, key, subscribeMethod } from './test-support.ts';

const P = '0xaaaa';
const A = key(P, 1);
const B = key(P, 2);
const C = key(P, 3);
const OTHER = '0xbbbb01';
const UNKNOWN = `0x${'ee'.repeat(32)}`;

let chain: FakeChain;
let table: RpcMethodTable;

beforeEach(() => {
  chain = new FakeChain({ [A]: '0x01', [B]: '0x0202', [C]: '0x03', [OTHER]: '0xff' });
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

describe('state_getRuntimeVersion', () => {
  it('answers with camelCase fields, hex api ids and both systemVersion and stateVersion', async () => {
    const v = await callMethod(table, 'state_getRuntimeVersion');
    expect(v).toEqual({
      specName: 'trainchain',
      implName: 'trainchain-node',
      authoringVersion: 1,
      specVersion: 100,
      implVersion: 1,
      apis: [
        [blake2AsHex('Core', 64), 5],
        [blake2AsHex('Metadata', 64), 2],
      ],
      transactionVersion: 1,
      systemVersion: 1,
      stateVersion: 1,
    });
    expect(await callMethod(table, 'chain_getRuntimeVersion', [u8aToHex(chain.genesisHash)])).toEqual(v);
  });

  it('is a 4003 error for an unknown block and -32602 for a malformed hash', async () => {
    const e = await rejects(Promise.resolve(callMethod(table, 'state_getRuntimeVersion', [UNKNOWN])));
    expect(e.code).toBe(4003);
    expect(e.message).toMatch(/^Client error: UnknownBlock: /);
    const bad = await rejects(Promise.resolve(callMethod(table, 'state_getRuntimeVersion', ['0x1234'])));
    expect(bad.code).toBe(-32602);
    expect(bad.message).toContain('hash');
  });

  it('subscription sends the current version at once and nothing while it does not change', async () => {
    const { sink, cleanup } = await subscribeMethod(table, 'state_subscribeRuntimeVersion');
    expect(sink.sent).toHaveLength(1);
    expect(sink.sent[0]).toMatchObject({ specVersion: 100, stateVersion: 1 });
    chain.addBlock();
    expect(sink.sent).toHaveLength(1);
    cleanup();
    expect(chain.listenerCount).toBe(0);
  });
});

describe('state_getMetadata / state_call', () => {
  it('returns the V14 metadata bytes as hex', async () => {
    expect(await callMethod(table, 'state_getMetadata')).toBe(u8aToHex(FAKE_METADATA_V14));
  });

  it('runs a runtime API at the given block and returns its output as hex', async () => {
    chain.calls.set('AccountNonceApi_account_nonce', (data, at) => (data.length === 32 && at.length === 32 ? new Uint8Array([7, 0, 0, 0]) : new Uint8Array()));
    const out = await callMethod(table, 'state_call', ['AccountNonceApi_account_nonce', `0x${'11'.repeat(32)}`, u8aToHex(chain.genesisHash)]);
    expect(out).toBe('0x07000000');
  });

  it('answers an unknown runtime API like Substrate, and wraps runtime failures', async () => {
    const e = await rejects(Promise.resolve(callMethod(table, 'state_call', ['Foo_bar', '0x'])));
    expect(e.code).toBe(4003);
    expect(e.message).toBe('Client error: Execution failed: Exported method Foo_bar is not found');
    chain.calls.set('Core_version', () => {
      throw new Error('boom');
    });
    const f = await rejects(Promise.resolve(callMethod(table, 'state_call', ['Core_version', '0x'])));
    expect(f.code).toBe(4003);
    expect(f.message).toBe('Client error: Execution failed: boom');
  });

  it('validates its params', async () => {
    expect((await rejects(Promise.resolve(callMethod(table, 'state_call', [42, '0x'])))).message).toContain('method');
    expect((await rejects(Promise.resolve(callMethod(table, 'state_call', ['Core_version', '0x123'])))).message).toContain('data');
    expect((await rejects(Promise.resolve(callMethod(table, 'state_call', ['Core_version', 'zz'])))).code).toBe(-32602);
  });
});

describe('state_getStorage and friends', () => {
  it('reads a value, its hash and its size, with null for a missing key', async () => {
    expect(await callMethod(table, 'state_getStorage', [B])).toBe('0x0202');
    expect(await callMethod(table, 'state_getStorageAt', [key(P, 9)])).toBeNull();
    expect(await callMethod(table, 'state_getStorageHash', [B])).toBe(blake2AsHex('0x0202', 256));
    expect(await callMethod(table, 'state_getStorageHash', [key(P, 9)])).toBeNull();
    expect(await callMethod(table, 'state_getStorageSize', [B])).toBe(2);
    // A key with no value is a prefix: the sizes of the values under it add up.
    expect(await callMethod(table, 'state_getStorageSize', [P])).toBe(4);
    expect(await callMethod(table, 'state_getStorageSize', ['0xcc'])).toBeNull();
  });

  it('reads at a past block and rejects unknown blocks with 4003', async () => {
    const genesis = u8aToHex(chain.genesisHash);
    chain.addBlock({ [B]: '0x09' });
    expect(await callMethod(table, 'state_getStorage', [B])).toBe('0x09');
    expect(await callMethod(table, 'state_getStorage', [B, genesis])).toBe('0x0202');
    expect(await callMethod(table, 'state_getStorage', [B, null])).toBe('0x09');
    const e = await rejects(Promise.resolve(callMethod(table, 'state_getStorage', [B, UNKNOWN])));
    expect(e.code).toBe(4003);
    expect(e.message).toContain(UNKNOWN);
  });

  it('names the bad param', async () => {
    const e = await rejects(Promise.resolve(callMethod(table, 'state_getStorage', ['nothex'])));
    expect(e.code).toBe(-32602);
    expect(e.message).toMatch(/^Invalid params: key: expected 0x-prefixed hex/);
    const h = await rejects(Promise.resolve(callMethod(table, 'state_getStorage', [A, '0x00'])));
    expect(h.message).toMatch(/^Invalid params: hash: expected a 32-byte hash/);
  });
});

describe('state_getKeysPaged', () => {
  it('returns sorted keys under the prefix, strictly greater than startKey', async () => {
    expect(await callMethod(table, 'state_getKeysPaged', [P, 10])).toEqual([A, B, C]);
    expect(await callMethod(table, 'state_getKeysPaged', [P, 2])).toEqual([A, B]);
    // @polkadot/api's first page starts at the prefix itself, the next ones at the last key seen.
    expect(await callMethod(table, 'state_getKeysPaged', [P, 2, P])).toEqual([A, B]);
    expect(await callMethod(table, 'state_getKeysPaged', [P, 2, B])).toEqual([C]);
    expect(await callMethod(table, 'state_getKeysPaged', [P, 2, C])).toEqual([]);
    expect(await callMethod(table, 'state_getKeysPagedAt', [null, 10])).toEqual([A, B, C, OTHER]);
    expect(await callMethod(table, 'state_getKeysPaged', [P, 0])).toEqual([]);
  });

  it('keeps those guarantees even when the node answers carelessly', async () => {
    chain.sloppyKeys = true;
    expect(await callMethod(table, 'state_getKeysPaged', [P, 2, A])).toEqual([B, C]);
    expect(await callMethod(table, 'state_getKeysPaged', [P, 10])).toEqual([A, B, C]);
  });

  it('refuses a count above 1000 with 4002, as Substrate', async () => {
    const e = await rejects(Promise.resolve(callMethod(table, 'state_getKeysPaged', [P, 1001])));
    expect(e.code).toBe(4002);
    expect(e.message).toBe('count exceeds maximum value. value: 1001, max: 1000');
    expect((await rejects(Promise.resolve(callMethod(table, 'state_getKeysPaged', [P, -1])))).code).toBe(-32602);
    expect((await rejects(Promise.resolve(callMethod(table, 'state_getKeysPaged', [P, '10'])))).message).toContain('count');
  });

  it('state_getKeys returns every key under the prefix', async () => {
    expect(await callMethod(table, 'state_getKeys', [P])).toEqual([A, B, C]);
  });
});

describe('state_queryStorageAt', () => {
  it('answers [{ block, changes: [[key, value | null]] }]', async () => {
    const res = await callMethod(table, 'state_queryStorageAt', [[A, key(P, 9), C]]);
    expect(res).toEqual([
      {
        block: u8aToHex(chain.best().hash),
        changes: [
          [A, '0x01'],
          [key(P, 9), null],
          [C, '0x03'],
        ],
      },
    ]);
  });

  it('reads at the given block, lowercases keys and gives [] for no keys', async () => {
    const genesis = u8aToHex(chain.genesisHash);
    chain.addBlock({ [A]: '0x77' });
    expect(await callMethod(table, 'state_queryStorageAt', [[A.toUpperCase().replace('0X', '0x')], genesis])).toEqual([{ block: genesis, changes: [[A, '0x01']] }]);
    expect(await callMethod(table, 'state_queryStorageAt', [[]])).toEqual([]);
    expect((await rejects(Promise.resolve(callMethod(table, 'state_queryStorageAt', [A])))).message).toContain('keys');
    expect((await rejects(Promise.resolve(callMethod(table, 'state_queryStorageAt', [[A, 7]])))).message).toContain('keys[1]');
  });
});

describe('state_queryStorage', () => {
  it('is unsafe and gives the first block in full, then only blocks where values changed', async () => {
    expect(table.state_queryStorage?.unsafe).toBe(true);
    const g = chain.genesisHash;
    const b1 = chain.addBlock({ [A]: '0x11' });
    chain.addBlock({ [OTHER]: '0x00' });
    const b3 = chain.addBlock({ [B]: null });
    const res = await callMethod(table, 'state_queryStorage', [[A, B], u8aToHex(g)]);
    expect(res).toEqual([
      { block: u8aToHex(g), changes: [[A, '0x01'], [B, '0x0202']] },
      { block: u8aToHex(b1.hash), changes: [[A, '0x11']] },
      { block: u8aToHex(b3.hash), changes: [[B, null]] },
    ]);
  });

  it('refuses reversed ranges and blocks on different forks with 4001', async () => {
    const b1 = chain.addBlock();
    const fork = chain.addBlock({}, { parent: chain.genesisHash, best: false });
    const b2 = chain.addBlock();
    const rev = await rejects(Promise.resolve(callMethod(table, 'state_queryStorage', [[A], u8aToHex(b2.hash), u8aToHex(b1.hash)])));
    expect(rev.code).toBe(4001);
    expect(rev.message).toContain('from number > to number');
    const forks = await rejects(Promise.resolve(callMethod(table, 'state_queryStorage', [[A], u8aToHex(fork.hash), u8aToHex(b2.hash)])));
    expect(forks.code).toBe(4001);
    expect(forks.message).toContain('different forks');
    const unknown = await rejects(Promise.resolve(callMethod(table, 'state_queryStorage', [[A], UNKNOWN])));
    expect(unknown.code).toBe(4001);
  });
});

describe('state_subscribeStorage', () => {
  it('sends every current value first, then only the keys that changed in each new best block', async () => {
    const { sink, cleanup } = await subscribeMethod(table, 'state_subscribeStorage', [[A, B, key(P, 9)]]);
    expect(sink.sent).toEqual([
      {
        block: u8aToHex(chain.best().hash),
        changes: [
          [A, '0x01'],
          [B, '0x0202'],
          [key(P, 9), null],
        ],
      },
    ]);
    const b1 = chain.addBlock({ [B]: '0x05', [OTHER]: '0x00' });
    await flush();
    expect(sink.sent[1]).toEqual({ block: u8aToHex(b1.hash), changes: [[B, '0x05']] });
    // Nothing watched changed: no notification.
    chain.addBlock({ [OTHER]: '0x01' });
    await flush();
    expect(sink.sent).toHaveLength(2);
    // Not the best block: no notification either.
    chain.addBlock({ [A]: '0x99' }, { best: false });
    await flush();
    expect(sink.sent).toHaveLength(2);
    const b3 = chain.addBlock({ [key(P, 9)]: '0x09', [A]: null });
    await flush();
    expect(sink.sent[2]).toEqual({
      block: u8aToHex(b3.hash),
      changes: [
        [A, null],
        [key(P, 9), '0x09'],
      ],
    });
    cleanup();
    expect(chain.listenerCount).toBe(0);
    chain.addBlock({ [A]: '0x01' });
    await flush();
    expect(sink.sent).toHaveLength(3);
  });

  it('keeps block order when blocks come faster than the reads', async () => {
    const { sink } = await subscribeMethod(table, 'state_subscribeStorage', [[A]]);
    // Later blocks read faster: without serialization their notifications would overtake.
    const delays = new Map<string, number>();
    chain.readDelayMs = (hash) => delays.get(u8aToHex(hash)) ?? 0;
    const hashes = [1, 2, 3].map((i) => {
      const h = u8aToHex(chain.addBlock({ [A]: `0x1${i}` }).hash);
      delays.set(h, 40 - 10 * i);
      return h;
    });
    await flush(120);
    expect(sink.sent.slice(1)).toEqual(hashes.map((block, i) => ({ block, changes: [[A, `0x1${i + 1}`]] })));
  });

  it('refuses the keyless form with a clear -32602 and creates nothing', async () => {
    const e = await rejects(subscribeMethod(table, 'state_subscribeStorage', []));
    expect(e.code).toBe(-32602);
    expect(e.message).toContain('subscribing to every storage change is not supported');
    expect(chain.listenerCount).toBe(0);
  });
});
