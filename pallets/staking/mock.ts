/**
 * Test support for the staking tests (not part of any runtime): System 0, Balances 2 and Staking 10 in a mock
 * runtime, endowed accounts, and a block driver that runs Staking's `on_initialize` as the executive does.
 */
import { composeRuntime, type ComposedRuntime } from '../../runtime/framework/runtime.ts';
import { newTestExt } from '../../runtime/framework/testing.ts';
import { balancesPallet } from '../balances/index.ts';
import { acct, hexAcct, mockSystem } from '../balances/mock.ts';
import type { StakingConfig } from './config.ts';
import { type StakingGenesisConfig, stakingPallet } from './index.ts';

/** The existential deposit of the mock runtime. */
export const ED = 10n;
/** Minimum bonds of the mock runtime. */
export const MIN = { validator: 100n, worker: 50n, verifier: 30n, evaluator: 20n };
/** Accounts 1..6, each endowed with 10,000 unless a test says otherwise. */
export const [ALICE, BOB, CHARLIE, DAVE, EVE, FERDIE] = [1, 2, 3, 4, 5, 6].map(acct) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array];
/** Every account the mock endows or may touch (7 is never endowed). */
export const ACCOUNTS = [1, 2, 3, 4, 5, 6, 7].map(acct);

/** Options of `stakingMock`: Config overrides, balances, and the staking genesis. */
export interface MockOptions {
  config?: Partial<Omit<StakingConfig, 'currency'>>;
  balances?: [number, bigint][];
  stakers?: StakingGenesisConfig['stakers'];
}

/** A fresh mock runtime and test externalities with both genesis builders run. */
export function stakingMock(options: MockOptions = {}) {
  let runtime: ComposedRuntime | undefined;
  const system = mockSystem(() => runtime!);
  const balances = balancesPallet({ existentialDeposit: ED, accounts: system.accounts });
  const config: StakingConfig = {
    currency: balances.currency,
    minBond: MIN,
    unbondingPeriod: 5,
    eraLength: 10,
    maxValidators: 3,
    slashRewardShare: 100_000,
    maxUnlockingChunks: 3,
    ...options.config,
  };
  const staking = stakingPallet(config);
  runtime = composeRuntime('test_runtime', [
    { index: 0, pallet: system.pallet },
    { index: 2, pallet: balances.pallet },
    { index: 10, pallet: staking.pallet },
  ]);
  const endowed = options.balances ?? [1, 2, 3, 4, 5, 6].map((n) => [n, 10_000n] as [number, bigint]);
  const ext = newTestExt(runtime, (ctx) => {
    balances.pallet.genesis!.build(ctx.state, { balances: endowed.map(([n, v]) => [hexAcct(n), v]) });
    staking.pallet.genesis!.build(ctx.state, { stakers: options.stakers ?? [] });
  });
  const currency = balances.currency;
  const free = (who: Uint8Array) => currency.free(ext.state, who);
  const reserved = (who: Uint8Array) => currency.reserved(ext.state, who);
  const issuance = () => currency.totalIssuance(ext.state);
  const sum = () => ACCOUNTS.reduce((s, w) => s + free(w) + reserved(w), 0n);
  const ledger = (who: Uint8Array) => staking.storage.Ledger.get(ext.state, who);
  /** Moves block by block to `n`, running `on_initialize` at each. */
  const runToBlock = (n: number) => {
    while (ext.ctx.block.number < n) {
      ext.nextBlock();
      staking.pallet.hooks!.onInitialize!(ext.ctx);
    }
  };
  return { runtime, system, balances, staking, api: staking.api, config, ext, currency, free, reserved, issuance, sum, ledger, runToBlock };
}
/** What `stakingMock` returns. */
export type StakingMock = ReturnType<typeof stakingMock>;
