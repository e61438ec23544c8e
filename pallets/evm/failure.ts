/** Maps the VM's refusals to run a message (not EVM reverts: those are results) onto Evm's errors. */
import type { PalletError } from '../../runtime/framework/pallet.ts';
import { EvmError } from './errors.ts';

/** The pallet error for an exception `runTx` threw before executing anything. */
export function runTxFailure(e: unknown): PalletError {
  const m = e instanceof Error ? e.message : String(e);
  if (m.includes('enough funds')) return EvmError.BalanceLow;
  if (m.includes('INTRINSIC_GAS_TOO_LOW')) return EvmError.GasLimitTooLow;
  if (m.includes('higher gas limit than the block')) return EvmError.GasLimitTooHigh;
  if (m.includes('correct nonce')) return EvmError.InvalidNonce;
  if (m.includes('EIP-3607')) return EvmError.TransactionMustComeFromEOA;
  if (m.includes('less than the block\'s baseFeePerGas') || m.includes('baseFee')) return EvmError.GasPriceTooLow;
  return EvmError.Undefined;
}
