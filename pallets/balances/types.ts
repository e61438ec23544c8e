/** pallet_balances types and the vocabulary of FRAME's `fungible` traits that the ledger functions take. */
import type { AccountStore } from '../system/index.ts';
import { type CodecType } from '../../runtime/scale/codec.ts';
import { enumeration } from '../../runtime/scale/composite.ts';

/** Where repatriated funds land (`frame_support::traits::tokens::misc::BalanceStatus`). */
export const BalanceStatus = enumeration(
  'frame_support::traits::tokens::misc::BalanceStatus',
  {
    Free: { index: 0, docs: [' Funds are free, as corresponding to `free` item in Balances.'] },
    Reserved: { index: 1, docs: [' Funds are reserved, as corresponding to `reserved` item in Balances.'] },
  },
  { docs: [' Status of funds.'], rustName: 'Status' },
);
/** `'Free' | 'Reserved'`. */
export type BalanceStatus = CodecType<typeof BalanceStatus>['tag'];

/** `Preservation`: may the operation remove the account (`Expendable`) or must it keep the ED (`Preserve`)? */
export type Preservation = 'Expendable' | 'Protect' | 'Preserve';
/** `Fortitude`: `Force` ignores freezes; `Polite` respects them. */
export type Fortitude = 'Polite' | 'Force';
/** `Precision`: `Exact` fails unless the whole amount moves; `BestEffort` moves what it can. */
export type Precision = 'Exact' | 'BestEffort';

/** The pallet's Config: injected dependencies and constants. */
export interface BalancesConfig {
  /** The minimum free balance an account must hold to exist (FRAME's `ExistentialDeposit`); must be > 0. */
  existentialDeposit: bigint;
  /** Where account data lives: `System.Account` (FRAME's `type AccountStore = System`). */
  accounts: AccountStore;
  /** Advertised as the `MaxReserves` constant (this runtime has no named reserves: escrow and bonds use plain reserves); default 50. */
  maxReserves?: number;
  /** Advertised as the `MaxLocks` constant (this runtime has no balance locks: staking keeps its own); default 50. */
  maxLocks?: number;
  /** Advertised as the `MaxFreezes` constant (this runtime has no freezes); default 0. */
  maxFreezes?: number;
}

/** `u128::MAX`: every balance and the total issuance stay within it. */
export const MAX_U128 = (1n << 128n) - 1n;
