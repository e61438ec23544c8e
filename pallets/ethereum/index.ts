/**
 * pallet_ethereum: raw signed Ethereum transactions as self-contained extrinsics (`transact`, validated by the
 * `unsigned` hooks), and one Ethereum block per chain block, built at `on_finalize` with its receipts and statuses.
 */
import type { PalletDef } from '../../runtime/framework/pallet.ts';
import { storageEntries } from '../../runtime/framework/storage.ts';
import type { StateReader } from '../../runtime/state/overlay.ts';
import { ethereumCalls } from './calls.ts';
import type { EthereumConfig } from './config.ts';
import { EthereumError } from './errors.ts';
import { EthereumEvent } from './events.ts';
import { onFinalize } from './finalize.ts';
import { ethereumGenesis } from './genesis.ts';
import { ethereumStorage } from './storage.ts';
import { ethereumUnsigned } from './unsigned.ts';

/** Builds the Ethereum pallet (runtime index 21). */
export function ethereumPallet(config: EthereumConfig) {
  const pallet: PalletDef = {
    name: 'Ethereum',
    crate: 'pallet_ethereum',
    docs: [' Ethereum transactions, blocks, receipts and statuses.'],
    storage: storageEntries(ethereumStorage),
    calls: ethereumCalls(config),
    events: EthereumEvent,
    errors: EthereumError,
    hooks: { onFinalize: (ctx) => onFinalize(config, ctx) },
    unsigned: ethereumUnsigned(config),
    genesis: ethereumGenesis(config),
  };
  return { pallet, storage: ethereumStorage };
}
/** What `ethereumPallet` returns: `{ pallet, storage }`. */
export type EthereumPallet = ReturnType<typeof ethereumPallet>;

/** `Ethereum.BlockHash[n]`, zero when unknown (BLOCKHASH's answer for blocks it does not know). */
export function ethereumBlockHash(state: StateReader, n: bigint): Uint8Array {
  if (n < 0n || n > 0xffff_ffffn) return new Uint8Array(32);
  return ethereumStorage.BlockHash.get(state, Number(n)) ?? new Uint8Array(32);
}
export type { EthereumConfig } from './config.ts';
export { EthereumError } from './errors.ts';
export { EthereumEvent } from './events.ts';
export { ethTag } from './unsigned.ts';
export { PendingTransaction, TransactionStatus } from './types.ts';
