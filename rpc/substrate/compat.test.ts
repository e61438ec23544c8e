/**
 * The JSON the handlers answer, decoded the way @polkadot/rpc-core decodes it: `createType(<the
 * method's declared return type>, result)` with the built-in type definitions.
 */
import { TypeRegistry } from '@polkadot/types';
import type { Codec } from '@polkadot/types/types';
import { blake2AsHex } from '@polkadot/util-crypto';
import { describe, expect, it } from 'vitest';
import { substrateMethods } from './index.ts';
import { FakeChain, callMethod, flush, subscribeMethod } from './test-support.ts';

const registry = new TypeRegistry();
const decodeAs = (type: string, value: unknown): Record<string, unknown> => {
  const codec: Codec = registry.createType(type, value);
  return codec.toJSON() as Record<string, unknown>;
};

describe('@polkadot/types decodes the answers', () => {
  const chain = new FakeChain({ '0xaa01': '0x0102' });
  chain.addBlock({ '0xaa01': '0x0304' });
  const table = substrateMethods(chain, { dev: true });

  it('RuntimeVersion', async () => {
    const v = decodeAs('RuntimeVersion', await callMethod(table, 'state_getRuntimeVersion'));
    expect(v).toMatchObject({ specName: 'trainchain', specVersion: 100, transactionVersion: 1, stateVersion: 1 });
    expect(v.apis).toEqual([
      [blake2AsHex('Core', 64), 5],
      [blake2AsHex('Metadata', 64), 2],
    ]);
  });

  it('Header, SignedBlock and BlockHash', async () => {
    expect(decodeAs('Header', await callMethod(table, 'chain_getHeader'))).toMatchObject({ number: 1 });
    expect(decodeAs('SignedBlock', await callMethod(table, 'chain_getBlock'))).toMatchObject({ block: { header: { number: 1 }, extrinsics: [] }, justifications: null });
    expect(registry.createType('BlockHash', await callMethod(table, 'chain_getBlockHash', [0])).toHex()).toBe(registry.createType('BlockHash', chain.genesisHash).toHex());
  });

  it('Vec<StorageChangeSet> and Vec<StorageKey>', async () => {
    const sets = registry.createType('Vec<StorageChangeSet>', await callMethod(table, 'state_queryStorageAt', [['0xaa01', '0xaa02']]));
    expect(sets.toJSON()).toEqual([{ block: registry.createType('Hash', chain.best().hash).toHex(), changes: [['0xaa01', '0x0304'], ['0xaa02', null]] }]);
    expect(registry.createType('Vec<StorageKey>', await callMethod(table, 'state_getKeysPaged', ['0xaa', 10])).toJSON()).toEqual(['0xaa01']);
  });

  it('Health, SyncState, ChainProperties, ChainType', async () => {
    expect(decodeAs('Health', await callMethod(table, 'system_health'))).toEqual({ peers: 0, isSyncing: false, shouldHavePeers: false });
    expect(decodeAs('SyncState', await callMethod(table, 'system_syncState'))).toEqual({ startingBlock: 1, currentBlock: 1, highestBlock: 1 });
    expect(registry.createType('ChainProperties', await callMethod(table, 'system_properties')).toHuman()).toMatchObject({ ss58Format: '42', tokenDecimals: ['18'], tokenSymbol: ['TRAIN'] });
    expect(registry.createType('ChainType', await callMethod(table, 'system_chainType')).toString()).toBe('Development');
  });

  it('subscription notifications: Header, RuntimeVersion, StorageChangeSet, ExtrinsicStatus', async () => {
    const heads = await subscribeMethod(table, 'chain_subscribeNewHead');
    expect(decodeAs('Header', heads.sink.sent[0])).toMatchObject({ number: 1 });
    const rv = await subscribeMethod(table, 'state_subscribeRuntimeVersion');
    expect(decodeAs('RuntimeVersion', rv.sink.sent[0])).toMatchObject({ specVersion: 100 });
    const storage = await subscribeMethod(table, 'state_subscribeStorage', [['0xaa01']]);
    await flush();
    expect(decodeAs('StorageChangeSet', storage.sink.sent[0])).toMatchObject({ changes: [['0xaa01', '0x0304']] });
    for (const status of ['ready', { inBlock: `0x${'12'.repeat(32)}` }, { finalized: `0x${'12'.repeat(32)}` }, 'invalid']) {
      expect(registry.createType('ExtrinsicStatus', status).type).toMatch(/^(Ready|InBlock|Finalized|Invalid)$/);
    }
  });

  it('FeeDetails and RuntimeDispatchInfo (V2 weights; api.rpc.payment.queryInfo declares V1, as it does against Substrate)', async () => {
    chain.calls.set('TransactionPaymentApi_query_info', () =>
      registry.createType('RuntimeDispatchInfoV2', { weight: { refTime: 10, proofSize: 2 }, class: 'Normal', partialFee: 5 }).toU8a(),
    );
    chain.calls.set('TransactionPaymentApi_query_fee_details', () => registry.createType('(Option<(u128, u128, u128)>, u128)', [[1, 2, 3], 0]).toU8a());
    expect(decodeAs('RuntimeDispatchInfo', await callMethod(table, 'payment_queryInfo', ['0x0400']))).toEqual({
      weight: { refTime: 10, proofSize: 2 },
      class: 'Normal',
      partialFee: 5,
    });
    expect(decodeAs('FeeDetails', await callMethod(table, 'payment_queryFeeDetails', ['0x0400']))).toEqual({ inclusionFee: { baseFee: 1, lenFee: 2, adjustedWeightFee: 3 } });
  });
});
