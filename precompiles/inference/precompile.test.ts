/**
 * The inference precompile in a real @ethereumjs/vm: through the Classifier dapp and directly, outputs equal a
 * direct onnxruntime run bit for bit, the attestation verifies in Solidity and in TS, and every refusal is the
 * documented typed error.
 */
import { bytesToHex, hexToBytes } from '@ethereumjs/util';
import { type BytesLike, getBytes, keccak256 as keccakHex, verifyTypedData } from 'ethers';
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileContracts } from '../../contracts/compile.ts';
import { attesterAddress } from './attestation.ts';
import { SELECTORS } from './calls.ts';
import { InferenceErrors } from './errors.ts';
import { createFixture, directRun, type Fixture, floatInput, IDS, modelId, tensorBytes } from './testing/fixtures.ts';

let f: Fixture;
beforeAll(async () => {
  f = await createFixture();
});

const hex = (b: Uint8Array): string => bytesToHex(b);
const bytes = (b: BytesLike): Uint8Array => getBytes(b);

async function classify(id: bigint, input: ReturnType<typeof floatInput>) {
  const r = await f.chain.call(f.classifier, hexToBytes(f.iClassifier.encodeFunctionData('classify', [modelId(id), [input]]) as `0x${string}`));
  return r.execResult;
}

describe('ABI', () => {
  it('selectors match solc and the @custom:selector annotations', async () => {
    const a = (await compileContracts()).IInference!;
    expect(a.methodIdentifiers['infer(bytes32,(uint8,uint32[],bytes)[])']).toBe(Buffer.from(SELECTORS.infer).toString('hex'));
    expect(a.methodIdentifiers['inferFixed(bytes32,int256[],uint32[],uint8)']).toBe(Buffer.from(SELECTORS.inferFixed).toString('hex'));
    expect(a.methodIdentifiers['inferPaid(bytes32,(uint8,uint32[],bytes)[])']).toBe(Buffer.from(SELECTORS.inferPaid).toString('hex'));
    expect(a.methodIdentifiers['quote(bytes32,uint256)']).toBe(Buffer.from(SELECTORS.quote).toString('hex'));
    expect(a.methodIdentifiers['modelInfo(bytes32)']).toBe(Buffer.from(SELECTORS.modelInfo).toString('hex'));
    for (const [name, sel] of Object.entries(InferenceErrors.selectors)) expect(f.iInference.getError(name)!.selector).toBe(hex(sel));
  });
});

