/**
 * Every refusal of the inference precompile in a real VM: typed errors as revert data (bubbled through the
 * Classifier or returned raw to the probe), out of gas, DELEGATECALL/CALLCODE, access, and the replay check of
 * the inference log; plus `quote` and `modelInfo`.
 */
import { bytesToHex, hexToBytes } from '@ethereumjs/util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { InferenceLog } from './host.ts';
import { MemoryInferenceLog } from './inference-log.ts';
import { createFixture, type Fixture, floatInput, IDS, modelId } from './testing/fixtures.ts';

let f: Fixture;
beforeAll(async () => {
  f = await createFixture();
});

const enc = (s: string): Uint8Array => hexToBytes(s as `0x${string}`);
const inferData = (id: bigint, inputs: ReturnType<typeof floatInput>[]): string => f.iInference.encodeFunctionData('infer', [modelId(id), inputs]);

/** Calls the precompile through the probe (`kind`) and returns (ok, revert data or output). */
async function probe(kind: 'callRaw' | 'delegateRaw' | 'callcodeRaw' | 'staticRaw', data: string, gas = 5_000_000n): Promise<{ ok: boolean; ret: string }> {
  const args = kind === 'staticRaw' ? [data, gas] : [data];
  const r = await f.chain.call(f.probe, enc(f.iProbe.encodeFunctionData(kind, args)));
  expect(r.execResult.exceptionError).toBeUndefined();
  const [ok, ret] = f.iProbe.decodeFunctionResult(kind, r.execResult.returnValue);
  return { ok, ret };
}

const errorName = (ret: string): string | undefined => f.iInference.parseError(ret)?.name;

describe('typed errors', () => {
  it('unknown model → ModelNotFound, bubbled through the dapp', async () => {
    const r = await f.chain.call(f.classifier, enc(f.iClassifier.encodeFunctionData('classify', [modelId(99n), [floatInput(16, 1)]])));
    expect(r.execResult.exceptionError?.error).toBe('revert');
    const e = f.iInference.parseError(bytesToHex(r.execResult.returnValue))!;
    expect(e.name).toBe('ModelNotFound');
    expect(BigInt(e.args[0])).toBe(99n);
    const huge = await probe('staticRaw', f.iInference.encodeFunctionData('infer', [`0x${'ff'.repeat(32)}`, [floatInput(16, 1)]]));
    expect(errorName(huge.ret)).toBe('ModelNotFound');
  });

  it('data length ≠ shape × dtype, bad dtype, wrong width, too many tensors → BadTensor(index)', async () => {
    const good = floatInput(16, 2);
    const cases: [ReturnType<typeof floatInput>[], number][] = [
      [[{ ...good, data: good.data.subarray(0, 60) }], 0],
      [[{ ...good, dtype: 16 }], 0],
      [[floatInput(15, 2)], 0],
      [[good, good], 1],
      [Array.from({ length: 17 }, () => good), 16],
    ];
    for (const [inputs, index] of cases) {
      const { ok, ret } = await probe('staticRaw', inferData(IDS.open, inputs));
      expect(ok).toBe(false);
      const e = f.iInference.parseError(ret)!;
      expect([e.name, Number(e.args[0])]).toEqual(['BadTensor', index]);
    }
  });

  it('garbage calldata → BadCalldata', async () => {
    for (const data of ['0x', '0x12', '0xdeadbeef', `${inferData(IDS.open, [floatInput(16, 1)]).slice(0, 100)}`]) {
      expect(errorName((await probe('staticRaw', data)).ret)).toBe('BadCalldata');
    }
  });

  it('too little gas → out of gas (all of it used, no revert data)', async () => {
    const data = inferData(IDS.open, [floatInput(16, 1)]);
    expect(await probe('staticRaw', data, 4_000n)).toEqual({ ok: false, ret: '0x' });
    const ok = await probe('staticRaw', data, 100_000n);
    expect(ok.ok).toBe(true);
    // The EIP-7623 calldata floor is the least a tx may declare; above intrinsic gas it leaves the precompile ~4k.
    const floor = 21_000n + 10n * enc(data).reduce((t, b) => t + (b === 0 ? 1n : 4n), 0n);
    const tx = await f.chain.send(f.precompile, enc(data), floor);
    expect(tx.execResult.exceptionError?.error).toBe('out of gas');
  });

  it('DELEGATECALL and CALLCODE → BadCallContext; value → BadCallContext', async () => {
    const data = inferData(IDS.open, [floatInput(16, 1)]);
    for (const kind of ['delegateRaw', 'callcodeRaw'] as const) {
      const { ok, ret } = await probe(kind, data);
      expect([ok, errorName(ret)]).toEqual([false, 'BadCallContext']);
    }
    expect((await probe('callRaw', data)).ok).toBe(true);
  });

  it('a Commercial model without a grant → AccessDenied; with one it runs; revoked → AccessDenied', async () => {
    const data = inferData(IDS.commercial, [floatInput(16, 1)]);
    const denied = await probe('staticRaw', data);
    const e = f.iInference.parseError(denied.ret)!;
    expect([e.name, BigInt(e.args[0]), e.args[1].toLowerCase()]).toEqual(['AccessDenied', IDS.commercial, f.probe.toString()]);
    f.chain.models.get(IDS.commercial)!.grants = [f.probe.toString()];
    expect((await probe('staticRaw', data)).ok).toBe(true);
    expect(errorName((await probe('staticRaw', inferData(IDS.revoked, [floatInput(16, 1)]))).ret)).toBe('AccessDenied');
  });
});

