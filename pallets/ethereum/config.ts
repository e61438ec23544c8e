/** Ethereum's Config: the EVM it executes with and the block facts it reads. */
import type { DispatchContext } from '../../runtime/framework/pallet.ts';
import type { StateReader } from '../../runtime/state/overlay.ts';
import type { EvmLedger } from '../evm/ledger.ts';
import type { EvmRunner } from '../evm/runner.ts';

/** What the runtime gives Ethereum. */
export interface EthereumConfig {
  /** Evm's runner (`evmPallet(...).runner`). */
  runner: EvmRunner;
  /** Evm's ledger, for the sender's balance in validation. */
  ledger: EvmLedger;
  /** `Timestamp.Now`, milliseconds. */
  now: (state: StateReader) => bigint;
  /** The Substrate state root of the parent block, for the Ethereum header's `stateRoot` (zero when not given). */
  parentStateRoot?: (ctx: DispatchContext) => Uint8Array;
}
