/** Staking's Config: what the runtime injects (the currency) and the constants it is built with. */
import type { Currency } from '../balances/currency.ts';

/** The minimum active bond each role requires, in the smallest balance unit. */
export interface MinBondsConfig {
  /** To be elected into the validator set (block authoring and finality). */
  validator: bigint;
  /** To take training and inference jobs. */
  worker: bigint;
  /** To re-execute and challenge training segments. */
  verifier: bigint;
  /** To score final models on held-out data. */
  evaluator: bigint;
}

/** The pallet's Config: injected dependencies and constants. */
export interface StakingConfig {
  /** Where bonds are reserved, slashed and rewarded (the Balances pallet's `Currency`). */
  currency: Currency;
  /** Minimum active bond per role until Root changes them with `set_min_bonds`; genesis writes them to storage. */
  minBond: MinBondsConfig;
  /** Blocks between `unbond` and the chunk becoming withdrawable; unbonding stake stays slashable meanwhile. */
  unbondingPeriod: number;
  /** Blocks per era; the validator set is re-elected at each era boundary. At least 1. */
  eraLength: number;
  /** The most validators an election picks (by active stake). At least 1. */
  maxValidators: number;
  /** The reporter's share of a slash in parts per million (`Permill`); the rest is burned. At most 1,000,000. */
  slashRewardShare: number;
  /** The most unlocking chunks a ledger may hold; `withdraw_unbonded` frees slots. At least 1. */
  maxUnlockingChunks: number;
}

/** Parts per million in a whole (`Permill::one()`). */
export const PERMILL = 1_000_000;

/** Throws a clear Error when a Config value is out of range, so a bad runtime fails at construction. */
export function assertStakingConfig(config: StakingConfig): void {
  const positive = { eraLength: config.eraLength, maxValidators: config.maxValidators, maxUnlockingChunks: config.maxUnlockingChunks };
  for (const [name, v] of Object.entries(positive)) {
    if (!Number.isInteger(v) || v < 1 || v > 0xffff_ffff) throw new Error(`Staking: ${name} must be an integer in 1..u32::MAX, got ${v}`);
  }
  const { unbondingPeriod, slashRewardShare } = config;
  if (!Number.isInteger(unbondingPeriod) || unbondingPeriod < 0 || unbondingPeriod > 0xffff_ffff) {
    throw new Error(`Staking: unbondingPeriod must be an integer in 0..u32::MAX, got ${unbondingPeriod}`);
  }
  if (!Number.isInteger(slashRewardShare) || slashRewardShare < 0 || slashRewardShare > PERMILL) {
    throw new Error(`Staking: slashRewardShare must be parts per million in 0..${PERMILL}, got ${slashRewardShare}`);
  }
  for (const [role, v] of Object.entries(config.minBond)) {
    if (v < 0n || v >= 1n << 128n) throw new Error(`Staking: minBond.${role} must be a u128, got ${v}`);
  }
}