describe('inference log', () => {
  it('replay returns the author’s bytes; a tampered or missing record → InferenceMismatch', async () => {
    const data = inferData(IDS.open, [floatInput(16, 21)]);
    const author = new MemoryInferenceLog('record');
    f.chain.block.log = author;
    const recorded = await probe('staticRaw', data);
    expect(author.entries()).toHaveLength(1);
    const withLog = async (log: InferenceLog) => {
      f.chain.block.log = log;
      return probe('staticRaw', data);
    };
    expect(await withLog(author.toReplay())).toEqual(recorded);
    const entry = author.entries()[0]!;
    const tampered = { ...entry, outputs: entry.outputs.slice() };
    tampered.outputs[tampered.outputs.length - 1]! ^= 1;
    expect(errorName((await withLog(new MemoryInferenceLog('replay', [tampered]))).ret)).toBe('InferenceMismatch');
    expect(errorName((await withLog(new MemoryInferenceLog('replay'))).ret)).toBe('InferenceMismatch');
    const badSig = { ...entry, signature: entry.signature.slice() };
    badSig.signature[5]! ^= 1;
    expect(errorName((await withLog(new MemoryInferenceLog('replay', [badSig]))).ret)).toBe('InferenceMismatch');
    f.chain.block.log = new MemoryInferenceLog('record');
  });
});

describe('quote and modelInfo', () => {
  it('quote matches the gas the call is charged, less the output term', async () => {
    const input = floatInput(16, 4);
    const [quoted] = f.iInference.decodeFunctionResult('quote', (await f.chain.call(f.precompile, enc(f.iInference.encodeFunctionData('quote', [modelId(IDS.open), 64])))).execResult.returnValue);
    const r = await f.chain.call(f.precompile, enc(inferData(IDS.open, [input])));
    expect(r.execResult.executionGasUsed).toBe(quoted + 16n * 16n);
  });

  it('modelInfo reports the registry record', async () => {
    const r = await f.chain.call(f.precompile, enc(f.iInference.encodeFunctionData('modelInfo', [modelId(IDS.commercial)])));
    const [info] = f.iInference.decodeFunctionResult('modelInfo', r.execResult.returnValue);
    expect([info.modelHash, info.flops, info.license, info.published, info.revoked, info.numInputs]).toEqual([`0x${'ab'.repeat(32)}`, f.mlp.flops, 1n, true, false, 1n]);
  });
});
