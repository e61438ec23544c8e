/**
 * pallet_sudo: one key may dispatch any call as Root (`sudo`) or as any account (`sudo_as`), hand the key on
 * (`set_key`) or give it up for good (`remove_key`). The dispatched call's failure is reported in the event,
 * never propagated.
 */
import type { PalletDef } from '../../runtime/framework/pallet.ts';
import { storageEntries } from '../../runtime/framework/storage.ts';
import { sudoCalls } from './calls.ts';
import { SudoError } from './errors.ts';
import { SudoEvent } from './events.ts';
import { sudoGenesis } from './genesis.ts';
import { sudoStorage } from './storage.ts';
import type { SudoConfig } from './types.ts';

/** Builds the Sudo pallet. */
export function sudoPallet(config: SudoConfig) {
  const pallet: PalletDef = {
    name: 'Sudo',
    crate: 'pallet_sudo',
    docs: [' A single key that may dispatch calls as Root, until it is removed.'],
    storage: storageEntries(sudoStorage),
    calls: sudoCalls(sudoStorage, config),
    events: SudoEvent,
    errors: SudoError,
    genesis: sudoGenesis(sudoStorage),
  };
  return { pallet, storage: sudoStorage };
}
/** What `sudoPallet` returns: `{ pallet, storage }`. */
export type SudoPallet = ReturnType<typeof sudoPallet>;
export type { SudoConfig } from './types.ts';
export { SudoError } from './errors.ts';
export { SudoEvent } from './events.ts';
export { SudoGenesisSchema, type SudoGenesisConfig } from './genesis.ts';
