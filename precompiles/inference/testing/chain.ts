/**
 * A real @ethereumjs/vm 10.1.3 (Prague + EIP-7939, chain id 31337) with the inference precompile installed and
 * a mock models pallet / blob store behind its host: what the tests and the bench drive. Signed EIP-1559
 * transactions go through `runTx`; read-only calls through `runCall` inside a journal checkpoint.
 */
import { createBlock } from '@ethereumjs/block';
import { createCustomCommon, Hardfork, Mainnet } from '@ethereumjs/common';
import type { EVMResult } from '@ethereumjs/evm';
import { createFeeMarket1559Tx } from '@ethereumjs/tx';
import { type Address, createAccount, createAddressFromPrivateKey, createAddressFromString, hexToBytes } from '@ethereumjs/util';
import { createVM, runTx, type RunTxResult, type VM } from '@ethereumjs/vm';
import { MessageStack } from '../../../pallets/evm/message-stack.ts';
import { privateKeyAttester } from '../attestation.ts';
import type { Attester, InferenceHost, InferenceLog, InferenceModel } from '../host.ts';
import { MemoryInferenceLog } from '../inference-log.ts';
import { createInferencePrecompile, INFERENCE_ADDRESS, type InferencePrecompile } from '../precompile.ts';

/** The dev chain id. */
export const CHAIN_ID = 31337n;
/** Dummy code at the precompile address, as genesis puts it (docs/evm.md). */
export const DUMMY_CODE = hexToBytes('0x60006000fd');

/** A registered model in the mock registry. */
export interface MockModel {
  info: InferenceModel;
  blob: Uint8Array;
  /** 20-byte addresses (hex, lower case, 0x) with access besides an Open published model's everyone. */
  grants?: string[];
  /** `inferPaid`'s per-call price and payee, when the model is sold per call. */
  offer?: { price: bigint; payee: Uint8Array };
}

/** The test chain. */
export interface TestChain {
  vm: VM;
  stack: MessageStack;
  precompile: InferencePrecompile;
  models: Map<bigint, MockModel>;
  /** Mutable: the block number, inference log and attester the host reports. */
  block: { number: bigint; log: InferenceLog; attester: Attester };
  attesterKey: Uint8Array;
  sender: Address;
  /** Signs and runs a transaction (`to` undefined deploys `data`). */
  send(to: Address | undefined, data: Uint8Array, gasLimit?: bigint, value?: bigint): Promise<RunTxResult>;
  /** The balance of an address, in wei. */
  balance(address: Address): Promise<bigint>;
  /** A read-only call, state reverted afterwards. */
  call(to: Address, data: Uint8Array, gasLimit?: bigint): Promise<EVMResult>;
}

/** A model record for the mock registry. */
export function modelInfo(cid: Uint8Array, flops: bigint, inputs: number[][], opts: Partial<InferenceModel> = {}): InferenceModel {
  return {
    cid, model_hash: new Uint8Array(32).fill(0xab), owner: new Uint8Array(32).fill(0x01), flops_per_inference: flops,
    inputs: inputs.map((dims) => ({ dims })), outputs: [{ dims: [0, 0] }], license: { tag: 'Open' }, published: true, revoked: false, ...opts,
  };
}

const hex = (b: Uint8Array): string => `0x${Buffer.from(b).toString('hex')}`;

/** Starts a VM with the precompile over `models`. */
export async function createTestChain(models: Map<bigint, MockModel> = new Map()): Promise<TestChain> {
  const common = createCustomCommon({ chainId: Number(CHAIN_ID), name: 'trainchain-test' }, Mainnet, { hardfork: Hardfork.Prague, eips: [7939] });
  const stack = new MessageStack();
  const attesterKey = new Uint8Array(32).fill(0x42);
  const block = { number: 1n, log: new MemoryInferenceLog('record') as InferenceLog, attester: privateKeyAttester(attesterKey) };
  const byCid = (cid: Uint8Array): MockModel | undefined => [...models.values()].find((m) => hex(m.info.cid) === hex(cid));
  const host: InferenceHost = {
    frame: () => stack.frame(),
    model: (id) => models.get(id)?.info,
    hasAccess: (id, caller) => {
      const m = models.get(id);
      if (!m || m.info.revoked) return false;
      return (m.info.published && m.info.license.tag === 'Open') || (m.grants ?? []).includes(hex(caller));
    },
    modelBytes: async (cid) => byCid(cid)?.blob,
    callPrice: (id) => models.get(id)?.offer,
    get blockNumber() {
      return block.number;
    },
    chainId: CHAIN_ID,
    get attester() {
      return block.attester;
    },
    get log() {
      return block.log;
    },
  };
  const precompile = createInferencePrecompile(host);
  const vm = await createVM({ common, evmOpts: { customPrecompiles: [precompile] } });
  stack.attach(vm.evm);
  await vm.stateManager.putCode(createAddressFromString(INFERENCE_ADDRESS), DUMMY_CODE);
  const senderKey = new Uint8Array(32).fill(0xac);
  const sender = createAddressFromPrivateKey(senderKey);
  await vm.stateManager.putAccount(sender, createAccount({ balance: 10n ** 24n }));
  let nonce = 0n;
  let cached: { number: bigint; header: ReturnType<typeof createBlock> } | undefined;
  const header = () => {
    if (cached?.number !== block.number) {
      const h = createBlock({ header: { number: block.number, gasLimit: 60_000_000n, baseFeePerGas: 7n, timestamp: 1_700_000_000n + block.number } }, { common });
      cached = { number: block.number, header: h };
    }
    return cached.header;
  };

  return {
    vm, stack, precompile, models, block, attesterKey, sender,
    async send(to, data, gasLimit = 30_000_000n, value = 0n) {
      const tx = createFeeMarket1559Tx({ chainId: CHAIN_ID, nonce: nonce++, maxFeePerGas: 10n ** 9n, maxPriorityFeePerGas: 1n, gasLimit, to, data, value }, { common }).sign(senderKey);
      return runTx(vm, { tx, block: header() });
    },
    async balance(address) {
      return (await vm.stateManager.getAccount(address))?.balance ?? 0n;
    },
    async call(to, data, gasLimit = 30_000_000n) {
      await vm.evm.journal.checkpoint();
      try {
        return await vm.evm.runCall({ to, caller: sender, origin: sender, data, gasLimit, block: header() });
      } finally {
        await vm.evm.journal.revert();
      }
    },
  };
}
