/** Table-driven checks of our SCALE codecs against @polkadot/types, the reference encoder clients use. */
import { Metadata, TypeRegistry } from '@polkadot/types';
import { runtimeApis } from '../apis.ts';
import { createRuntime } from '../runtime.ts';
import { u8aToHex } from '@polkadot/util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AccountInfo, NEW_LOGIC_FLAG } from '../../pallets/system/types.ts';
import { decodeEra, encodeEra, eraBirth, mortalEra } from '../extrinsic/era.ts';
import { encodeHeader, hashHeader } from '../header.ts';
import { DispatchError, MultiAddress } from '../primitives.ts';
import { bytes, compact, decode, encode, option, u32, u64, u128, vec } from './codec.ts';
import { ScaleDecodeError } from './io.ts';

const registry = new TypeRegistry();
// Note: @polkadot/types' `Int.toHex()` is big-endian, not SCALE; compare `toU8a()` bytes.
const hex = (b: Uint8Array) => u8aToHex(b);

describe('SCALE codecs', () => {
  it.each([0n, 1n, 63n, 64n, 16383n, 16384n, 2n ** 30n - 1n, 2n ** 30n, 2n ** 64n - 1n, 2n ** 128n - 1n])('compact %s equals @polkadot/types', (n) => {
    expect(hex(encode(compact(u128), n))).toBe(hex(registry.createType('Compact<u128>', n).toU8a()));
    expect(decode(compact(u128), encode(compact(u128), n))).toBe(n);
  });

  it('rejects non-canonical compacts, truncation and trailing bytes', () => {
    expect(() => decode(compact(u128), new Uint8Array([0x03, 0, 0, 0, 0]))).toThrow(ScaleDecodeError);
    expect(() => decode(u32, new Uint8Array([1, 2]))).toThrow(ScaleDecodeError);
    expect(() => decode(u32, new Uint8Array([1, 2, 3, 4, 5]))).toThrow(/trailing/);
    expect(() => decode(bytes, new Uint8Array([0xfe, 0xff, 0xff, 0xff]))).toThrow(/exceeds/);
  });

  it('round-trips vectors, options and integers for random values', () => {
    const codec = vec(option(u64));
    fc.assert(
      fc.property(fc.array(fc.option(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), { nil: undefined })), (values) => {
        const bytes = encode(codec, values);
        expect(decode(codec, bytes)).toEqual(values);
        expect(hex(bytes)).toBe(registry.createType('Vec<Option<u64>>', values.map((v) => (v === undefined ? null : v))).toHex());
      }),
    );
  });

  it('encodes AccountInfo in FRAME\'s 80-byte layout', () => {
    const value = { nonce: 7, consumers: 1, providers: 1, sufficients: 0, data: { free: 10n ** 24n, reserved: 5n, frozen: 0n, flags: NEW_LOGIC_FLAG } };
    const ours = encode(AccountInfo, value);
    expect(ours.length).toBe(80);
    // The layout as @polkadot/api sees it: the type from our metadata, by its lookup name.
    const metaRegistry = new TypeRegistry();
    metaRegistry.setMetadata(new Metadata(metaRegistry, u8aToHex(runtimeApis(createRuntime()).metadata.v14)));
    const theirs = metaRegistry.createType('FrameSystemAccountInfo', { nonce: 7, consumers: 1, providers: 1, sufficients: 0, data: { free: 10n ** 24n, reserved: 5n, frozen: 0n, flags: NEW_LOGIC_FLAG } });
    expect(hex(ours)).toBe(hex(theirs.toU8a()));
  });

  it('encodes headers and hashes them as @polkadot/types does', () => {
    const header = {
      parent_hash: new Uint8Array(32).fill(1),
      number: 1234,
      state_root: new Uint8Array(32).fill(2),
      extrinsics_root: new Uint8Array(32).fill(3),
      digest: { logs: [{ tag: 'PreRuntime' as const, value: [new TextEncoder().encode('pow_'), new Uint8Array(32).fill(9)] as [Uint8Array, Uint8Array] }, { tag: 'Seal' as const, value: [new TextEncoder().encode('pouw'), new Uint8Array(64).fill(4)] as [Uint8Array, Uint8Array] }] },
    };
    const theirs = registry.createType('Header', {
      parentHash: header.parent_hash,
      number: 1234,
      stateRoot: header.state_root,
      extrinsicsRoot: header.extrinsics_root,
      digest: { logs: [{ PreRuntime: ['0x706f775f', hex(new Uint8Array(32).fill(9))] }, { Seal: ['0x706f7577', hex(new Uint8Array(64).fill(4))] }] },
    });
    expect(hex(encodeHeader(header))).toBe(theirs.toHex());
    expect(hex(hashHeader(header))).toBe(theirs.hash.toHex());
  });

  it('encodes MultiAddress and DispatchError as @polkadot/types', () => {
    const id = new Uint8Array(32).fill(7);
    expect(hex(encode(MultiAddress, { tag: 'Id', value: id }))).toBe(registry.createType('MultiAddress', { Id: id }).toHex());
    const err = encode(DispatchError, { tag: 'Module', value: { index: 4, error: new Uint8Array([2, 0, 0, 0]) } });
    expect(hex(err)).toBe(registry.createType('DispatchError', { Module: { index: 4, error: '0x02000000' } }).toHex());
  });

  it.each([
    [64, 0],
    [64, 42],
    [4096, 123456],
    [4, 3],
  ])('mortal era (period %i, current %i) matches @polkadot/types', (period, current) => {
    const era = mortalEra(period, current);
    const theirs = registry.createType('ExtrinsicEra', { current, period });
    expect(hex(encodeEra(era))).toBe(theirs.toHex());
    const raw = encodeEra(era);
    expect(decodeEra(raw[0]!, raw[1]).era).toEqual(era);
    expect(eraBirth(era, current + 1)).toBe(theirs.asMortalEra.birth(current + 1));
  });
});
