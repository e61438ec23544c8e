/**
 * Test support (not part of any runtime): small real implementations of Jobs' Config interfaces. State lives in
 * storage under mock prefixes, so a failed call rolls their writes back like any pallet's. Staking bonds are
 * reserved balance (slashes burn it, or pay half to a reporter), so issuance checks see every unit.
 */
import { blake2_256 } from '../../runtime/framework/hashers.ts';
import { DispatchFailure } from '../../runtime/framework/pallet.ts';
import { defineStorage, storage } from '../../runtime/framework/storage.ts';
import { type AccountId, AccountId32, Balance, H256 } from '../../runtime/primitives.ts';
import { bool, bytes, type CodecType, encode, fixedBytes, option, u8, u16, u32, u64, unit, vec } from '../../runtime/scale/codec.ts';
import { enumeration, struct } from '../../runtime/scale/composite.ts';
import type { Currency } from '../balances/index.ts';
import type { JobsDatasets, JobsModels, JobsRandomness, JobsStaking, JobsWorkers, StakingRole, VerificationHooks, WorkerView } from './config.ts';
import { Accelerator } from './types.ts';

const ROLE_INDEX: Record<StakingRole, number> = { worker: 0, verifier: 1, evaluator: 2 };
const stakingStorage = defineStorage('MockJobsStaking', {
  Bonded: storage.map('Blake2_128Concat', AccountId32, { value: Balance, default: 0n }),
  Locked: storage.map('Blake2_128Concat', AccountId32, { value: Balance, default: 0n }),
  Locks: storage.doubleMap(['Blake2_128Concat', AccountId32], ['Identity', fixedBytes(8)], { value: Balance }),
  Roles: storage.doubleMap(['Blake2_128Concat', AccountId32], ['Identity', u8], { value: unit }),
});

/** A staking stub: bonds are reserved on the currency, locks are per id and add up, slashes burn. */
export function mockStaking(currency: Currency) {
  const S = stakingStorage;
  const staking: JobsStaking = {
    unlockedStake: (state, who) => {
      const [bonded, locked] = [S.Bonded.get(state, who), S.Locked.get(state, who)];
      return bonded > locked ? bonded - locked : 0n;
    },
    hasRole: (state, who, role) => S.Roles.contains(state, who, ROLE_INDEX[role]),
    lock(ctx, who, id, amount) {
      const locked = S.Locked.get(ctx.state, who);
      if (S.Locks.contains(ctx.state, who, id) || locked + amount > S.Bonded.get(ctx.state, who)) {
        throw new DispatchFailure({ tag: 'Token', value: { tag: 'Frozen' } });
      }
      S.Locks.insert(ctx.state, amount, who, id);
      S.Locked.insert(ctx.state, locked + amount, who);
    },
    unlock(ctx, who, id) {
      const amount = S.Locks.get(ctx.state, who, id);
      if (amount === undefined) return;
      S.Locks.remove(ctx.state, who, id);
      const locked = S.Locked.get(ctx.state, who);
      S.Locked.insert(ctx.state, locked > amount ? locked - amount : 0n, who);
    },
    slash(ctx, who, amount, _reason, _proofRef, reporter) {
      const bonded = S.Bonded.get(ctx.state, who);
      const actual = amount < bonded ? amount : bonded;
      const toReporter = reporter ? actual / 2n : 0n;
      if (reporter) currency.repatriateReserved(ctx, who, reporter, toReporter, 'Free');
      currency.slashReserved(ctx, who, actual - toReporter);
      S.Bonded.insert(ctx.state, bonded - actual, who);
      return actual;
    },
  };
  /** Test setup: reserves `amount` as `who`'s bond and grants `roles`. */
  const bond = (ctx: Parameters<JobsStaking['lock']>[0], who: AccountId, amount: bigint, roles: StakingRole[]) => {
    currency.reserve(ctx, who, amount);
    S.Bonded.insert(ctx.state, S.Bonded.get(ctx.state, who) + amount, who);
    for (const r of roles) S.Roles.insert(ctx.state, [], who, ROLE_INDEX[r]);
  };
  return { staking, bond, storage: S };
}

const Runtime = enumeration('mock_jobs::Runtime', { OnnxCpu: { index: 0 }, OnnxCuda: { index: 1 } });
const MockWorker = struct('mock_jobs::Worker', {
  accelerator: Accelerator,
  accelerator_count: u16,
  memory_mb: u32,
  region: bytes,
  runtimes: vec(Runtime),
  price_per_second: Balance,
  reputation: u32,
  active: bool,
  verified: u32,
  faults: u32,
});
/** A mock worker record. */
export type MockWorker = CodecType<typeof MockWorker>;
const workersStorage = defineStorage('MockJobsWorkers', { Workers: storage.map('Blake2_128Concat', AccountId32, { value: MockWorker }) });

