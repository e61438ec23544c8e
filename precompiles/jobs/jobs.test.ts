/**
 * IJobs (0x…0a13) and the TrainingMarket example dapp through real blocks on the dev genesis: posting escrows the
 * reward and fee on the caller's mapped account (one ledger: the EVM balance is the free balance), a refused post
 * reverts with the pallet error and reserves nothing, and a job run to Completed (workers, Root verdicts) yields
 * the trained model id through `jobResult`, which the dapp claims and classifies with through IInference (the
 * pallet precompiles composed with the inference precompile), checking the attestation with ecrecover.
 */
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { Interface, type InterfaceAbi } from 'ethers';
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileContracts } from '../../contracts/compile.ts';
import { rawCidOf } from '../../pallets/common/cid.ts';
import { fallbackAccountId, toAccountId } from '../../pallets/evm/address.ts';
import type { Origin, RuntimeCall } from '../../runtime/framework/pallet.ts';
import { createInferencePrecompile, MemoryInferenceLog, privateKeyAttester } from '../inference/index.ts';
import { directRun, floatInput } from '../inference/testing/fixtures.ts';
import { mlpOnnx } from '../inference/testing/models.ts';
import { bytes, cid, compile, DEV, DEV_ACCOUNT, hex, interfaceSource, JOBS, PalletChain, UNIT } from '../models/testing.ts';
import { NO_ID } from '../pallet-call.ts';
import { createPalletPrecompiles } from '../pallet-precompiles.ts';

const { iface: jobs } = compile(interfaceSource('IJobs'), 'IJobs');
const REWARD = 10n * UNIT;
const FEE = REWARD / 100n;
const call = (pallet: string, name: string, value: Record<string, unknown>): RuntimeCall => ({ tag: pallet, value: { tag: name, value } });
const signed = (who: Uint8Array): Origin => ({ tag: 'Signed', who });
/** The "trained" model the worker submits: a 16 → 8 → 4 MLP, stored under its raw CID. */
const MLP = mlpOnnx([16, 8, 4], 7);
const MLP_CID = rawCidOf(MLP.bytes);
const ATTESTER = privateKeyAttester(new Uint8Array(32).fill(9));

/**
 * The pallet precompiles composed with the inference precompile, whose host reads the state through the EVM's
 * precompile context (the composition the node does with `createPalletPrecompiles` and its inference factory).
 */
function installPrecompiles(chain: PalletChain): void {
  const pallets = createPalletPrecompiles(() => chain.runtime);
  chain.runtime.evm.setPrecompiles((frame, context) => {
    const state = () => context().state;
    const inference = createInferencePrecompile({
      frame,
      model: (id) => chain.runtime.models.registry.get(state(), id),
      hasAccess: (id, caller) => chain.runtime.models.registry.hasAccess(state(), id, toAccountId(state(), caller), context().block.number),
      modelBytes: async (c) => (hex(c) === hex(MLP_CID) ? MLP.bytes : undefined),
      get blockNumber() {
        return BigInt(context().block.number);
      },
      chainId: 31337n,
      attester: ATTESTER,
      get log() {
        return new MemoryInferenceLog('record');
      },
    });
    return [...pallets(frame, context), { address: inference.address, function: inference.function }];
  });
}

let chain: PalletChain;
let bob: Uint8Array;
let ferdie: Uint8Array;
let market: { iface: Interface; bytecode: Uint8Array };
const S = () => chain.runtime.jobs.storage;

/** A one-worker CPU-exact job on dataset 0, due 100 blocks from now. */
const spec = (over: Record<string, unknown> = {}) => ({
  trainStepModel: cid('train-step.onnx'), datasetId: 0n, baseModel: NO_ID, hyperparamsHash: `0x${'aa'.repeat(32)}`, hyperparamsCid: '0x',
  totalSteps: 100, segmentLength: 10, tolerancePpm: 0, workers: 1, minWorkerStake: 1_000n * UNIT, deadline: chain.number + 100,
  region: '', accelerator: 255, ...over,
});

