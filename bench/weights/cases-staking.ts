/** `bench/weights` cases for Staking (calls, the era hook, the API other pallets call) and Workers. */
import { StakingWeights } from '../../pallets/staking/weights.ts';
import { WorkersWeights } from '../../pallets/workers/weights.ts';
import { UNIT } from '../../runtime/runtime.ts';
import { type BenchChain, callOf } from './chain.ts';
import { apiPoint, hookPoint, rootPoint, signedPoint } from './points.ts';
import type { Case } from './runner.ts';
import { ACCOUNTS, addr, endow, h256, makeWorker, roles, type World, workerSpec } from './world.ts';

const MAX_CHUNKS = 32;
const MAX_VALIDATORS = 100;
const UNBONDING = 24 * 600;
/** Spare bench accounts for one case: `count` of them from `from`. */
const spares = (w: World, from: number, count: number) => Array.from({ length: count }, (_, i) => w.chain.keys.get(ACCOUNTS.spare + from + i));
const staker = (w: World) => spares(w, 10, 1)[0]!;
const bond = (value: bigint) => callOf('Staking', 'bond', { value });
const LOCK_ID = new Uint8Array([0x6a, 1, 2, 3, 4, 5, 6, 7]);
const stakingApi = (c: BenchChain) => c.runtime.staking.api;
const stakingHook = (c: BenchChain) => c.runtime.composed.pallets.find((p) => p.pallet.name === 'Staking')!.pallet.hooks!.onInitialize!;
const workersHook = (c: BenchChain) => c.runtime.composed.pallets.find((p) => p.pallet.name === 'Workers')!.pallet.hooks!.onInitialize!;

/** The staker bonded, with `chunks` unlocking chunks of 1 TRAIN from distinct blocks. */
function unbonded(w: World, chunks: number) {
  return (c: BenchChain) => {
    const who = staker(w);
    endow(c, who);
    c.as(who, bond(10_000n * UNIT));
    for (let i = 0; i < chunks; i++) {
      c.next();
      c.as(who, callOf('Staking', 'unbond', { value: UNIT }));
    }
  };
}

/** `n` accounts bonded as validators (10,000 TRAIN minimum) and an era forced. */
function candidates(w: World, n: number) {
  return (c: BenchChain) => {
    for (const [i, who] of spares(w, 1000, n).entries()) {
      endow(c, who);
      c.as(who, bond(10_000n * UNIT + BigInt(i) * UNIT));
      c.as(who, callOf('Staking', 'set_roles', roles({ validator: true })));
    }
    c.root(callOf('Staking', 'force_new_era'));
  };
}

export const stakingCases: Case[] = [
  { name: 'Staking.bond', weightFn: 'StakingWeights.bond', prepare: (w) => signedPoint(w, staker(w), bond(1_000n * UNIT), { setup: (c) => endow(c, staker(w)) }) },
  {
    name: 'Staking.unbond', weightFn: 'StakingWeights.unbond', component: 'chunks', values: [0, 8, 16, 31],
    prepare: (w, n) => signedPoint(w, staker(w), callOf('Staking', 'unbond', { value: UNIT }), { setup: unbonded(w, n) }),
  },
  {
    name: 'Staking.withdraw_unbonded', weightFn: 'StakingWeights.withdrawUnbonded', component: 'chunks', values: [1, 8, 16, MAX_CHUNKS],
    prepare: (w, n) => signedPoint(w, staker(w), callOf('Staking', 'withdraw_unbonded'), { setup: unbonded(w, n), gap: UNBONDING + 1 }),
  },
  {
    name: 'Staking.set_roles', weightFn: 'StakingWeights.setRoles',
    prepare: (w) => signedPoint(w, staker(w), callOf('Staking', 'set_roles', roles({ validator: true, worker: true })), { setup: unbonded(w, 0) }),
  },
  {
    name: 'Staking.chill', weightFn: 'StakingWeights.chill',
    prepare: (w) => signedPoint(w, staker(w), callOf('Staking', 'chill'), { setup: (c) => (unbonded(w, 0)(c), c.as(staker(w), callOf('Staking', 'set_roles', roles({ validator: true })))) }),
  },
  { name: 'Staking.force_new_era', weightFn: 'StakingWeights.forceNewEra', prepare: (w) => rootPoint(w, callOf('Staking', 'force_new_era')) },
  {
    name: 'Staking.set_min_bonds', weightFn: 'StakingWeights.setMinBonds',
    prepare: (w) => rootPoint(w, callOf('Staking', 'set_min_bonds', { validator: 10_000n * UNIT, worker: 900n * UNIT, verifier: 400n * UNIT, evaluator: 400n * UNIT })),
  },
  {
    name: 'Staking::on_initialize(idle)', weightFn: 'StakingWeights.onInitializeIdle',
    prepare: (w) => hookPoint(w, (b, c) => stakingHook(c)(b.ctx), StakingWeights.onInitializeIdle().ref_time),
  },
  {
    name: 'Staking::on_initialize(new era)', weightFn: 'StakingWeights.onInitializeNewEra', component: 'candidates', values: [1, 25, 100, 200],
    prepare: (w, n) => hookPoint(w, (b, c) => stakingHook(c)(b.ctx), StakingWeights.onInitializeNewEra(n + 1, MAX_VALIDATORS).ref_time, { setup: candidates(w, n) }),
  },
  { name: 'Staking API lock', weightFn: 'StakingWeights.lock', prepare: (w) => apiPoint(w, (b, c) => stakingApi(c).lock(b.ctx, w.workers[0]!.publicKey, LOCK_ID, UNIT), StakingWeights.lock().ref_time) },
  {
    name: 'Staking API unlock', weightFn: 'StakingWeights.unlock',
    prepare: (w) => apiPoint(w, (b, c) => void stakingApi(c).unlock(b.ctx, w.workers[0]!.publicKey, LOCK_ID), StakingWeights.unlock().ref_time, {
      setup: (c) => stakingApi(c).lock(c.exec.ctx, w.workers[0]!.publicKey, LOCK_ID, UNIT),
    }),
  },
  {
    name: 'Staking API slash', weightFn: 'StakingWeights.slash', component: 'chunks', values: [0, 16, 31],
    prepare: (w, n) =>
      apiPoint(w, (b, c) => void stakingApi(c).slash(b.ctx, staker(w).publicKey, 10_000n * UNIT, 'InvalidWork', h256(1), w.panel[0]!.publicKey), StakingWeights.slash(MAX_CHUNKS).ref_time, { setup: unbonded(w, n) }),
  },
  { name: 'Staking API reward', weightFn: 'StakingWeights.reward', prepare: (w) => apiPoint(w, (b, c) => stakingApi(c).reward(b.ctx, w.workers[0]!.publicKey, UNIT), StakingWeights.reward().ref_time) },
];

