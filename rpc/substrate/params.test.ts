import { describe, expect, it } from 'vitest';
import { RpcError } from '../errors.ts';
import { blockHash, blockNumber, hex, optionalBlockHash, storageKeys, string, u32 } from './params.ts';

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(RpcError);
    expect((err as RpcError).code).toBe(-32602);
    return (err as RpcError).message;
  }
  throw new Error('expected an Invalid params error');
}

describe('param validators', () => {
  it('hex: 0x-prefixed, even number of digits, size-limited; upper case accepted', () => {
    expect(hex('0x', 'data')).toEqual(new Uint8Array());
    expect(hex('0xAbCd', 'data')).toEqual(new Uint8Array([0xab, 0xcd]));
    expect(message(() => hex('abcd', 'data'))).toBe('Invalid params: data: expected 0x-prefixed hex with an even number of digits (got "abcd")');
    expect(message(() => hex('0xabc', 'data'))).toContain('even number of digits');
    expect(message(() => hex(12, 'data'))).toContain('(got 12)');
    expect(message(() => hex('0x0102', 'data', 1))).toContain('at most 1 bytes');
    // A long bad value is described, never echoed back.
    expect(message(() => hex(`z${'0'.repeat(100)}`, 'data'))).toContain('a string of 101 chars');
  });

  it('block hashes are exactly 32 bytes; null and undefined mean "best"', () => {
    expect(blockHash(`0x${'ab'.repeat(32)}`)).toHaveLength(32);
    expect(optionalBlockHash(null)).toBeUndefined();
    expect(optionalBlockHash(undefined)).toBeUndefined();
    expect(message(() => blockHash(`0x${'ab'.repeat(31)}`, 'at'))).toMatch(/^Invalid params: at: expected a 32-byte hash/);
  });

  it('block numbers: JSON numbers or hex quantities up to u32::MAX', () => {
    expect(blockNumber(0)).toBe(0);
    expect(blockNumber('0x1a')).toBe(26);
    expect(blockNumber('0xffffffff')).toBe(0xffff_ffff);
    expect(message(() => blockNumber('0x100000000'))).toContain('at most 4294967295');
    expect(message(() => blockNumber('26'))).toContain('hex quantity');
    expect(message(() => blockNumber(2 ** 40))).toContain('at most');
  });

  it('u32, strings and key lists', () => {
    expect(u32(1000, 'count')).toBe(1000);
    expect(message(() => u32(1.5, 'count'))).toContain('count');
    expect(message(() => string('', 'method', 10))).toContain('non-empty');
    expect(message(() => string('x'.repeat(11), 'method', 10))).toContain('at most 10 chars');
    expect(storageKeys(['0x01', '0x02'], 'keys', 2)).toEqual([new Uint8Array([1]), new Uint8Array([2])]);
    expect(message(() => storageKeys(['0x01', '0x02', '0x03'], 'keys', 2))).toContain('at most 2 entries');
    expect(message(() => storageKeys(['0x01', null], 'keys', 2))).toContain('keys[1]');
  });
});