beforeAll(async () => {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519' });
  [bob, ferdie] = ['//Bob', '//Ferdie'].map((u) => keyring.addFromUri(u).publicKey) as [Uint8Array, Uint8Array];
  chain = new PalletChain();
  installPrecompiles(chain);
  const a = await compileContracts();
  market = { iface: new Interface(a.TrainingMarket!.abi as InterfaceAbi), bytecode: bytes(a.TrainingMarket!.bytecode) };
  const worker = { accelerator: { tag: 'Cpu' }, accelerator_count: 1, memory_mb: 16_000, region: new TextEncoder().encode('eu-west'), runtimes: [{ tag: 'OnnxCpu' }], price_per_second: 1_000n };
  const { results } = await chain.dispatch([
    { origin: signed(DEV_ACCOUNT), call: call('Datasets', 'register_dataset', { cid: cid('mnist'), size_bytes: 1_000n, license: { tag: 'Open' }, tags: [], schema: new Uint8Array(), test_commitment: undefined }) },
    { origin: signed(bob), call: call('Staking', 'bond', { value: 5_000n * UNIT }) },
    { origin: signed(bob), call: call('Staking', 'set_roles', { validator: false, worker: true, verifier: false, evaluator: false }) },
    { origin: signed(bob), call: call('Workers', 'register', { spec: worker }) },
    { origin: signed(ferdie), call: call('Staking', 'bond', { value: 2_000n * UNIT }) },
    { origin: signed(ferdie), call: call('Staking', 'set_roles', { validator: false, worker: false, verifier: true, evaluator: true }) },
  ]);
  expect(results.map((r) => r.ok)).toEqual([true, true, true, true, true, true]);
});

