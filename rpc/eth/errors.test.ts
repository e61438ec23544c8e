import { AbiCoder, id } from 'ethers';
import { describe, expect, it } from 'vitest';
import { EthTxError } from '../../pallets/evm/eth-tx-error.ts';
import { TransactionValidityError } from '../../runtime/validity.ts';
import { poolRejectionToEth, rawTxError, revertError, revertReason } from './errors.ts';

const abi = AbiCoder.defaultAbiCoder();
const bytes = (hex: string) => Uint8Array.from(Buffer.from(hex.slice(2), 'hex'));
const errorString = (s: string) => bytes(`0x08c379a0${abi.encode(['string'], [s]).slice(2)}`);
const panic = (n: number) => bytes(`0x4e487b71${abi.encode(['uint256'], [n]).slice(2)}`);

describe('revert decoding', () => {
  it('decodes Error(string), unicode included', () => {
    expect(revertReason(errorString('not enough'))).toBe('not enough');
    expect(revertReason(errorString('ünïcode ✓'))).toBe('ünïcode ✓');
    expect(revertReason(errorString(''))).toBe('');
  });

  it.each([
    [0x01, 'assert(false)'],
    [0x11, 'arithmetic underflow or overflow'],
    [0x12, 'division or modulo by zero'],
    [0x32, 'out-of-bounds access of an array or bytesN'],
    [0x99, 'unknown panic code: 0x99'],
  ])('decodes Panic(0x%s)', (n, want) => {
    expect(revertReason(panic(n))).toBe(want);
  });

  it('leaves custom errors, empty and truncated data undecoded', () => {
    expect(revertReason(bytes(`${id('Nope(uint256)').slice(0, 10)}${abi.encode(['uint256'], [7]).slice(2)}`))).toBeUndefined();
    expect(revertReason(new Uint8Array())).toBeUndefined();
    expect(revertReason(errorString('abc').slice(0, 40))).toBeUndefined();
  });

  it('builds geth\'s code-3 error with the data', () => {
    const e = revertError(errorString('why'));
    expect(e.toJSON()).toMatchObject({ code: 3, message: 'execution reverted: why' });
    expect(String(e.data)).toMatch(/^0x08c379a0/);
    expect(revertError(new Uint8Array()).toJSON()).toEqual({ code: 3, message: 'execution reverted', data: '0x' });
  });
});

describe('transaction errors', () => {
  it('maps pool rejections to geth messages', () => {
    const rej = (reason: 'Stale' | 'Payment' | 'BadProof', code: 1010 = 1010) => ({ code, message: 'Invalid Transaction', validity: TransactionValidityError.invalid(reason) });
    expect(poolRejectionToEth(rej('Stale')).toJSON()).toEqual({ code: -32000, message: 'nonce too low' });
    expect(poolRejectionToEth(rej('Payment')).message).toBe('insufficient funds for gas * price + value');
    expect(poolRejectionToEth(rej('BadProof')).message).toBe('invalid sender');
    expect(poolRejectionToEth({ code: 1013, message: 'Transaction Already Imported' }).message).toBe('already known');
    expect(poolRejectionToEth({ code: 1014, message: 'Priority is too low' }).message).toBe('replacement transaction underpriced');
  });

  it('keeps the pallet\'s EthTxError code and message', () => {
    expect(rawTxError(new EthTxError('NonceTooLow')).toJSON()).toEqual({ code: -32000, message: 'nonce too low' });
    expect(rawTxError(new EthTxError('Malformed', 'bad rlp')).code).toBe(-32602);
    expect(rawTxError(new EthTxError('InsufficientFunds')).message).toBe('insufficient funds for gas * price + value');
  });
});
