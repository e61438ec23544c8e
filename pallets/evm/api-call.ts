/**
 * `eth_call` and `eth_estimateGas`: a message run as a fake (unsigned) transaction on a throwaway overlay of a
 * block's state, so nothing is ever written back. The estimate is geth's: one run at the cap, an optimistic
 * guess from the gas it used, then a binary search for the least gas limit that succeeds.
 */
import type { RunTxResult } from '@ethereumjs/vm';
import { OverlayState, type StateReader } from '../../runtime/state/overlay.ts';
import { EthTxError } from './eth-tx-error.ts';
import { balanceOf, type EvmLedger, nonceOf } from './ledger.ts';
import { BLOCK_GAS_LIMIT, type EvmRunner } from './runner.ts';
import type { Log } from './types.ts';
import { toLogs } from './outcome.ts';

/** The block a call runs in. */
export interface CallEnv {
  number: bigint;
  /** Seconds. */
  timestamp: bigint;
  coinbase: Uint8Array;
}

/** `eth_call` arguments (already parsed from JSON-RPC). */
export interface CallArgs {
  from?: Uint8Array;
  to?: Uint8Array;
  data?: Uint8Array;
  value?: bigint;
  gas?: bigint;
  gasPrice?: bigint;
  maxFeePerGas?: bigint;
}

export type CallError = { kind: 'revert'; data: Uint8Array } | { kind: 'halt'; message: string };

export interface CallResult {
  returnValue: Uint8Array;
  /** Gas used (for an estimate: the least gas limit that succeeds). */
  gasUsed: bigint;
  logs: Log[];
  error?: CallError;
}

const ZERO_ADDRESS = new Uint8Array(20);

/** One run at `gas`; `EthTxError` when the VM refuses the message (funds, intrinsic gas). */
async function runOnce(runner: EvmRunner, state: StateReader, env: CallEnv, args: CallArgs, gas: bigint): Promise<RunTxResult> {
  const overlay = new OverlayState(state);
  const from = args.from ?? ZERO_ADDRESS;
  const gasPrice = args.gasPrice ?? args.maxFeePerGas ?? 0n;
  return runner.withFreshVm(overlay, async (evm) => {
    const block = runner.headerBlock(runner.chainId(state), { ...env, baseFee: 0n });
    const msg = { from, to: args.to, data: args.data ?? new Uint8Array(), value: args.value ?? 0n, gasLimit: gas, gasPrice, nonce: nonceOf(overlay, from) };
    try {
      return await runner.runUnsigned(evm, msg, block, { skipNonce: true, skipBalance: gasPrice === 0n });
    } catch (e) {
      const m = e instanceof Error ? e.message : String(e);
      if (m.includes('enough funds')) throw new EthTxError('InsufficientFunds');
      if (m.includes('INTRINSIC_GAS_TOO_LOW')) throw new EthTxError('IntrinsicGas');
      throw e;
    }
  });
}

function toResult(r: RunTxResult, gasUsed: bigint): CallResult {
  const e = r.execResult.exceptionError;
  const out: CallResult = { returnValue: r.execResult.returnValue, gasUsed, logs: toLogs(r.execResult.logs) };
  if (e) out.error = e.error === 'revert' ? { kind: 'revert', data: r.execResult.returnValue } : { kind: 'halt', message: e.error };
  return out;
}

const ok = (r: RunTxResult): boolean => r.execResult.exceptionError === undefined;

/** Runs a call (or estimates its gas) against `state`; never writes to it. */
export async function evmCall(runner: EvmRunner, ledger: EvmLedger, state: StateReader, env: CallEnv, args: CallArgs, opts: { estimate?: boolean } = {}): Promise<CallResult> {
  let cap = args.gas !== undefined && args.gas < BLOCK_GAS_LIMIT ? args.gas : BLOCK_GAS_LIMIT;
  // geth: with a gas price, the sender's funds cap the estimate too.
  const gasPrice = args.gasPrice ?? args.maxFeePerGas ?? 0n;
  if (opts.estimate && gasPrice > 0n) {
    const funds = balanceOf(ledger, state, args.from ?? ZERO_ADDRESS) - (args.value ?? 0n);
    if (funds < 0n) throw new EthTxError('InsufficientFunds');
    const allowance = funds / gasPrice;
    if (allowance < cap) cap = allowance;
  }
  const first = await runOnce(runner, state, env, args, cap);
  if (!opts.estimate || !ok(first)) return toResult(first, first.totalGasSpent);
  const succeeds = async (gas: bigint): Promise<boolean> => {
    try {
      return ok(await runOnce(runner, state, env, args, gas));
    } catch (e) {
      if (e instanceof EthTxError && e.kind === 'IntrinsicGas') return false;
      throw e;
    }
  };
  // The gas used is a lower bound when nothing was refunded; try it first, then geth's 64/63 guess.
  let lo = first.totalGasSpent - 1n;
  let hi = cap;
  if (await succeeds(first.totalGasSpent)) return toResult(first, first.totalGasSpent);
  lo = first.totalGasSpent;
  const optimistic = ((first.totalGasSpent + first.gasRefund + 2_300n) * 64n) / 63n;
  if (optimistic < hi) {
    if (await succeeds(optimistic)) hi = optimistic;
    else lo = optimistic;
  }
  while (lo + 1n < hi) {
    const mid = (lo + hi) / 2n;
    if (await succeeds(mid)) hi = mid;
    else lo = mid;
  }
  return toResult(first, hi);
}
