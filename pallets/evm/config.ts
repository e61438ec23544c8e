/** Evm's Config: the runtime pieces it reads through interfaces (accounts, issuance, time, block hashes). */
import type { StateReader } from '../../runtime/state/overlay.ts';
import type { EvmLedger } from './ledger.ts';

/** What the runtime gives Evm. */
export interface EvmConfig extends EvmLedger {
  /** `Timestamp.Now`, milliseconds. */
  now: (state: StateReader) => bigint;
  /** Hash of Ethereum block `n` (`Ethereum.BlockHash`), zero when unknown; read lazily (Ethereum is built after Evm). */
  blockHash: (state: StateReader, n: bigint) => Uint8Array;
}
