import { u8aToHex } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import { describe, expect, it } from 'vitest';
import { RpcError } from '../errors.ts';
import { substrateMethods } from './index.ts';
import { FakeChain, callMethod } from './test-support.ts';

const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';

describe('system_*', () => {
  it('reports the node identity from the chain', async () => {
    const chain = new FakeChain();
    const table = substrateMethods(chain, { dev: true, version: '1.2.3', listenAddresses: ['/ip4/127.0.0.1/tcp/30333'] });
    expect(await callMethod(table, 'system_chain')).toBe('TrainChain Test');
    expect(await callMethod(table, 'system_name')).toBe('trainchain-test');
    expect(await callMethod(table, 'system_version')).toBe('1.2.3');
    expect(await callMethod(table, 'system_chainType')).toBe('Development');
    expect(await callMethod(table, 'system_properties')).toEqual({ ss58Format: 42, tokenDecimals: 18, tokenSymbol: 'TRAIN' });
    expect(await callMethod(table, 'system_peers')).toEqual([]);
    expect(await callMethod(table, 'system_localPeerId')).toBe('12D3KooWTestPeer');
    expect(await callMethod(table, 'system_localListenAddresses')).toEqual(['/ip4/127.0.0.1/tcp/30333']);
    expect(await callMethod(table, 'system_nodeRoles')).toEqual(['Authority']);
    chain.isValidator = false;
    expect(await callMethod(table, 'system_nodeRoles')).toEqual(['Full']);
  });

  it('defaults the version to the package version', async () => {
    const v = await callMethod(substrateMethods(new FakeChain(), { dev: true }), 'system_version');
    expect(v).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('health: no peers, not syncing; peers are expected only off a development chain', async () => {
    const chain = new FakeChain();
    expect(await callMethod(substrateMethods(chain, { dev: true }), 'system_health')).toEqual({ peers: 0, isSyncing: false, shouldHavePeers: false });
    chain.chainType = 'Live';
    expect(await callMethod(substrateMethods(chain, { dev: false }), 'system_health')).toEqual({ peers: 0, isSyncing: false, shouldHavePeers: true });
    expect(await callMethod(substrateMethods(chain, { dev: true }), 'system_health')).toMatchObject({ shouldHavePeers: false });
  });

  it('sync state: starting block from startup, current and highest = best', async () => {
    const chain = new FakeChain();
    chain.addBlock();
    const table = substrateMethods(chain, { dev: true });
    chain.addBlock();
    chain.addBlock();
    expect(await callMethod(table, 'system_syncState')).toEqual({ startingBlock: 1, currentBlock: 3, highestBlock: 3 });
  });

  it('accountNextIndex takes an SS58 address or a hex account id', async () => {
    const chain = new FakeChain();
    const alice = decodeAddress(ALICE);
    chain.pool.nonces.set(u8aToHex(alice), 5);
    const table = substrateMethods(chain, { dev: true });
    expect(await callMethod(table, 'system_accountNextIndex', [ALICE])).toBe(5);
    expect(await callMethod(table, 'system_accountNextIndex', [u8aToHex(alice)])).toBe(5);
    expect(await callMethod(table, 'system_accountNextIndex', [`0x${'00'.repeat(32)}`])).toBe(0);
    for (const bad of ['5Grw-not-an-address', `0x${'00'.repeat(20)}`, 42]) {
      const e = await Promise.resolve(callMethod(table, 'system_accountNextIndex', [bad])).catch((err: unknown) => err);
      expect(e).toBeInstanceOf(RpcError);
      expect((e as RpcError).code).toBe(-32602);
      expect((e as RpcError).message).toContain('account');
    }
  });
});
