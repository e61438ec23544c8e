/** Evm events, with Frontier's indices and fields (`pallet_evm::Event`), and the mapping's own. */
import { defineEvents } from '../../runtime/framework/pallet.ts';
import { AccountId32, H160 } from '../../runtime/primitives.ts';
import { Log } from './types.ts';

const address = { address: H160 };

/** `pallet_evm::pallet::Event`, deposited with `ctx.deposit(EvmEvent, …)`. */
export const EvmEvent = defineEvents('Evm', 'pallet_evm', {
  Log: { index: 0, fields: { log: Log }, docs: [' Ethereum events from contracts.'] },
  Created: { index: 1, fields: address, docs: [' A contract has been created at given address.'] },
  CreatedFailed: { index: 2, fields: address, docs: [' A contract was attempted to be created, but the execution failed.'] },
  Executed: { index: 3, fields: address, docs: [' A contract has been executed successfully with states applied.'] },
  ExecutedFailed: { index: 4, fields: address, docs: [' A contract has been executed with errors. States are reverted with only gas fees applied.'] },
  AccountMapped: { index: 5, fields: { who: AccountId32, address: H160 }, docs: [' An account mapped its address, so the address spends from it.'] },
});
