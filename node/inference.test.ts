/**
 * The inference log across nodes: a block whose Ethereum transaction calls the inference precompile carries the
 * author's outputs in its header; another node imports it by re-running the model and matching them (same hash,
 * same state root); a block whose logged outputs were altered, or that lacks its log, is rejected.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateAddress, hexToBytes } from '@ethereumjs/util';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { Interface } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileContracts } from '../contracts/compile.ts';
import { cidFromString } from '../pallets/common/cid.ts';
import { DEV_KEYS, signed1559 } from '../pallets/evm/testing/chain.ts';
import { mlpOnnx } from '../precompiles/inference/testing/models.ts';
import { cryptoReady } from '../runtime/crypto/verify.ts';
import { encodeUnsignedExtrinsic } from '../runtime/extrinsic/unchecked.ts';
import { signExtrinsic } from '../runtime/extrinsic/sign.ts';
import type { DigestItem } from '../runtime/primitives.ts';
import { decodeHeader, encodeHeader, ENGINE_POUW, hashHeader, seal } from '../runtime/header.ts';
import { blake2_256 } from '../runtime/framework/hashers.ts';
import { createRuntime, type Runtime } from '../runtime/runtime.ts';
import { BlobStore } from '../storage/blobs/blob-store.ts';
import { ChainDb } from '../storage/chain-db.ts';
import { Chain } from './chain.ts';
import { authoritiesOf, genesisStorage, loadChainSpec } from './chain-spec.ts';
import { attesterFromSuri, nodeInference } from './inference.ts';
import { inferenceDigest, splitInferenceDigest } from './inference-digest.ts';
import { createLogger } from './log.ts';

const dirs: string[] = [];
const closers: (() => Promise<void>)[] = [];
const model = mlpOnnx([16, 32, 4], 7);

async function openNode(): Promise<{ chain: Chain; runtime: Runtime; modelCid: Uint8Array }> {
  const dir = mkdtempSync(join(tmpdir(), 'trainchain-inference-'));
  dirs.push(dir);
  const db = await ChainDb.open(join(dir, 'db'));
  closers.push(() => db.close());
  const runtime = createRuntime();
  const spec = loadChainSpec('dev');
  const chain = await Chain.open({ runtime, db, genesis: genesisStorage(spec, runtime), authorities: authoritiesOf(spec), log: createLogger('error'), instantFinality: true });
  const blobs = await BlobStore.open(join(dir, 'blobs'));
  const added = await blobs.add((async function* () {
    yield model.bytes;
  })());
  const inference = nodeInference({ runtime, blobs, attester: attesterFromSuri('//Alice') });
  runtime.evm.setPrecompiles(inference.precompiles);
  chain.inference = inference.block;
  return { chain, runtime, modelCid: cidFromString(added.cid) };
}

describe('inference log in block headers', () => {
  const alice = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//Alice');
  const blocks: { header: Uint8Array; body: Uint8Array[]; timestamp: bigint }[] = [];
  let author: Awaited<ReturnType<typeof openNode>>;

  const ethExtrinsic = (rt: Runtime, raw: Uint8Array) => rt.decodeExtrinsic(encodeUnsignedExtrinsic(rt.composed.encodeCall({ tag: 'Ethereum', value: { tag: 'transact', value: { transaction: raw } } })));
  const produce = async (txs: Parameters<Chain['author']>[0]) => {
    const timestamp = BigInt(1_700_000_000_000 + blocks.length * 2000);
    const { block, rejected } = await author.chain.author(txs, { timestamp }, alice);
    expect(rejected).toEqual([]);
    blocks.push({ header: block.header, body: block.extrinsics, timestamp });
  };
  const reseal = (header: Uint8Array, edit: (logs: DigestItem[]) => DigestItem[]): Uint8Array => {
    const h = decodeHeader(header);
    const unsealed = { ...h, digest: { logs: edit(h.digest.logs.slice(0, -1)) } };
    return encodeHeader({ ...unsealed, digest: { logs: [...unsealed.digest.logs, seal(ENGINE_POUW, alice.sign(hashHeader(unsealed)))] } });
  };

  beforeAll(async () => {
    await Promise.all([cryptoWaitReady(), cryptoReady()]);
    author = await openNode();
    const rt = author.runtime;
    const cid = author.modelCid;
    const shape = (dims: number[]) => ({ dims, dtype: { tag: 'Float32' } });
    const register = { tag: 'Models', value: { tag: 'register_model', value: {
      cid, model_hash: blake2_256(model.bytes), name: new TextEncoder().encode('mlp-16-32-4'), architecture: new TextEncoder().encode('mlp'), framework: new TextEncoder().encode('onnx'),
      model_type: { tag: 'Custom' }, inputs: [shape([0, 16])], outputs: [shape([0, 4])], parameter_count: BigInt(model.parameters), flops_per_inference: model.flops,
      license: { tag: 'Open' }, base_model: undefined, training_dataset: undefined,
    } } };
    const publish = { tag: 'Models', value: { tag: 'publish', value: { model_id: 0n } } };
    await produce([register, publish].map((call, nonce) => rt.decodeExtrinsic(signExtrinsic(rt, alice, call, { nonce }))));

    const { Classifier } = await compileContracts();
    const provider = `0x${Buffer.from(attesterFromSuri('//Alice').address).toString('hex')}`;
    const iface = new Interface(Classifier!.abi);
    const deploy = hexToBytes(`${Classifier!.bytecode}${iface.encodeDeploy([provider]).slice(2)}` as `0x${string}`);
    await produce([ethExtrinsic(rt, signed1559(DEV_KEYS[0]!, { nonce: 0n, data: deploy, gasLimit: 3_000_000n }).serialize())]);

    const sender = signed1559(DEV_KEYS[0]!, { nonce: 0n }).getSenderAddress().bytes;
    const classifier = generateAddress(sender, new Uint8Array([]));
    const x = new Float32Array(16).map((_, i) => Math.sin(i + 1));
    const data = iface.encodeFunctionData('classifyAndRecord', [`0x${'0'.repeat(64)}`, [{ dtype: 1, shape: [1, 16], data: new Uint8Array(x.buffer) }]]);
    await produce([ethExtrinsic(rt, signed1559(DEV_KEYS[0]!, { nonce: 1n, to: classifier, data: hexToBytes(data as `0x${string}`), gasLimit: 2_000_000n }).serialize())]);
  }, 120_000);
  afterAll(async () => {
    for (const close of closers) await close().catch(() => {});
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('the author records the precompile\'s output in the header, and the call succeeded', () => {
    const { entries } = splitInferenceDigest(decodeHeader(blocks[2]!.header).digest.logs.slice(0, -1));
    expect(entries).toHaveLength(1);
    expect(entries![0]!.signature).toHaveLength(65);
    expect(splitInferenceDigest(decodeHeader(blocks[1]!.header).digest.logs).entries).toBeUndefined();
    const state = author.chain.bestState;
    const statuses = author.runtime.evm.api.currentBlock(state)!.statuses;
    expect(statuses).toHaveLength(1);
    expect(statuses[0]!.logs).toHaveLength(1); // classifyAndRecord's event: the precompile call returned
  });

  it('another node imports the blocks by re-running the model: same hashes', async () => {
    const other = await openNode();
    for (const b of blocks) {
      const imported = await other.chain.importBlock(b.header, b.body, { timestamp: b.timestamp });
      expect(imported.hash).toEqual(hashHeader(decodeHeader(b.header)));
    }
  }, 60_000);

  it('rejects a block whose logged output was altered, or whose log is missing', async () => {
    const entries = splitInferenceDigest(decodeHeader(blocks[2]!.header).digest.logs.slice(0, -1)).entries!;
    const altered = entries.map((e) => ({ ...e, outputs: Uint8Array.from(e.outputs, (v, i) => (i === e.outputs.length - 1 ? v ^ 1 : v)) }));
    const variants = {
      altered: reseal(blocks[2]!.header, (logs) => logs.map((l) => (l.tag === 'Consensus' ? inferenceDigest(altered) : l))),
      missing: reseal(blocks[2]!.header, (logs) => logs.filter((l) => l.tag !== 'Consensus')),
    };
    for (const [name, header] of Object.entries(variants)) {
      const other = await openNode();
      for (const b of blocks.slice(0, 2)) await other.chain.importBlock(b.header, b.body, { timestamp: b.timestamp });
      await expect(other.chain.importBlock(header, blocks[2]!.body, { timestamp: blocks[2]!.timestamp }), name).rejects.toThrow(/state root|InvalidBlock/i);
    }
  }, 60_000);
});
