/** Storage keys: `twox128(pallet) ++ twox128(item) ++ hasher(key)`, checked against well-known Substrate keys. */
import { decodeAddress } from '@polkadot/util-crypto';
import { u8aToHex } from '@polkadot/util';
import { describe, expect, it } from 'vitest';
import { createRuntime } from '../runtime.ts';

const rt = createRuntime();
const alice = decodeAddress('5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY');

describe('storage keys', () => {
  it.each([
    ['System.Account(Alice)', () => rt.system.storage.Account.storageKey(alice), '0x26aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da9de1e86a9a8c739864cf3cc5ec2bea59fd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d'],
    ['System.Events', () => rt.system.storage.Events.storageKey(), '0x26aa394eea5630e07c48ae0c9558cef780d41e5e16056765bc8461851072c9d7'],
    ['System.Number', () => rt.system.storage.Number.storageKey(), '0x26aa394eea5630e07c48ae0c9558cef702a5c1b19ab7a04f536c519aca4983ac'],
    ['System.BlockHash(0)', () => rt.system.storage.BlockHash.storageKey(0), '0x26aa394eea5630e07c48ae0c9558cef7a44704b568d21667356a5a050c118746b4def25cfda6ef3a00000000'],
    ['Balances.TotalIssuance', () => rt.balances.storage.TotalIssuance.storageKey(), '0xc2261276cc9d1f8598ea4b6a74b15c2f57c875e4cff74148e4628f264b974c80'],
    ['Timestamp.Now', () => rt.timestamp.storage.Now.storageKey(), '0xf0c365c3cf59d671eb72da0e7a4113c49f1f0515f462cdcf84e0f1d6045dfcbb'],
  ])('%s', (_name, key, expected) => {
    expect(u8aToHex(key())).toBe(expected);
  });
});
