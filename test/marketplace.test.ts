/**
 * The AI marketplace through @polkadot/api against a running `trainchain --dev`: datasets and a base model,
 * staked workers, a training job from escrow to payout (every balance to the unit), its trained model with
 * lineage, a cancelled job, an expired job, a slashed worker, and paid access with a royalty up the lineage.
 */
import '@polkadot/api-augment';
import { ApiPromise, Keyring, WsProvider } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { Codec } from '@polkadot/types/types';
import { u8aToHex } from '@polkadot/util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawCidOf } from '../pallets/common/cid.ts';
import { TREASURY_ACCOUNT } from '../runtime/marketplace.ts';
import { type NodeProcess, startNodeProcess } from './support/node-process.ts';

const UNIT = 10n ** 18n;
const REWARD = 1_000n * UNIT;
const FEE = REWARD / 100n;

/** A CID as @polkadot/api takes `Bytes` (hex; a Uint8Array would be read as length-prefixed). */
const cid = (name: string) => u8aToHex(rawCidOf(new TextEncoder().encode(name)));

/** An event's fields by camelCase name, as JSON values (big numbers as they come: number or hex string). */
function fields(data: Codec[] & { names?: string[] | null }): Record<string, unknown> {
  const names = data.names ?? data.map((_, i) => String(i));
  return Object.fromEntries(names.map((n, i) => [n.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()), data[i]!.toPrimitive()]));
}

type Event = { section: string; method: string; data: Record<string, unknown> };