describe('infer', () => {
  it('classifies through the dapp: outputs equal a direct session.run bit for bit, attestation checked by ecrecover', async () => {
    const input = floatInput(16, 3);
    const r = await classify(IDS.open, input);
    expect(r.exceptionError).toBeUndefined();
    const [label, outputs, att] = f.iClassifier.decodeFunctionResult('classify', r.returnValue);
    const direct = await directRun(f.mlp.bytes, { x: new ort.Tensor('float32', new Float32Array(input.data.buffer), [1, 16]) });
    expect(hex(bytes(outputs[0].data))).toBe(hex(tensorBytes(direct.logits!)));
    expect(outputs[0].shape.map(Number)).toEqual([1, 4]);
    const logits = [...(direct.logits!.data as Float32Array)];
    expect(Number(label)).toBe(logits.indexOf(Math.max(...logits)));
    expect(att.provider.toLowerCase()).toBe(hex(attesterAddress(f.chain.attesterKey)));
    expect(att.blockNumber).toBe(f.chain.block.number);
  });

  it('called directly: the attestation verifies in TS (EIP-712) and the hashes are the documented ones', async () => {
    const input = floatInput(16, 5);
    const data = f.iInference.encodeFunctionData('infer', [modelId(IDS.open), [input]]);
    const r = (await f.chain.call(f.precompile, hexToBytes(data as `0x${string}`))).execResult;
    expect(r.exceptionError).toBeUndefined();
    const [outputs, att] = f.iInference.decodeFunctionResult('infer', r.returnValue);
    const coder = f.iInference.getAbiCoder();
    const tensorType = ['tuple(uint8 dtype,uint32[] shape,bytes data)[]'];
    expect(att.inputHash).toBe(keccakHex(coder.encode(tensorType, [[input]])));
    expect(att.outputHash).toBe(keccakHex(coder.encode(tensorType, [outputs.map((o: { dtype: bigint; shape: bigint[]; data: string }) => [o.dtype, o.shape, o.data])])));
    expect(att.modelHash).toBe(keccakHex(f.mlp.bytes));
    const domain = { name: 'Inference', version: '1', chainId: 31337, verifyingContract: '0x0000000000000000000000000000000000000a11' };
    const types = { InferenceResult: [{ name: 'modelHash', type: 'bytes32' }, { name: 'inputHash', type: 'bytes32' }, { name: 'outputHash', type: 'bytes32' }, { name: 'blockNumber', type: 'uint64' }] };
    const value = { modelHash: att.modelHash, inputHash: att.inputHash, outputHash: att.outputHash, blockNumber: att.blockNumber };
    expect(verifyTypedData(domain, types, value, att.signature)).toBe(att.provider);
    expect(r.executionGasUsed).toBeGreaterThan(3_000n);
  });

  it('runs a trained-model pack with its final-state weights bound', async () => {
    const input = floatInput(8, 9);
    const data = f.iInference.encodeFunctionData('infer', [modelId(IDS.pack), [input]]);
    const r = (await f.chain.call(f.precompile, hexToBytes(data as `0x${string}`))).execResult;
    expect(r.exceptionError).toBeUndefined();
    const [outputs] = f.iInference.decodeFunctionResult('infer', r.returnValue);
    const feeds: Record<string, ort.Tensor> = { x: new ort.Tensor('float32', new Float32Array(input.data.buffer), [1, 8]) };
    for (const w of f.pack.weights) feeds[w.name] = new ort.Tensor('float32', w.data, w.shape);
    const direct = await directRun(f.pack.inference, feeds);
    expect(outputs.map((o: { data: string }) => o.data)).toEqual([hex(tensorBytes(direct.logits!)), hex(tensorBytes(direct.probs!))]);
  });

  it('records the label in a transaction and emits Classified', async () => {
    const input = floatInput(16, 11);
    const data = f.iClassifier.encodeFunctionData('classifyAndRecord', [modelId(IDS.open), [input]]);
    const r = await f.chain.send(f.classifier, hexToBytes(data as `0x${string}`));
    expect(r.execResult.exceptionError).toBeUndefined();
    expect(r.receipt.logs).toHaveLength(1);
    const [label] = f.iClassifier.decodeFunctionResult('classifyAndRecord', r.execResult.returnValue);
    const stored = await f.chain.call(f.classifier, hexToBytes(f.iClassifier.encodeFunctionData('lastLabel', []) as `0x${string}`));
    expect(BigInt(hex(stored.execResult.returnValue))).toBe(label);
  });

  it('inferFixed rounds half away from zero and the dapp verifies it', async () => {
    const x = Array.from({ length: 16 }, (_, i) => BigInt((i - 8) * 125_000));
    const data = f.iClassifier.encodeFunctionData('classifyFixed', [modelId(IDS.open), x, 6]);
    const r = (await f.chain.call(f.classifier, hexToBytes(data as `0x${string}`))).execResult;
    expect(r.exceptionError).toBeUndefined();
    const [, y] = f.iClassifier.decodeFunctionResult('classifyFixed', r.returnValue);
    const direct = await directRun(f.mlp.bytes, { x: new ort.Tensor('float32', Float32Array.from(x, (v) => Number(v) / 1e6), [1, 16]) });
    const expected = [...(direct.logits!.data as Float32Array)].map((v) => BigInt(Math.sign(v) * Math.round(Math.abs(v) * 1e6)));
    expect([...y]).toEqual(expected);
  });
});

