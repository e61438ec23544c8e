import { Metadata, TypeRegistry } from '@polkadot/types';
import { u8aToHex } from '@polkadot/util';
import { describe, expect, it } from 'vitest';
import { BadOrigin } from '../../runtime/framework/pallet.ts';
import { root, signed } from '../../runtime/framework/testing.ts';
import { buildMetadata } from '../../runtime/metadata/build.ts';
import { acct } from '../balances/mock.ts';
import { heartbeatsDueAt, workersPallet, WorkersError } from './index.ts';
import { gpuSpec, testConfig, testStaking, workersExt } from './mock.ts';
import type { WorkerSpec } from './types.ts';

const [ALICE, BOB, CHARLIE] = [1, 2, 3].map(acct) as [Uint8Array, Uint8Array, Uint8Array];
const ascii = (s: string) => new TextEncoder().encode(s);
const id = (who: Uint8Array) => ({ tag: 'Id', value: who });

/** Alice and Bob bonded for the worker role; Alice registered at block 1. */
function setup() {
  const t = workersExt();
  t.bond(ALICE, 100n);
  t.bond(BOB, 100n);
  t.ext.assertOk(signed(ALICE), 'Workers', 'register', { spec: gpuSpec() });
  return t;
}
type Setup = ReturnType<typeof setup>;
const heartbeat = (t: Setup, who: Uint8Array) => t.ext.assertOk(signed(who), 'Workers', 'heartbeat', {});

describe('register', () => {
  it('stores an Active record at initial reputation, schedules its deadline and counts it', () => {
    const t = setup();
    expect(t.info(ALICE)).toEqual({
      spec: gpuSpec(),
      registered_at: 1,
      last_heartbeat: 1,
      uptime_blocks: 0,
      reputation: 500_000,
      jobs_completed: 0,
      faults: 0,
      status: { tag: 'Active' },
    });
    expect(t.ext.events()).toEqual([{ pallet: 'Workers', name: 'WorkerRegistered', value: { who: ALICE } }]);
    expect(heartbeatsDueAt(t.ext.state, 21)).toEqual([ALICE]);
    expect(t.workers.storage.WorkerCount.get(t.ext.state)).toBe(1);
    expect(t.registry.isActive(t.ext.state, ALICE)).toBe(true);
  });

  it('accepts a CPU-only worker with the CPU runtime', () => {
    const t = setup();
    t.ext.assertOk(signed(BOB), 'Workers', 'register', { spec: gpuSpec({ accelerator: { tag: 'Cpu' }, runtimes: [{ tag: 'OnnxCpu' }] }) });
  });

  it('fails AlreadyRegistered, NotAWorker, and BadOrigin for Root', () => {
    const t = setup();
    t.ext.assertNoop(signed(ALICE), 'Workers', 'register', { spec: gpuSpec() }, WorkersError.AlreadyRegistered);
    t.ext.assertNoop(signed(CHARLIE), 'Workers', 'register', { spec: gpuSpec() }, WorkersError.NotAWorker);
    t.bond(CHARLIE, 99n);
    t.ext.assertNoop(signed(CHARLIE), 'Workers', 'register', { spec: gpuSpec() }, WorkersError.NotAWorker);
    t.ext.assertNoop(root, 'Workers', 'register', { spec: gpuSpec() }, BadOrigin);
  });

  const bad: [string, Partial<WorkerSpec>, keyof typeof WorkersError][] = [
    ['zero accelerators', { accelerator_count: 0 }, 'NoAccelerators'],
    ['too many accelerators', { accelerator_count: 65 }, 'SpecTooLarge'],
    ['zero memory', { memory_mb: 0 }, 'NoMemory'],
    ['a 17-byte region', { region: ascii('x'.repeat(17)) }, 'RegionTooLong'],
    ['an empty region', { region: new Uint8Array() }, 'InvalidRegion'],
    ['a region with a space', { region: ascii('eu west') }, 'InvalidRegion'],
    ['a non-ASCII region', { region: ascii('zürich') }, 'InvalidRegion'],
    ['no runtimes', { runtimes: [] }, 'NoRuntimes'],
    ['three runtimes', { runtimes: [{ tag: 'OnnxCpu' }, { tag: 'OnnxCuda' }, { tag: 'OnnxCpu' }] }, 'TooManyRuntimes'],
    ['a duplicate runtime', { runtimes: [{ tag: 'OnnxCpu' }, { tag: 'OnnxCpu' }] }, 'DuplicateRuntime'],
    ['CUDA on an AMD GPU', { accelerator: { tag: 'AmdGpu' }, runtimes: [{ tag: 'OnnxCuda' }] }, 'IncompatibleRuntime'],
  ];
  it.each(bad)('rejects %s', (_, over, error) => {
    const t = setup();
    t.ext.assertNoop(signed(BOB), 'Workers', 'register', { spec: gpuSpec(over) }, WorkersError[error as 'NoMemory']);
    t.ext.assertNoop(signed(ALICE), 'Workers', 'update_spec', { spec: gpuSpec(over) }, WorkersError[error as 'NoMemory']);
  });
});