/** A bonded account with the worker role, not registered yet. */
const candidate = (w: World) => spares(w, 20, 1)[0]!;
function staked(w: World) {
  return (c: BenchChain) => {
    endow(c, candidate(w));
    c.as(candidate(w), bond(10_000n * UNIT));
    c.as(candidate(w), callOf('Staking', 'set_roles', roles({ worker: true })));
  };
}

export const workersCases: Case[] = [
  {
    name: 'Workers.register', weightFn: 'WorkersWeights.register', component: 'region bytes', values: [1, 8, 16, 32],
    prepare: (w, n) => signedPoint(w, candidate(w), callOf('Workers', 'register', { spec: workerSpec(n) }), { setup: staked(w) }),
  },
  {
    name: 'Workers.update_spec', weightFn: 'WorkersWeights.updateSpec', component: 'region bytes', values: [1, 8, 16, 32],
    prepare: (w, n) => signedPoint(w, w.workers[0]!, callOf('Workers', 'update_spec', { spec: workerSpec(n) })),
  },
  { name: 'Workers.heartbeat', weightFn: 'WorkersWeights.heartbeat', prepare: (w) => signedPoint(w, w.workers[0]!, callOf('Workers', 'heartbeat'), { gap: 10 }) },
  { name: 'Workers.deregister', weightFn: 'WorkersWeights.deregister', prepare: (w) => signedPoint(w, w.workers[0]!, callOf('Workers', 'deregister')) },
  {
    name: 'Workers.finalize_deregistration', weightFn: 'WorkersWeights.finalizeDeregistration',
    prepare: (w) =>
      signedPoint(w, w.workers[0]!, callOf('Workers', 'finalize_deregistration'), {
        setup: (c) => {
          const who = w.workers[0]!;
          c.as(who, callOf('Workers', 'deregister'));
          c.as(who, callOf('Staking', 'set_roles', roles({})));
          c.as(who, callOf('Staking', 'unbond', { value: c.runtime.staking.api.activeStake(c.exec.state, who.publicKey) }));
        },
      }),
  },
  { name: 'Workers.set_reputation', weightFn: 'WorkersWeights.setReputation', prepare: (w) => rootPoint(w, callOf('Workers', 'set_reputation', { who: addr(w.workers[0]!), value: 700_000 })) },
  {
    name: 'Workers::on_initialize', weightFn: 'WorkersWeights.onInitialize', component: 'due', values: [0, 10, 50, 100],
    prepare: (w, n) =>
      hookPoint(w, (b, c) => workersHook(c)(b.ctx), WorkersWeights.onInitialize(n).ref_time, {
        gap: 100,
        setup: (c) => {
          for (const who of spares(w, 2000, n)) {
            endow(c, who);
            makeWorker(c, who);
          }
        },
      }),
  },
];
