/**
 * Test support (not part of any runtime): a small real `WorkerStaking` whose roles and stakes tests set directly,
 * and a mock runtime with System at 0 and Workers at 11, as in the TrainChain runtime.
 */
import { composeRuntime, type ComposedRuntime } from '../../runtime/framework/runtime.ts';
import { newTestExt, type TestExt } from '../../runtime/framework/testing.ts';
import type { AccountId } from '../../runtime/primitives.ts';
import { mockSystem } from '../balances/mock.ts';
import type { WorkersConfig, WorkerStaking } from './config.ts';
import { workersPallet } from './index.ts';
import type { WorkerSpec } from './types.ts';

/** A `WorkerStaking` over a plain map: `bond(who, amount)` gives the worker role from `minBond` up. */
export function testStaking(minBond = 100n) {
  const stakes = new Map<string, bigint>();
  const key = (who: AccountId) => Buffer.from(who).toString('hex');
  const staking: WorkerStaking = {
    hasRole: (_state, who) => (stakes.get(key(who)) ?? 0n) >= minBond,
    activeStake: (_state, who) => stakes.get(key(who)) ?? 0n,
  };
  return { staking, bond: (who: AccountId, amount: bigint) => stakes.set(key(who), amount) };
}

/** The Config the tests use: heartbeats every 5 blocks at most, Offline 20 blocks after the last one. */
export const testConfig = (staking: WorkerStaking): WorkersConfig => ({
  staking,
  maxRegionLength: 16,
  maxRuntimes: 2,
  maxAcceleratorCount: 64,
  heartbeatInterval: 5,
  offlineAfter: 20,
  reputation: { initial: 500_000, max: 1_000_000, rewardVerified: 300_000, penaltyFault: 400_000, penaltyTimeout: 100_000 },
});

/** A valid spec: two NVIDIA GPUs in `eu-west`, both ONNX runtimes. */
export const gpuSpec = (over: Partial<WorkerSpec> = {}): WorkerSpec => ({
  accelerator: { tag: 'NvidiaGpu' },
  accelerator_count: 2,
  memory_mb: 81_920,
  region: new TextEncoder().encode('eu-west'),
  runtimes: [{ tag: 'OnnxCpu' }, { tag: 'OnnxCuda' }],
  price_per_second: 1_000n,
  ...over,
});

/** A fresh mock runtime and test externalities; `advance()` moves to the next block and runs `on_initialize`. */
export function workersExt(config?: (staking: WorkerStaking) => WorkersConfig) {
  let runtime: ComposedRuntime | undefined;
  const system = mockSystem(() => runtime!);
  const stake = testStaking();
  const workers = workersPallet((config ?? testConfig)(stake.staking));
  runtime = composeRuntime('test_runtime', [
    { index: 0, pallet: system.pallet },
    { index: 11, pallet: workers.pallet },
  ]);
  const ext: TestExt = newTestExt(runtime);
  const advance = (blocks = 1) => {
    for (let i = 0; i < blocks; i++) {
      ext.nextBlock();
      workers.pallet.hooks!.onInitialize!(ext.ctx);
    }
  };
  const info = (who: AccountId) => workers.storage.Workers.get(ext.state, who);
  return { ext, runtime, workers, ...stake, advance, info, registry: workers.registry };
}
