/** The hand-written ABI encoder and reader against ethers' coder (tests only use ethers). */
import { AbiCoder, hexlify } from 'ethers';
import { describe, expect, it } from 'vitest';
import { encodeAbi, fixedWord, intWord, uintWord } from './abi-encode.ts';
import { AbiDecodeError, AbiReader } from './abi-reader.ts';
import { readTensors, tensorsValue } from './tensor.ts';

const coder = AbiCoder.defaultAbiCoder();
const TENSORS = 'tuple(uint8,uint32[],bytes)[]';

describe('encodeAbi', () => {
  it('matches abi.encode for Tensor[] and static words', () => {
    const ts = [
      { dtype: 1, shape: [1, 3], data: Uint8Array.from({ length: 12 }, (_, i) => i) },
      { dtype: 7, shape: [], data: new Uint8Array(8).fill(0xff) },
      { dtype: 2, shape: [0], data: new Uint8Array(0) },
    ];
    const mine = encodeAbi([tensorsValue(ts), uintWord(5n), intWord(-3n), fixedWord(new Uint8Array(20).fill(0xaa))]);
    const theirs = coder.encode([TENSORS, 'uint256', 'int256', 'address'], [ts.map((t) => [t.dtype, t.shape, t.data]), 5n, -3n, `0x${'aa'.repeat(20)}`]);
    expect(hexlify(mine)).toBe(theirs);
  });

  it('lays out a static tuple inline', () => {
    const mine = encodeAbi([{ kind: 'tuple', items: [uintWord(1n), uintWord(2n)] }, uintWord(3n)]);
    expect(hexlify(mine)).toBe(coder.encode(['tuple(uint256,uint256)', 'uint256'], [[1n, 2n], 3n]));
  });
});

describe('AbiReader', () => {
  it('reads back what ethers encodes', () => {
    const ts = [{ dtype: 1, shape: [2, 2], data: new Uint8Array(16).fill(3) }];
    const data = Uint8Array.from(Buffer.from(coder.encode([TENSORS], [ts.map((t) => [t.dtype, t.shape, t.data])]).slice(2), 'hex'));
    const r = new AbiReader(data, data.length);
    const got = readTensors(r, r.offset(0, 0));
    expect(got.map((t) => ({ ...t, data: [...t.data] }))).toEqual(ts.map((t) => ({ ...t, data: [...t.data] })));
  });

  it('refuses dirty high bits, out-of-range offsets and overlong lengths', () => {
    const word = (v: bigint) => Uint8Array.from(Buffer.from(v.toString(16).padStart(64, '0'), 'hex'));
    expect(() => new AbiReader(word(256n), 32).uint(0, 8)).toThrow(AbiDecodeError);
    expect(() => new AbiReader(word(64n), 32).offset(0, 0)).toThrow(AbiDecodeError);
    expect(() => new AbiReader(word(1n), 32).bytes(0)).toThrow(AbiDecodeError);
    expect(() => new AbiReader(word(0n), 32).word(1)).toThrow(AbiDecodeError);
  });
});