/** A worker registry: verified work adds 10_000 reputation (ppm), a timeout costs 50_000, invalid work 200_000. */
export function mockWorkers() {
  const S = workersStorage.Workers;
  const view = (w: MockWorker): WorkerView => ({ spec: { ...w }, reputation: w.reputation });
  const workers: JobsWorkers = {
    isActive: (state, who) => S.get(state, who)?.active === true,
    get: (state, who) => {
      const w = S.get(state, who);
      return w && view(w);
    },
    noteVerifiedWork(ctx, who) {
      const w = S.get(ctx.state, who);
      if (w) S.insert(ctx.state, { ...w, reputation: Math.min(1_000_000, w.reputation + 10_000), verified: w.verified + 1 }, who);
    },
    noteFault(ctx, who, kind) {
      const w = S.get(ctx.state, who);
      const penalty = kind === 'Timeout' ? 50_000 : 200_000;
      if (w) S.insert(ctx.state, { ...w, reputation: Math.max(0, w.reputation - penalty), faults: w.faults + 1 }, who);
    },
  };
  const defaults: MockWorker = {
    accelerator: { tag: 'NvidiaGpu' },
    accelerator_count: 1,
    memory_mb: 24_576,
    region: new TextEncoder().encode('eu-west'),
    runtimes: [{ tag: 'OnnxCpu' }, { tag: 'OnnxCuda' }],
    price_per_second: 100n,
    reputation: 500_000,
    active: true,
    verified: 0,
    faults: 0,
  };
  /** Test setup: registers (or updates) a worker. */
  const register = (ctx: { state: Parameters<typeof S.insert>[0] }, who: AccountId, fields: Partial<MockWorker> = {}) =>
    S.insert(ctx.state, { ...(S.get(ctx.state, who) ?? defaults), ...fields }, who);
  return { workers, register, record: (state: Parameters<typeof S.get>[0], who: AccountId) => S.get(state, who) };
}

const TrainedModel = struct('mock_jobs::TrainedModel', {
  owner: AccountId32,
  job_id: u64,
  model_hash: H256,
  base_model: option(u64),
  training_dataset: u64,
});
const modelsStorage = defineStorage('MockJobsModels', {
  NextModelId: storage.value({ value: u64, default: 1_000n }),
  Models: storage.map('Twox64Concat', u64, { value: TrainedModel }),
});

/** A model registry with some pre-registered ids; `refuse` makes registrations fail (a lineage too deep). */
export function mockModels(existing: bigint[]) {
  const S = modelsStorage;
  const control = { refuse: false };
  const models: JobsModels = {
    exists: (state, id) => existing.includes(id) || S.Models.contains(state, id),
    registerTrainedModel(ctx, args) {
      if (control.refuse) throw new DispatchFailure({ tag: 'Other' });
      const id = S.NextModelId.get(ctx.state);
      S.NextModelId.set(ctx.state, id + 1n);
      const { owner, job_id, model_hash, base_model, training_dataset } = args;
      S.Models.insert(ctx.state, { owner, job_id, model_hash, base_model, training_dataset }, id);
      return id;
    },
  };
  return { models, control, model: (state: Parameters<typeof S.Models.get>[0], id: bigint) => S.Models.get(state, id) };
}

/** Registered dataset ids. */
export const mockDatasets = (ids: bigint[]): JobsDatasets => ({ exists: (_state, id) => ids.includes(id) });

/** `blake2_256(parent hash ++ block number ++ subject)`: fixed by the block, unknown to workers beforehand. */
export const mockRandomness: JobsRandomness = {
  random: (ctx, subject) => blake2_256(new Uint8Array([...ctx.block.parentHash, ...encode(u32, ctx.block.number), ...subject])),
};

/** Records submissions; `then` (when set) runs the protocol's answer inside the submitting call. */
export function mockVerification() {
  const submitted: bigint[] = [];
  const control: { then?: (ctx: Parameters<VerificationHooks['onSubmitted']>[0], jobId: bigint) => void } = {};
  const hooks: VerificationHooks = {
    onSubmitted(ctx, jobId) {
      control.then?.(ctx, jobId);
      submitted.push(jobId);
    },
  };
  return { hooks, submitted, control };
}
