/**
 * Shared fixtures of the precompile tests: the compiled contracts, a chain with four registered models (raw
 * Open MLP, trained-model pack, Commercial MLP, revoked MLP), the deployed Classifier and InferenceProbe, and
 * ethers `Interface`s to encode calls (ethers is a devDependency: tests only).
 */
import { createAddressFromString, hexToBytes } from '@ethereumjs/util';
import type { Address } from '@ethereumjs/util';
import { AbiCoder, Interface } from 'ethers';
import * as ort from 'onnxruntime-node';
import { compileContracts } from '../../../contracts/compile.ts';
import { DETERMINISTIC_SESSION_OPTIONS } from '../../../offchain-workers/training/session.ts';
import { attesterAddress } from '../attestation.ts';
import { INFERENCE_ADDRESS } from '../precompile.ts';
import { createTestChain, type MockModel, modelInfo, type TestChain } from './chain.ts';
import { type GeneratedModel, type GeneratedPack, mlpOnnx, pseudoRandom, trainedMlpPack } from './models.ts';

/** Model ids of the fixture. */
export const IDS = { open: 1n, pack: 2n, commercial: 3n, revoked: 4n } as const;

/** Everything a test needs. */
export interface Fixture {
  chain: TestChain;
  mlp: GeneratedModel;
  pack: GeneratedPack;
  iInference: Interface;
  iClassifier: Interface;
  iProbe: Interface;
  classifier: Address;
  probe: Address;
  precompile: Address;
}

const cidOf = (n: number): Uint8Array => Uint8Array.from({ length: 36 }, (_, i) => (i < 4 ? [1, 0x55, 0x12, 0x20][i]! : n));

/** Builds the chain and deploys the contracts. */
export async function createFixture(): Promise<Fixture> {
  const artifacts = await compileContracts();
  const mlp = mlpOnnx([16, 32, 4]);
  const pack = await trainedMlpPack([8, 16, 3]);
  const models = new Map<bigint, MockModel>([
    [IDS.open, { info: modelInfo(cidOf(1), mlp.flops, [[0, 16]]), blob: mlp.bytes }],
    [IDS.pack, { info: modelInfo(cidOf(2), 2n * (8n * 16n + 16n * 3n), [[0, 8]]), blob: pack.bytes }],
    [IDS.commercial, { info: modelInfo(cidOf(3), mlp.flops, [[0, 16]], { license: { tag: 'Commercial' } }), blob: mlp.bytes }],
    [IDS.revoked, { info: modelInfo(cidOf(4), mlp.flops, [[0, 16]], { revoked: true }), blob: mlp.bytes }],
  ]);
  const chain = await createTestChain(models);
  const deploy = async (name: string, args: unknown[] = []): Promise<Address> => {
    const a = artifacts[name]!;
    const ctor = new Interface(a.abi).encodeDeploy(args);
    const r = await chain.send(undefined, hexToBytes(`${a.bytecode}${ctor.slice(2)}` as `0x${string}`));
    if (r.execResult.exceptionError || !r.createdAddress) throw new Error(`deploying ${name} failed`);
    return r.createdAddress;
  };
  const provider = `0x${Buffer.from(attesterAddress(chain.attesterKey)).toString('hex')}`;
  return {
    chain, mlp, pack,
    iInference: new Interface(artifacts.IInference!.abi),
    iClassifier: new Interface(artifacts.Classifier!.abi),
    iProbe: new Interface(artifacts.InferenceProbe!.abi),
    classifier: await deploy('Classifier', [provider]),
    probe: await deploy('InferenceProbe'),
    precompile: createAddressFromString(INFERENCE_ADDRESS),
  };
}

/** The bytes32 model id of a u64 id. */
export const modelId = (id: bigint): string => AbiCoder.defaultAbiCoder().encode(['uint256'], [id]);

/** A float32 [1, width] input tensor with pseudo-random values, as ethers encodes `IInference.Tensor`. */
export function floatInput(width: number, seed: number): { dtype: number; shape: number[]; data: Uint8Array } {
  const rand = pseudoRandom(seed);
  const x = Float32Array.from({ length: width }, () => rand() * 3);
  return { dtype: 1, shape: [1, width], data: new Uint8Array(x.buffer) };
}

/** A direct onnxruntime run of `graph` with the precompile's session options: the reference outputs. */
export async function directRun(graph: Uint8Array, feeds: Record<string, ort.Tensor>): Promise<Record<string, ort.Tensor>> {
  const session = await ort.InferenceSession.create(graph, { ...DETERMINISTIC_SESSION_OPTIONS, executionProviders: ['cpu'] });
  try {
    return await session.run(feeds);
  } finally {
    await session.release();
  }
}

/** The raw bytes of an onnxruntime float tensor. */
export const tensorBytes = (t: ort.Tensor): Uint8Array => {
  const d = t.data as Float32Array;
  return new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
};