describe('update_spec', () => {
  it('replaces only the spec', () => {
    const t = setup();
    const before = t.info(ALICE)!;
    const spec = gpuSpec({ price_per_second: 7n, region: ascii('us-east-2') });
    t.ext.assertOk(signed(ALICE), 'Workers', 'update_spec', { spec });
    expect(t.info(ALICE)).toEqual({ ...before, spec });
    expect(t.ext.events().at(-1)).toEqual({ pallet: 'Workers', name: 'WorkerSpecUpdated', value: { who: ALICE } });
  });

  it('fails NotRegistered and, while deregistering, Deregistering', () => {
    const t = setup();
    t.ext.assertNoop(signed(BOB), 'Workers', 'update_spec', { spec: gpuSpec() }, WorkersError.NotRegistered);
    t.ext.assertOk(signed(ALICE), 'Workers', 'deregister', {});
    t.ext.assertNoop(signed(ALICE), 'Workers', 'update_spec', { spec: gpuSpec() }, WorkersError.Deregistering);
  });
});

describe('heartbeat and offline marking', () => {
  it('is rate-limited to once per HeartbeatInterval and accrues uptime', () => {
    const t = setup();
    t.advance(4);
    t.ext.assertNoop(signed(ALICE), 'Workers', 'heartbeat', {}, WorkersError.HeartbeatTooSoon);
    t.advance();
    heartbeat(t, ALICE);
    expect(t.info(ALICE)).toMatchObject({ last_heartbeat: 6, uptime_blocks: 5, status: { tag: 'Active' } });
    expect(t.ext.events()).toEqual([{ pallet: 'Workers', name: 'HeartbeatReceived', value: { who: ALICE, uptime_blocks: 5 } }]);
    t.ext.assertNoop(signed(ALICE), 'Workers', 'heartbeat', {}, WorkersError.HeartbeatTooSoon);
  });

  it('moves the deadline: the old bucket entry goes, a new one is scheduled', () => {
    const t = setup();
    t.advance(9);
    heartbeat(t, ALICE);
    expect(heartbeatsDueAt(t.ext.state, 21)).toEqual([]);
    expect(heartbeatsDueAt(t.ext.state, 30)).toEqual([ALICE]);
  });

  it('marks a silent worker Offline exactly OfflineAfter blocks after its last heartbeat', () => {
    const t = setup();
    t.advance(18);
    expect(t.ext.ctx.block.number).toBe(19);
    t.ext.assertOk(signed(BOB), 'Workers', 'register', { spec: gpuSpec() });
    t.advance();
    expect(t.info(ALICE)!.status).toEqual({ tag: 'Active' });
    t.advance();
    expect(t.ext.ctx.block.number).toBe(21);
    expect(t.info(ALICE)!.status).toEqual({ tag: 'Offline' });
    expect(t.ext.events()).toEqual([{ pallet: 'Workers', name: 'WorkerWentOffline', value: { who: ALICE, last_heartbeat: 1 } }]);
    expect(heartbeatsDueAt(t.ext.state, 21)).toEqual([]);
    expect(t.registry.isActive(t.ext.state, ALICE)).toBe(false);
    // Bob registered at 19: his bucket is untouched until block 39.
    expect(t.info(BOB)!.status).toEqual({ tag: 'Active' });
    expect(heartbeatsDueAt(t.ext.state, 39)).toEqual([BOB]);
    t.advance(18);
    expect(t.info(BOB)!.status).toEqual({ tag: 'Offline' });
  });

  it('never marks a worker Offline while it heartbeats every HeartbeatInterval', () => {
    const t = setup();
    for (let i = 0; i < 12; i++) {
      t.advance(5);
      heartbeat(t, ALICE);
      expect(t.info(ALICE)!.status).toEqual({ tag: 'Active' });
    }
    expect(t.info(ALICE)!.uptime_blocks).toBe(60);
  });

  it('brings an Offline worker back online, crediting at most OfflineAfter blocks', () => {
    const t = setup();
    t.advance(49);
    expect(t.info(ALICE)!.status).toEqual({ tag: 'Offline' });
    heartbeat(t, ALICE);
    expect(t.info(ALICE)).toMatchObject({ last_heartbeat: 50, uptime_blocks: 20, status: { tag: 'Active' } });
    expect(t.ext.events().map((e) => e.name)).toEqual(['WorkerBackOnline', 'HeartbeatReceived']);
    expect(heartbeatsDueAt(t.ext.state, 70)).toEqual([ALICE]);
  });

  it('fails NotRegistered, Deregistering, and BadOrigin for Root', () => {
    const t = setup();
    t.advance(5);
    t.ext.assertNoop(signed(BOB), 'Workers', 'heartbeat', {}, WorkersError.NotRegistered);
    t.ext.assertNoop(root, 'Workers', 'heartbeat', {}, BadOrigin);
    t.ext.assertOk(signed(ALICE), 'Workers', 'deregister', {});
    t.ext.assertNoop(signed(ALICE), 'Workers', 'heartbeat', {}, WorkersError.Deregistering);
  });
});

