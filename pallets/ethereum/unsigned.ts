/**
 * FRAME's `ValidateUnsigned` for `transact`: the transaction proves itself (signature, chain id, nonce, funds,
 * intrinsic gas). The pool learns its sender (`toAccountId` of the recovered address), its priority (the tip per
 * gas it pays at the base fee) and its place in the sender's nonce sequence (`eth:<address>:<nonce>` tags).
 */
import type { DispatchContext, UnsignedValidator } from '../../runtime/framework/pallet.ts';
import type { StateReader } from '../../runtime/state/overlay.ts';
import { type InvalidTransaction, TransactionValidityError, type ValidTransaction } from '../../runtime/validity.ts';
import { toAccountId } from '../evm/address.ts';
import { EthTxError, type EthTxErrorKind } from '../evm/eth-tx-error.ts';
import { balanceOf, nonceOf } from '../evm/ledger.ts';
import { BASE_FEE, BLOCK_GAS_LIMIT } from '../evm/runner.ts';
import { checkEthTransaction, type DecodedEthTx, decodeEthTransaction, effectivePriorityFee } from '../evm/transaction.ts';
import type { EthereumConfig } from './config.ts';

/** How long (in blocks) the pool keeps a valid Ethereum transaction. */
const LONGEVITY = 4096;

const INVALID: Record<EthTxErrorKind, InvalidTransaction> = {
  Malformed: 'Call',
  UnsupportedType: 'Call',
  InvalidChainId: 'Call',
  NotReplayProtected: 'Call',
  InvalidSender: 'BadProof',
  NonceTooLow: 'Stale',
  NonceTooHigh: 'Future',
  InsufficientFunds: 'Payment',
  FeeCapTooLow: 'Payment',
  TipAboveFeeCap: 'Call',
  IntrinsicGas: 'ExhaustsResources',
  GasLimitExceeded: 'ExhaustsResources',
};

/** The pool tag of a sender's nonce. */
export const ethTag = (from: Uint8Array, nonce: bigint): string => `eth:0x${Buffer.from(from).toString('hex')}:${nonce}`;

/** Decodes and checks `transact`'s transaction against `state`; throws `TransactionValidityError`. */
function check(config: EthereumConfig, state: StateReader, call: { tag: string; value?: unknown }, allowFuture: boolean): { d: DecodedEthTx; current: bigint } {
  if (call.tag !== 'transact') throw TransactionValidityError.invalid('Call');
  const raw = (call.value as { transaction: Uint8Array }).transaction;
  try {
    const d = decodeEthTransaction(raw, config.runner.chainId(state));
    const current = nonceOf(state, d.from);
    checkEthTransaction(d, { nonce: current, balance: balanceOf(config.ledger, state, d.from) }, { baseFee: BASE_FEE, blockGasLimit: BLOCK_GAS_LIMIT, allowFuture });
    return { d, current };
  } catch (e) {
    if (e instanceof EthTxError) throw TransactionValidityError.invalid(INVALID[e.kind]);
    throw e;
  }
}

export function ethereumUnsigned(config: EthereumConfig): UnsignedValidator {
  return {
    validate(state, call): ValidTransaction {
      const { d, current } = check(config, state, call, true);
      const future = d.nonce > current;
      return {
        priority: effectivePriorityFee(d.tx, BASE_FEE),
        requires: future ? [ethTag(d.from, d.nonce - 1n)] : [],
        provides: [ethTag(d.from, d.nonce)],
        longevity: LONGEVITY,
        sender: toAccountId(state, d.from),
        nonce: Number(d.nonce),
        future,
        // The pool orders by the EVM nonce, not System's (docs/evm.md: separate counters).
        nonceAt: (at) => Number(nonceOf(at, d.from)),
      };
    },
    preDispatch(ctx: DispatchContext, call): void {
      check(config, ctx.state, call, false);
    },
  };
}
