/**
 * pallet_balances: a single token's free and reserved balances, kept in `System.Account` as FRAME's
 * `AccountStore = System` does, with FRAME's account lifecycle (existential deposit, reaping, dust), calls,
 * events, errors and constants. Other pallets move funds through the returned `Currency`.
 */
import { constant, type PalletDef } from '../../runtime/framework/pallet.ts';
import { storageEntries } from '../../runtime/framework/storage.ts';
import { Balance } from '../../runtime/primitives.ts';
import { u32 } from '../../runtime/scale/codec.ts';
import { balancesCalls } from './calls.ts';
import { type Currency, createCurrency } from './currency.ts';
import { BalancesError } from './errors.ts';
import { BalancesEvent } from './events.ts';
import { balancesGenesis } from './genesis.ts';
import type { Ledger } from './ledger.ts';
import { balancesStorage } from './storage.ts';
import type { BalancesConfig } from './types.ts';

/** Builds the Balances pallet; `currency` is what other pallets' Configs receive. */
export function balancesPallet(config: BalancesConfig) {
  if (config.existentialDeposit <= 0n) throw new Error('The existential deposit must be greater than zero!');
  const ledger: Ledger = { ed: config.existentialDeposit, accounts: config.accounts, storage: balancesStorage };
  const currency: Currency = createCurrency(ledger);
  const pallet: PalletDef = {
    name: 'Balances',
    crate: 'pallet_balances',
    docs: [' Free and reserved balances of one token, the existential deposit, and transfers.'],
    storage: storageEntries(balancesStorage),
    calls: balancesCalls(ledger, currency),
    events: BalancesEvent,
    errors: BalancesError,
    constants: {
      ExistentialDeposit: constant(Balance, config.existentialDeposit, [
        ' The minimum amount required to keep an account open. MUST BE GREATER THAN ZERO!',
        '',
        ' If you *really* need it to be zero, you can enable the feature `insecure_zero_ed` for',
        ' this pallet. However, you do so at your own risk: this will open up a major DoS vector.',
        ' In case you have multiple sources of provider references, you may also get unexpected',
        ' behaviour if you set this to zero.',
        '',
        ' Bottom line: Do yourself a favour and make it at least one!',
      ]),
      MaxLocks: constant(u32, config.maxLocks ?? 50, [
        ' The maximum number of locks that should exist on an account.',
        ' Not strictly enforced, but used for weight estimation.',
        '',
        ' Use of locks is deprecated in favour of freezes. See `https://github.com/paritytech/substrate/pull/12951/`',
      ]),
      MaxReserves: constant(u32, config.maxReserves ?? 50, [
        ' The maximum number of named reserves that can exist on an account.',
        '',
        ' Use of reserves is deprecated in favour of holds. See `https://github.com/paritytech/substrate/pull/12951/`',
      ]),
      MaxFreezes: constant(u32, config.maxFreezes ?? 0, [' The maximum number of individual freeze locks that can exist on an account at any time.']),
    },
    genesis: balancesGenesis(config.existentialDeposit, config.accounts, balancesStorage),
  };
  return { pallet, storage: balancesStorage, currency };
}
/** What `balancesPallet` returns: `{ pallet, storage, currency }`. */
export type BalancesPallet = ReturnType<typeof balancesPallet>;
export type { Currency } from './currency.ts';
export type { BalancesConfig, BalanceStatus } from './types.ts';
export { BalancesError, tokenError } from './errors.ts';
export { BalancesEvent } from './events.ts';
export { BalancesGenesisSchema, type BalancesGenesisConfig, parseAccountId } from './genesis.ts';
export { lookupAddress } from './lookup.ts';