describe('IJobs', () => {
  it('selectors match solc and the @custom:selector annotations', async () => {
    const a = (await compileContracts()).IJobs!;
    for (const [sig, sel] of Object.entries(a.methodIdentifiers)) expect(jobs.getFunction(sig)!.selector).toBe(`0x${sel}`);
  });

  it('posting from a dev key reserves reward + fee on h160 ‖ 0xEE…; the EVM balance is the free balance', async () => {
    const [free, reserved] = [chain.free(DEV_ACCOUNT), chain.reserved(DEV_ACCOUNT)];
    const id = S().NextJobId.get(chain.state);
    const r = await chain.send(JOBS, bytes(jobs.encodeFunctionData('postTrainingJob', [spec(), REWARD])));
    expect(r.ok).toBe(true);
    expect(chain.reserved(DEV_ACCOUNT) - reserved).toBe(REWARD + FEE);
    const spent = free - chain.free(DEV_ACCOUNT);
    expect(spent > REWARD + FEE && spent < REWARD + FEE + UNIT / 100n).toBe(true); // plus the gas fee
    expect(chain.runtime.evm.api.account(chain.state, DEV).balance).toBe(chain.free(DEV_ACCOUNT));
    const job = S().Jobs.get(chain.state, id)!;
    expect(job).toMatchObject({ reward: REWARD, fee: FEE, escrow_remaining: REWARD + FEE, status: { tag: 'Open' } });
    expect(hex(job.owner)).toBe(hex(DEV_ACCOUNT));
    const status = await chain.call(JOBS, bytes(jobs.encodeFunctionData('jobStatus', [id])));
    expect([...jobs.decodeFunctionResult('jobStatus', status.returnValue)]).toEqual([0n, hex(DEV_ACCOUNT), REWARD, REWARD + FEE]);
    const result = await chain.call(JOBS, bytes(jobs.encodeFunctionData('jobResult', [id])));
    expect(jobs.parseError(hex(result.error?.kind === 'revert' ? result.error.data : new Uint8Array()))?.name).toBe('NoResult');
  });

  it('a refused post reverts DispatchFailed with the pallet error and reserves nothing', async () => {
    const reserved = chain.reserved(DEV_ACCOUNT);
    const r = await chain.send(JOBS, bytes(jobs.encodeFunctionData('postTrainingJob', [spec(), UNIT / 2n])));
    expect(r.ok).toBe(false);
    const e = jobs.parseError(hex(r.extra))!;
    expect([e.name, e.args[0]]).toEqual(['DispatchFailed', 'Jobs.RewardTooLow']);
    expect(chain.reserved(DEV_ACCOUNT)).toBe(reserved);
    const sent = await chain.send(JOBS, bytes(jobs.encodeFunctionData('postTrainingJob', [spec(), REWARD])), { value: 1n });
    expect(sent.ok).toBe(false);
  });

  it('TrainingMarket escrows from its own balance, cancels with a full refund, then runs a job to its trained model', async () => {
    const address = await chain.deploy(new Uint8Array([...market.bytecode, ...bytes(market.iface.encodeDeploy([hex(new Uint8Array(20))]))]), 20n * UNIT);
    const account = fallbackAccountId(address);
    const send = (fn: string, args: unknown[]) => chain.send(address, bytes(market.iface.encodeFunctionData(fn, args)));
    expect((await send('postJob', [spec(), REWARD])).ok).toBe(true);
    expect(chain.reserved(account)).toBe(REWARD + FEE);
    expect(chain.runtime.evm.api.account(chain.state, address).balance).toBe(20n * UNIT - REWARD - FEE);
    expect((await send('cancel', [])).ok).toBe(true);
    expect(chain.reserved(account)).toBe(0n);
    expect(chain.free(account)).toBe(0n);

    // Funded again, it posts a job that one worker trains and Root verifies and evaluates.
    const posted = await chain.send(address, bytes(market.iface.encodeFunctionData('postJob', [spec(), REWARD])), { value: 20n * UNIT });
    expect(posted.ok).toBe(true);
    const id = S().NextJobId.get(chain.state) - 1n;
    const losses = Array.from({ length: 10 }, (_, i) => 2_000_000 - i * 1_000);
    const hash = bytes(`0x${'22'.repeat(32)}`);
    const run = await chain.dispatch([
      { origin: signed(bob), call: call('Jobs', 'volunteer', { job_id: id }) },
      { origin: signed(bob), call: call('Jobs', 'start_training', { job_id: id }) },
      { origin: signed(bob), call: call('Jobs', 'submit_result', { job_id: id, model_hash: hash, model_cid: MLP_CID, checkpoint_root: bytes(`0x${'33'.repeat(32)}`), segment_losses: losses }) },
      { origin: { tag: 'Root' }, call: call('Jobs', 'force_verification_result', { job_id: id, accepted: true, verifiers: [ferdie], offender: undefined, proof_ref: new Uint8Array(32) }) },
      { origin: { tag: 'Root' }, call: call('Jobs', 'force_evaluation', { job_id: id, evaluators: [ferdie], score: 870_000 }) },
    ]);
    expect(run.results.map((r) => r.ok)).toEqual([true, true, true, true, true]);
    const result = await chain.call(JOBS, bytes(jobs.encodeFunctionData('jobResult', [id])));
    const [modelHash, modelCid, , modelId] = jobs.decodeFunctionResult('jobResult', result.returnValue);
    expect([modelHash, modelCid]).toEqual([hex(hash), hex(MLP_CID)]);
    expect(modelId).not.toBe(NO_ID);
    const claimed = await send('claimModel', []);
    expect(claimed.ok).toBe(true);
    const stored = await chain.call(address, bytes(market.iface.encodeFunctionData('modelId', [])));
    expect(market.iface.decodeFunctionResult('modelId', stored.returnValue)[0]).toBe(modelId);
    expect(hex(chain.runtime.models.storage.Models.get(chain.state, modelId)!.owner)).toBe(hex(account));

    // The contract owns the trained model: it classifies through IInference and checks the attestation.
    const input = floatInput(16, 3);
    const classified = await chain.call(address, bytes(market.iface.encodeFunctionData('classify', [[input]])));
    expect(classified.error).toBeUndefined();
    const [label, att] = market.iface.decodeFunctionResult('classify', classified.returnValue);
    const direct = await directRun(MLP.bytes, { x: new ort.Tensor('float32', new Float32Array(input.data.buffer), [1, 16]) });
    const logits = [...(direct[Object.keys(direct)[0]!]!.data as Float32Array)];
    expect(Number(label)).toBe(logits.indexOf(Math.max(...logits)));
    expect(att.provider.toLowerCase()).toBe(hex(ATTESTER.address));
  });
});
