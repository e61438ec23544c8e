/**
 * pallet_staking: accounts bond stake (reserved in Balances) to back the roles of the AI marketplace — validator,
 * worker, verifier, evaluator — each with a minimum bond. Unbonding waits `unbondingPeriod` blocks and stays
 * slashable. Other pallets lock stake per purpose, slash it with a reason and a proof reference (part to the
 * reporter, the rest burned) and pay rewards through the returned `api`; every `eraLength` blocks the validator
 * set is re-elected by stake for the consensus engine.
 */
import { constant, type PalletDef } from '../../runtime/framework/pallet.ts';
import { storageEntries } from '../../runtime/framework/storage.ts';
import { BlockNumber } from '../../runtime/primitives.ts';
import { u32 } from '../../runtime/scale/codec.ts';
import { createStakingApi, type StakingInterface } from './api.ts';
import { stakingCalls } from './calls.ts';
import { assertStakingConfig, type StakingConfig } from './config.ts';
import { HISTORY_DEPTH, stakingOnInitialize } from './era.ts';
import { StakingError } from './errors.ts';
import { StakingEvent } from './events.ts';
import { stakingGenesis } from './genesis.ts';
import type { StakingEnv } from './ledger.ts';
import { stakingStorage } from './storage.ts';
import { Permill } from './types.ts';

/** Builds the Staking pallet (runtime index 10); `api` is what other pallets' Configs receive. */
export function stakingPallet(config: StakingConfig): { pallet: PalletDef; storage: typeof stakingStorage; api: StakingInterface } {
  assertStakingConfig(config);
  const env: StakingEnv = { config, storage: stakingStorage };
  const pallet: PalletDef = {
    name: 'Staking',
    crate: 'pallet_staking',
    docs: [' Bonded stake behind the validator, worker, verifier and evaluator roles; unbonding, locks, slashing, rewards and eras.'],
    storage: storageEntries(stakingStorage),
    calls: stakingCalls(env),
    events: StakingEvent,
    errors: StakingError,
    constants: {
      UnbondingPeriod: constant(BlockNumber, config.unbondingPeriod, [' Blocks an unbonded chunk waits before it can be withdrawn; it stays slashable meanwhile.']),
      EraLength: constant(BlockNumber, config.eraLength, [' Blocks per era; the validator set is elected at each era boundary.']),
      MaxValidators: constant(u32, config.maxValidators, [' The most validators an election picks.']),
      SlashRewardShare: constant(Permill, config.slashRewardShare, [' The reporter\'s share of a slash; the rest is burned.']),
      MaxUnlockingChunks: constant(u32, config.maxUnlockingChunks, [' The most unlocking chunks a ledger may hold.']),
      HistoryDepth: constant(u32, HISTORY_DEPTH, [' Eras of history kept in `ErasStartBlock` and `ErasTotalStake`.']),
    },
    hooks: { onInitialize: (ctx) => stakingOnInitialize(env, ctx) },
    genesis: stakingGenesis(env),
  };
  return { pallet, storage: stakingStorage, api: createStakingApi(env) };
}
/** What `stakingPallet` returns: `{ pallet, storage, api }`. */
export type StakingPallet = ReturnType<typeof stakingPallet>;
export type { StakingInterface } from './api.ts';
export { type MinBondsConfig, PERMILL, type StakingConfig } from './config.ts';
export { HISTORY_DEPTH } from './era.ts';
export { StakingError } from './errors.ts';
export { StakingEvent } from './events.ts';
export { type StakingGenesisConfig, StakingGenesisSchema } from './genesis.ts';
export { StakingWeights } from './weights.ts';
export { type MinBonds, ROLES, type Role, type Roles, SlashReason, type SlashRecord, type StakingLedger } from './types.ts';