describe('deregistration', () => {
  it('deregister stops scheduling; finalize needs no active stake, then removes the record', () => {
    const t = setup();
    t.advance(2);
    t.ext.assertOk(signed(ALICE), 'Workers', 'deregister', {});
    expect(t.info(ALICE)!.status).toEqual({ tag: 'Deregistering', value: { since: 3 } });
    expect(heartbeatsDueAt(t.ext.state, 21)).toEqual([]);
    expect(t.registry.isActive(t.ext.state, ALICE)).toBe(false);
    t.ext.assertNoop(signed(ALICE), 'Workers', 'deregister', {}, WorkersError.Deregistering);
    t.ext.assertNoop(signed(ALICE), 'Workers', 'finalize_deregistration', {}, WorkersError.StillStaked);
    t.bond(ALICE, 0n);
    t.ext.assertOk(signed(ALICE), 'Workers', 'finalize_deregistration', {});
    expect(t.info(ALICE)).toBeUndefined();
    expect(t.workers.storage.WorkerCount.get(t.ext.state)).toBe(0);
    expect(t.ext.events().at(-1)).toEqual({ pallet: 'Workers', name: 'WorkerDeregistered', value: { who: ALICE } });
    // The account may register again once it bonds.
    t.bond(ALICE, 100n);
    t.ext.assertOk(signed(ALICE), 'Workers', 'register', { spec: gpuSpec() });
  });

  it('deregisters an Offline worker, whose stale deadline is then ignored', () => {
    const t = setup();
    t.advance(25);
    t.ext.assertOk(signed(ALICE), 'Workers', 'deregister', {});
    t.advance(30);
    expect(t.info(ALICE)!.status.tag).toBe('Deregistering');
  });

  it('fails NotDeregistering and NotRegistered', () => {
    const t = setup();
    t.bond(ALICE, 0n);
    t.ext.assertNoop(signed(ALICE), 'Workers', 'finalize_deregistration', {}, WorkersError.NotDeregistering);
    t.ext.assertNoop(signed(BOB), 'Workers', 'finalize_deregistration', {}, WorkersError.NotRegistered);
    t.ext.assertNoop(signed(BOB), 'Workers', 'deregister', {}, WorkersError.NotRegistered);
  });
});

