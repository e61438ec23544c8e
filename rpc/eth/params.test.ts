import { describe, expect, it } from 'vitest';
import { RpcError } from '../errors.ts';
import { address, blockTag, callRequest, data, quantity, slot } from './params.ts';

function code(fn: () => unknown): number | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof RpcError ? e.code : -1;
  }
  return undefined;
}

describe('Ethereum params', () => {
  it.each([
    ['latest', { kind: 'tag', tag: 'latest' }],
    ['pending', { kind: 'tag', tag: 'pending' }],
    ['earliest', { kind: 'tag', tag: 'earliest' }],
    ['safe', { kind: 'tag', tag: 'safe' }],
    ['finalized', { kind: 'tag', tag: 'finalized' }],
    ['0x0', { kind: 'number', number: 0 }],
    ['0x1a', { kind: 'number', number: 26 }],
    ['0x001a', { kind: 'number', number: 26 }],
    [undefined, { kind: 'tag', tag: 'latest' }],
    [null, { kind: 'tag', tag: 'latest' }],
    [{ blockNumber: '0x2' }, { kind: 'number', number: 2 }],
  ])('parses the block tag %j', (input, want) => {
    expect(blockTag(input)).toEqual(want);
  });

  it('parses block hashes, plain and EIP-1898', () => {
    const h = `0x${'ab'.repeat(32)}`;
    expect(blockTag(h)).toMatchObject({ kind: 'hash', requireCanonical: false });
    expect(blockTag({ blockHash: h, requireCanonical: true })).toMatchObject({ kind: 'hash', requireCanonical: true });
  });

  it.each([['0x'], ['0xzz'], ['12'], [12], [true], ['LATEST'], [`0x1${'0'.repeat(8)}`], [{}], [[]]])('rejects the block tag %j with -32602', (input) => {
    expect(code(() => blockTag(input))).toBe(-32602);
  });

  it('parses quantities up to 256 bits, minimal or padded', () => {
    expect(quantity('0x0', 'q')).toBe(0n);
    expect(quantity('0x00ff', 'q')).toBe(255n);
    expect(quantity(`0x${'f'.repeat(64)}`, 'q')).toBe((1n << 256n) - 1n);
    expect(code(() => quantity(`0x${'f'.repeat(65)}`, 'q'))).toBe(-32602);
    expect(code(() => quantity(5, 'q'))).toBe(-32602);
  });

  it('takes addresses in any letter case and refuses other lengths', () => {
    expect(address('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266')).toHaveLength(20);
    expect(address('0XF39FD6E51AAD88F6F4CE6AB8827279CFFFB92266'.replace('0X', '0x'))).toHaveLength(20);
    expect(code(() => address('0x1234'))).toBe(-32602);
    expect(code(() => address(null))).toBe(-32602);
  });

  it('pads storage slots and refuses odd data', () => {
    expect(slot('0x1')).toEqual(Uint8Array.from({ length: 32 }, (_, i) => (i === 31 ? 1 : 0)));
    expect(data('0x', 'd')).toHaveLength(0);
    expect(code(() => data('0x123', 'd'))).toBe(-32602);
  });

  it('reads call objects with data or input', () => {
    expect(callRequest({ to: `0x${'11'.repeat(20)}`, data: '0x1234' }).data).toEqual(Uint8Array.of(0x12, 0x34));
    expect(callRequest({ input: '0xabcd', data: '0x1234' }).data).toEqual(Uint8Array.of(0xab, 0xcd));
    expect(callRequest({ gas: '0x5208', value: '0x0' })).toMatchObject({ gas: 21000n, value: 0n });
    expect(code(() => callRequest({ gas: 21000 }))).toBe(-32602);
    expect(code(() => callRequest('0x'))).toBe(-32602);
  });
});
