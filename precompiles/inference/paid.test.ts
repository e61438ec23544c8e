/**
 * `inferPaid`: a transaction with value pays the model's per-call price to its payee (no access grant needed),
 * and every refusal leaves balances as they were (the value goes back with the reverted frame).
 */
import { Address, bytesToHex, hexToBytes } from '@ethereumjs/util';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFixture, type Fixture, floatInput, IDS, modelId } from './testing/fixtures.ts';

let f: Fixture;
const payee = new Address(new Uint8Array(20).fill(0x77));
beforeAll(async () => {
  f = await createFixture();
  for (const id of [IDS.open, IDS.commercial, IDS.revoked]) f.chain.models.get(id)!.offer = { price: 1_000n, payee: payee.bytes };
});

const paid = (id: bigint, seed = 1) => hexToBytes(f.iInference.encodeFunctionData('inferPaid', [modelId(id), [floatInput(16, seed)]]) as `0x${string}`);
const errorOf = (ret: Uint8Array) => f.iInference.parseError(bytesToHex(ret))?.name;

describe('inferPaid', () => {
  it('pays msg.value to the payee and returns what infer returns', async () => {
    const before = await f.chain.balance(payee);
    const r = await f.chain.send(f.precompile, paid(IDS.open), 1_000_000n, 1_500n);
    expect(r.execResult.exceptionError).toBeUndefined();
    expect(await f.chain.balance(payee)).toBe(before + 1_500n);
    expect(await f.chain.balance(f.precompile)).toBe(0n);
    const [outputs] = f.iInference.decodeFunctionResult('inferPaid', r.execResult.returnValue);
    const free = await f.chain.call(f.precompile, hexToBytes(f.iInference.encodeFunctionData('infer', [modelId(IDS.open), [floatInput(16, 1)]]) as `0x${string}`));
    expect(outputs).toEqual(f.iInference.decodeFunctionResult('infer', free.execResult.returnValue)[0]);
  });

  it('needs no grant for a Commercial model', async () => {
    const r = await f.chain.send(f.precompile, paid(IDS.commercial, 2), 1_000_000n, 1_000n);
    expect(r.execResult.exceptionError).toBeUndefined();
  });

  it('refuses underpayment, unpriced and revoked models, and value on infer; balances unchanged', async () => {
    const before = await f.chain.balance(payee);
    const under = await f.chain.send(f.precompile, paid(IDS.open, 3), 1_000_000n, 999n);
    expect(errorOf(under.execResult.returnValue)).toBe('InsufficientPayment');
    const unpriced = await f.chain.send(f.precompile, paid(IDS.pack, 3), 1_000_000n, 5_000n);
    expect(errorOf(unpriced.execResult.returnValue)).toBe('NotForSale');
    const revoked = await f.chain.send(f.precompile, paid(IDS.revoked, 3), 1_000_000n, 5_000n);
    expect(errorOf(revoked.execResult.returnValue)).toBe('AccessDenied');
    const infer = hexToBytes(f.iInference.encodeFunctionData('infer', [modelId(IDS.open), [floatInput(16, 3)]]) as `0x${string}`);
    const valued = await f.chain.send(f.precompile, infer, 1_000_000n, 5_000n);
    expect(errorOf(valued.execResult.returnValue)).toBe('BadCallContext');
    expect(await f.chain.balance(payee)).toBe(before);
    expect(await f.chain.balance(f.precompile)).toBe(0n);
  });
});