describe('reputation', () => {
  it('set_reputation is Root-only, bounded by MaxReputation and needs a registered worker', () => {
    const t = setup();
    t.ext.assertOk(root, 'Workers', 'set_reputation', { who: id(ALICE), value: 900_000 });
    expect(t.info(ALICE)!.reputation).toBe(900_000);
    expect(t.ext.events().at(-1)).toEqual({
      pallet: 'Workers',
      name: 'ReputationChanged',
      value: { who: ALICE, old: 500_000, new: 900_000, reason: { tag: 'Root' } },
    });
    t.ext.assertNoop(signed(ALICE), 'Workers', 'set_reputation', { who: id(ALICE), value: 1 }, BadOrigin);
    t.ext.assertNoop(root, 'Workers', 'set_reputation', { who: id(ALICE), value: 1_000_001 }, WorkersError.ReputationOutOfRange);
    t.ext.assertNoop(root, 'Workers', 'set_reputation', { who: id(BOB), value: 1 }, WorkersError.NotRegistered);
  });

  it('noteVerifiedWork raises it up to the max and counts jobs', () => {
    const t = setup();
    expect(t.registry.noteVerifiedWork(t.ext.ctx, ALICE)).toBe(800_000);
    expect(t.registry.noteVerifiedWork(t.ext.ctx, ALICE)).toBe(1_000_000);
    expect(t.info(ALICE)).toMatchObject({ reputation: 1_000_000, jobs_completed: 2, faults: 0 });
    expect(t.ext.events().at(-1)).toEqual({
      pallet: 'Workers',
      name: 'ReputationChanged',
      value: { who: ALICE, old: 800_000, new: 1_000_000, reason: { tag: 'VerifiedWork' } },
    });
  });

  it('noteFault lowers it by the kind\'s penalty down to zero and counts faults', () => {
    const t = setup();
    expect(t.registry.noteFault(t.ext.ctx, ALICE, 'Timeout')).toBe(400_000);
    expect(t.registry.noteFault(t.ext.ctx, ALICE, 'InvalidWork')).toBe(0);
    expect(t.registry.noteFault(t.ext.ctx, ALICE, 'InvalidWork')).toBe(0);
    expect(t.info(ALICE)).toMatchObject({ reputation: 0, faults: 3, jobs_completed: 0 });
    const reasons = t.ext.events().filter((e) => e.name === 'ReputationChanged').map((e) => (e.value as { reason: { tag: string } }).reason.tag);
    expect(reasons).toEqual(['Timeout', 'InvalidWork', 'InvalidWork']);
  });

  it('changes nothing for an unregistered account', () => {
    const t = setup();
    const before = t.ext.snapshot();
    expect(t.registry.noteVerifiedWork(t.ext.ctx, BOB)).toBeUndefined();
    expect(t.registry.noteFault(t.ext.ctx, BOB, 'Timeout')).toBeUndefined();
    expect(t.ext.snapshot()).toEqual(before);
  });
});

describe('isActive', () => {
  it('is false once the worker drops below the role\'s minimum bond', () => {
    const t = setup();
    t.bond(ALICE, 50n);
    expect(t.registry.isActive(t.ext.state, ALICE)).toBe(false);
    expect(t.registry.get(t.ext.state, ALICE)!.status.tag).toBe('Active');
  });
});

describe('config', () => {
  const { staking } = testStaking();
  it.each([
    ['offlineAfter not above heartbeatInterval', { offlineAfter: 5 }, /offlineAfter \(5\) must exceed heartbeatInterval \(5\)/],
    ['a zero maxRuntimes', { maxRuntimes: 0 }, /maxRuntimes must be a positive u32/],
    ['maxAcceleratorCount beyond u16', { maxAcceleratorCount: 70_000 }, /maxAcceleratorCount must be in 1..=65535/],
    ['initial above max', { reputation: { ...testConfig(staking).reputation, initial: 2_000_000 } }, /initial \(2000000\) exceeds/],
    ['a negative penalty', { reputation: { ...testConfig(staking).reputation, penaltyFault: -1 } }, /penaltyFault must be a u32/],
  ])('rejects %s', (_, over, message) => {
    expect(() => workersPallet({ ...testConfig(staking), ...over })).toThrow(message);
  });
});

describe('metadata', () => {
  it('decodes with @polkadot/types: calls, errors, storage (a WorkerInfo included) and constants', () => {
    const t = setup();
    const registry = new TypeRegistry();
    const metadata = new Metadata(registry, u8aToHex(buildMetadata({ composed: t.runtime, apis: [] }).v14));
    registry.setMetadata(metadata);
    const pallet = metadata.asLatest.pallets.find((p) => p.name.toString() === 'Workers')!;
    expect(pallet.index.toNumber()).toBe(11);
    expect(registry.findMetaCall(new Uint8Array([11, 4])).method).toBe('finalizeDeregistration');
    expect(registry.findMetaError({ index: registry.createType('u8', 11), error: registry.createType('u8', 8) } as never).name).toBe('HeartbeatTooSoon');
    const item = pallet.storage.unwrap().items.find((i) => i.name.toString() === 'Workers')!;
    const type = registry.lookup.getTypeDef(item.type.asMap.value).lookupName!;
    const raw = t.ext.state.get(Buffer.from(t.workers.storage.Workers.storageKey(ALICE)).toString('latin1'))!;
    expect(registry.createType(type, raw).toJSON()).toMatchObject({ spec: { accelerator: 'NvidiaGpu', runtimes: ['OnnxCpu', 'OnnxCuda'] }, reputation: 500_000, status: { active: null } });
    expect(pallet.constants.map((c) => c.name.toString())).toContain('OfflineAfter');
  });
});
