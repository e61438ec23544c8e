/**
 * pallet_evm: EVM account state in our trie (code, slots, nonces; balances are System accounts), the account
 * mapping, and `call`/`create` for sr25519 accounts, executed by @ethereumjs/vm through `OverlayStateManager`.
 * The returned `runner` is what pallet_ethereum and the read API (`api.ts`) execute with.
 */
import { constant, type PalletDef } from '../../runtime/framework/pallet.ts';
import { storageEntries } from '../../runtime/framework/storage.ts';
import { u64 } from '../../runtime/scale/codec.ts';
import { evmCalls } from './calls.ts';
import type { EvmConfig } from './config.ts';
import { EvmError } from './errors.ts';
import { EvmEvent } from './events.ts';
import { evmGenesis } from './genesis.ts';
import { BLOCK_GAS_LIMIT, EvmRunner } from './runner.ts';
import { evmStorage } from './storage.ts';
import { WEIGHT_PER_GAS } from './weights.ts';

/** Builds the Evm pallet (runtime index 20). */
export function evmPallet(config: EvmConfig) {
  const runner = new EvmRunner({ ledger: config, blockHash: config.blockHash });
  const pallet: PalletDef = {
    name: 'Evm',
    crate: 'pallet_evm',
    docs: [' EVM accounts (code, storage, nonces) over System balances, the H160 ↔ AccountId32 mapping, and EVM calls.'],
    storage: storageEntries(evmStorage),
    calls: evmCalls(config, runner),
    events: EvmEvent,
    errors: EvmError,
    constants: {
      WeightPerGas: constant(u64, WEIGHT_PER_GAS, [' Picoseconds of weight per unit of gas (40 M gas per second).']),
      BlockGasLimit: constant(u64, BLOCK_GAS_LIMIT, [' The Ethereum block gas limit.']),
    },
    genesis: evmGenesis(config),
  };
  return { pallet, storage: evmStorage, runner, ledger: config as EvmConfig };
}
/** What `evmPallet` returns: `{ pallet, storage, runner, ledger }`. */
export type EvmPallet = ReturnType<typeof evmPallet>;
export type { EvmConfig } from './config.ts';
export { EvmError } from './errors.ts';
export { EvmEvent } from './events.ts';
export { EvmGenesisSchema, type EvmGenesisConfig } from './genesis.ts';
export { fallbackAccountId, toAccountId, toAddress } from './address.ts';
export { BASE_FEE, BLOCK_GAS_LIMIT, type BlockEnv, EvmRunner } from './runner.ts';
export type { MessageFrame, PrecompileFactory } from './vm.ts';
export { gasToWeight, WEIGHT_PER_GAS } from './weights.ts';