describe('AI marketplace through @polkadot/api', () => {
  let node: NodeProcess;
  let api: ApiPromise;
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const [alice, bob, charlie, dave, eve, ferdie] = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'].map((n) => keyring.addFromUri(`//${n}`)) as KeyringPair[];
  // biome-ignore lint: the marketplace pallets are not in @polkadot/api's built-in augmentation
  const tx = () => api.tx as unknown as Record<string, Record<string, (...args: unknown[]) => SubmittableExtrinsic<'promise'>>>;
  const query = () => api.query as unknown as Record<string, Record<string, (...args: unknown[]) => Promise<Codec>>>;

  /** Sends and waits for inclusion; throws the decoded module error of a failed call. */
  async function send(signer: KeyringPair, ext: SubmittableExtrinsic<'promise'>): Promise<Event[]> {
    return new Promise((resolve, reject) => {
      ext
        .signAndSend(signer, (result) => {
          if (!result.status.isInBlock) return;
          const failed = result.events.find((e) => e.event.method === 'ExtrinsicFailed');
          if (result.dispatchError) {
            const e = result.dispatchError;
            reject(new Error(e.isModule ? `${api.registry.findMetaError(e.asModule).section}.${api.registry.findMetaError(e.asModule).name}` : e.toString()));
            return;
          }
          if (failed) return reject(new Error('ExtrinsicFailed'));
          resolve(result.events.map(({ event }) => ({ section: event.section, method: event.method, data: fields(event.data) })));
        })
        .catch(reject);
    });
  }
  const sudo = (call: SubmittableExtrinsic<'promise'>) => send(alice, api.tx.sudo.sudo(call));
  const free = async (who: Uint8Array | string) => (await api.query.system.account(who)).data.free.toBigInt();
  const reserved = async (who: Uint8Array | string) => (await api.query.system.account(who)).data.reserved.toBigInt();
  const find = (events: Event[], method: string) => events.filter((e) => e.method === method);
  const best = async () => (await api.rpc.chain.getHeader()).number.toNumber();
  const newBlocks = (count: number) => (api as unknown as { _rpcCore: { provider: WsProvider } })._rpcCore.provider.send('dev_newBlock', [{ count }]);

  let datasetId: number;
  let baseModelId: number;
  let trainedModelId: number;

  beforeAll(async () => {
    node = await startNodeProcess(['--dev', '--instant-seal']);
    api = await ApiPromise.create({ provider: new WsProvider(node.ws), noInitWarn: true });
    // A dataset and a published, commercially licensed base model, both Alice's.
    const events = await send(alice, tx().datasets.registerDataset(cid('mnist-train'), 47_000_000, { Open: null }, ['vision', 'mnist'], '0x', null));
    datasetId = Number(find(events, 'DatasetRegistered')[0]!.data.id);
    const model = await send(alice, tx().models.registerModel(
      cid('base-onnx'), `0x${'11'.repeat(32)}`, 'mlp-base', 'mlp-784-128-10', 'onnx', { Vision: null },
      [{ dims: [0, 784], dtype: 'Float32' }], [{ dims: [0, 10], dtype: 'Float32' }], 101_770, 203_530, { Commercial: null }, null, datasetId,
    ));
    baseModelId = Number(find(model, 'ModelRegistered')[0]!.data.modelId);
    await send(alice, tx().models.publish(baseModelId));
    await send(alice, tx().models.setAccessTiers(baseModelId, [{ price: 50n * UNIT, durationBlocks: null, maxUses: null }]));
    // Dave, who will post jobs, buys the right to build on it.
    await send(dave, tx().models.purchaseAccess(baseModelId, 0));
    // Two staked workers, and Ferdie as verifier and evaluator.
    for (const w of [bob, charlie]) {
      await send(w, tx().staking.bond(5_000n * UNIT));
      await send(w, tx().staking.setRoles(false, true, false, false));
      await send(w, tx().workers.register({ accelerator: { NvidiaGpu: null }, acceleratorCount: 1, memoryMb: 24_000, region: 'eu-west', runtimes: [{ OnnxCpu: null }, { OnnxCuda: null }], pricePerSecond: 1_000 }));
    }
    await send(ferdie, tx().staking.bond(2_000n * UNIT));
    await send(ferdie, tx().staking.setRoles(false, false, true, true));
  }, 180_000);
  afterAll(async () => {
    await api?.disconnect();
    await node?.kill();
  });

  const spec = async (deadlineIn: number, workers = 2) => ({
    trainStepModel: cid('train-step.onnx'),
    datasetId,
    baseModel: baseModelId,
    hyperparamsHash: `0x${'aa'.repeat(32)}`,
    hyperparamsCid: null,
    totalSteps: 2_000,
    segmentLength: 20,
    mode: { CpuExact: null },
    workers,
    minWorkerStake: 1_000n * UNIT,
    deadline: (await best()) + deadlineIn,
    region: 'eu-west',
    accelerator: null,
  });
  const post = async (owner: KeyringPair, deadlineIn: number, workers = 2) => {
    const events = await send(owner, tx().jobs.postTrainingJob(await spec(deadlineIn, workers), REWARD));
    const posted = find(events, 'JobPosted')[0]!.data;
    expect(BigInt(posted.reward as string)).toBe(REWARD);
    expect(BigInt(posted.fee as string)).toBe(FEE);
    return Number(posted.jobId);
  };
  const jobStatus = async (id: number) => ((await query().jobs.jobs(id)).toJSON() as { status: string }).status;

  it('runs a training job from escrow to payout, to the last unit, and registers the model with its lineage', async () => {
    const daveReserved = await reserved(dave.address);
    const job = await post(dave, 200);
    expect(await reserved(dave.address)).toBe(daveReserved + REWARD + FEE);
    await send(bob, tx().jobs.volunteer(job));
    const assigned = find(await send(charlie, tx().jobs.volunteer(job)), 'JobAssigned');
    expect(assigned).toHaveLength(1);
    expect(assigned[0]!.data.seed).toMatch(/^0x[0-9a-f]{64}$/);
    await send(bob, tx().jobs.startTraining(job));
    const submitted = await send(bob, tx().jobs.submitResult(job, `0x${'22'.repeat(32)}`, cid('trained.onnx'), `0x${'33'.repeat(32)}`, Array.from({ length: 100 }, (_, i) => 2_300_000 - i * 10_000)));
    expect(find(submitted, 'VerificationStarted')).toHaveLength(1);
    expect(await jobStatus(job)).toBe('Verifying');
    await sudo(tx().jobs.forceVerificationResult(job, true, [ferdie.address], null, `0x${'44'.repeat(32)}`));
    expect(await jobStatus(job)).toBe('Evaluating');

    const before = await Promise.all([bob, charlie, ferdie, alice].map((p) => free(p.address)));
    const treasuryBefore = await free(TREASURY_ACCOUNT);
    const events = await sudo(tx().jobs.forceEvaluation(job, [ferdie.address], 870_000));
    const after = await Promise.all([bob, charlie, ferdie, alice].map((p) => free(p.address)));
    // 85% to the two workers, 7% + 3% to Ferdie as verifier and evaluator, 5% to the treasury, the 1% fee to the author (Alice).
    expect(after[0]! - before[0]!).toBe((REWARD * 85n) / 200n);
    expect(after[1]! - before[1]!).toBe((REWARD * 85n) / 200n);
    expect(after[2]! - before[2]!).toBe((REWARD * 10n) / 100n);
    expect(after[3]! - before[3]!).toBe(FEE); // her sudo call is refunded, its fee goes to herself as the author
    expect((await free(TREASURY_ACCOUNT)) - treasuryBefore).toBe((REWARD * 5n) / 100n);
    expect(await reserved(dave.address)).toBe(daveReserved);
    const paid = find(events, 'PaidOut').reduce((s, e) => s + BigInt(e.data.amount as string), 0n);
    expect(paid).toBe(REWARD + FEE);

    const completed = find(events, 'JobCompleted')[0]!.data;
    trainedModelId = Number(completed.modelId);
    const modelId = trainedModelId;
    const model = (await query().models.models(modelId)).toJSON() as Record<string, unknown>;
    expect(model).toMatchObject({ owner: dave.address, baseModel: baseModelId, trainingDataset: datasetId, trainingJob: job, lineageDepth: 1 });
    expect(await jobStatus(job)).toBe('Completed');
  });

  it('refunds a cancelled job, fee included', async () => {
    const freeBefore = await free(eve.address);
    const job = await post(eve, 100);
    const events = await send(eve, tx().jobs.cancelJob(job));
    expect(BigInt(find(events, 'JobCancelled')[0]!.data.refund as string)).toBe(REWARD + FEE);
    expect(await reserved(eve.address)).toBe(0n);
    const fees = [...find(events, 'TransactionFeePaid')].reduce((s, e) => s + BigInt(e.data.actualFee as string), 0n);
    expect(freeBefore - (await free(eve.address))).toBeGreaterThan(0n); // only transaction fees were spent
    expect(freeBefore - (await free(eve.address))).toBeLessThan(UNIT);
    expect(fees).toBeGreaterThan(0n);
  });

  it('expires a job nobody took at its deadline and refunds it', async () => {
    const job = await post(eve, 5);
    await newBlocks(6);
    expect(await jobStatus(job)).toBe('Expired');
    expect(await reserved(eve.address)).toBe(0n);
  });

  it('slashes a worker whose result is rejected and refunds the owner', async () => {
    const job = await post(dave, 200, 1);
    await send(charlie, tx().jobs.volunteer(job));
    await send(charlie, tx().jobs.startTraining(job));
    await send(charlie, tx().jobs.submitResult(job, `0x${'55'.repeat(32)}`, cid('bad.onnx'), `0x${'66'.repeat(32)}`, Array.from({ length: 100 }, () => 1)));
    const ledgerBefore = (await query().staking.ledger(charlie.address)).toJSON() as { active: string };
    const events = await sudo(tx().jobs.forceVerificationResult(job, false, [], charlie.address, `0x${'77'.repeat(32)}`));
    const slashed = find(events, 'Slashed')[0]!.data;
    expect(BigInt(slashed.amount as string)).toBeGreaterThan(0n);
    const ledgerAfter = (await query().staking.ledger(charlie.address)).toJSON() as { active: string };
    expect(BigInt(ledgerBefore.active) - BigInt(ledgerAfter.active)).toBe(BigInt(slashed.amount as string));
    expect(await jobStatus(job)).toBe('Failed');
    expect(find(events, 'ResultRejected')).toHaveLength(1);
  });

  it('pays for access to a derived model, with a royalty to the base model\'s owner', async () => {
    // The trained model (Dave's, derived from Alice's base) is published with a paid tier.
    const modelId = trainedModelId;
    await send(dave, tx().models.publish(modelId));
    await send(dave, tx().models.setAccessTiers(modelId, [{ price: 100n * UNIT, durationBlocks: 1_000, maxUses: 10 }]));
    const [aliceBefore, daveBefore, treasuryBefore] = await Promise.all([free(alice.address), free(dave.address), free(TREASURY_ACCOUNT)]);
    const events = await send(eve, tx().models.purchaseAccess(modelId, 0));
    const royalty = find(events, 'RoyaltyPaid');
    expect(royalty).toHaveLength(1);
    // 10% to the treasury; of the owner's 90%, 10% flows up to the base model's owner.
    expect(BigInt(royalty[0]!.data.amount as string)).toBe(9n * UNIT);
    expect((await free(TREASURY_ACCOUNT)) - treasuryBefore).toBe(10n * UNIT);
    expect((await free(dave.address)) - daveBefore).toBe(81n * UNIT);
    // Alice authors the block, so she also receives Eve's transaction fee.
    const eveFee = BigInt(find(events, 'TransactionFeePaid')[0]!.data.actualFee as string);
    expect((await free(alice.address)) - aliceBefore).toBe(9n * UNIT + eveFee);
    expect(u8aToHex(TREASURY_ACCOUNT)).toMatch(/^0x6d6f646c70792f7472737279/);
  });
});
