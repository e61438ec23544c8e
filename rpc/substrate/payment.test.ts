import { TypeRegistry } from '@polkadot/types';
import { u8aToHex } from '@polkadot/util';
import { beforeEach, describe, expect, it } from 'vitest';
import { RpcError } from '../errors.ts';
import type { RpcMethodTable } from '../types.ts';
import { substrateMethods } from './index.ts';
import { FakeChain, callMethod } from './test-support.ts';

const TX = '0x1004030201';
// @polkadot/types encodes the runtime's answers, independently of the node's own codecs.
const registry = new TypeRegistry();

let chain: FakeChain;
let table: RpcMethodTable;
let seen: string[];

beforeEach(() => {
  chain = new FakeChain();
  table = substrateMethods(chain, { dev: true });
  seen = [];
  chain.calls.set('TransactionPaymentApi_query_info', (data) => {
    seen.push(u8aToHex(data));
    return registry
      .createType('RuntimeDispatchInfoV2', { weight: { refTime: 125_000_000, proofSize: 3593 }, class: 'Operational', partialFee: 10n ** 20n + 1n })
      .toU8a();
  });
  chain.calls.set('TransactionPaymentApi_query_fee_details', (data) => {
    seen.push(u8aToHex(data));
    return registry
      .createType('(Option<(u128, u128, u128)>, u128)', [[1_000, 2n ** 60n, 3], 0])
      .toU8a();
  });
});

describe('payment_queryInfo', () => {
  it('calls TransactionPaymentApi_query_info with the extrinsic and its u32 length, and answers JSON', async () => {
    const info = await callMethod(table, 'payment_queryInfo', [TX]);
    expect(seen).toEqual([`${TX}05000000`]);
    expect(info).toEqual({ weight: { refTime: 125_000_000, proofSize: 3593 }, class: 'operational', partialFee: '100000000000000000001' });
  });

  it('answers Substrate’s code 1 when the runtime call fails or the block is unknown', async () => {
    chain.calls.set('TransactionPaymentApi_query_info', () => {
      throw new Error('Could not decode extrinsic');
    });
    const e = await Promise.resolve(callMethod(table, 'payment_queryInfo', [TX])).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(RpcError);
    expect((e as RpcError).toJSON()).toEqual({ code: 1, message: 'Unable to query dispatch info.', data: 'Could not decode extrinsic' });
    const u = await Promise.resolve(callMethod(table, 'payment_queryInfo', [TX, `0x${'ee'.repeat(32)}`])).catch((err: unknown) => err);
    expect((u as RpcError).code).toBe(1);
    expect(String((u as RpcError).data)).toContain('UnknownBlock');
  });
});

describe('payment_queryFeeDetails', () => {
  it('answers the inclusion fee parts as numbers, or hex beyond 2^53', async () => {
    const details = await callMethod(table, 'payment_queryFeeDetails', [TX, u8aToHex(chain.genesisHash)]);
    expect(details).toEqual({ inclusionFee: { baseFee: 1000, lenFee: `0x${(2n ** 60n).toString(16)}`, adjustedWeightFee: 3 } });
    chain.calls.set('TransactionPaymentApi_query_fee_details', () => registry.createType('(Option<(u128, u128, u128)>, u128)', [null, 0]).toU8a());
    expect(await callMethod(table, 'payment_queryFeeDetails', [TX])).toEqual({ inclusionFee: null });
  });
});
