/**
 * The read API the node's Ethereum JSON-RPC answers from. Every function takes a `StateReader` of some block's
 * post-state; nothing writes to it (calls run on a throwaway overlay). Build it with `createEvmApi` from the
 * runtime's Evm pallet (`runtime.evm.api`).
 */
import { type Block, createBlockFromRLP } from '@ethereumjs/block';
import type { StateReader } from '../../runtime/state/overlay.ts';
import { ethereumStorage } from '../ethereum/storage.ts';
import type { TransactionStatus } from '../ethereum/types.ts';
import { type CallArgs, type CallEnv, type CallResult, evmCall } from './api-call.ts';
import { balanceOf, codeMetadataOf, codeOf, type EvmLedger, nonceOf, slotOf } from './ledger.ts';
import { BASE_FEE, BLOCK_GAS_LIMIT, type EvmRunner } from './runner.ts';
import { checkEthTransaction, type DecodedEthTx, decodeEthTransaction } from './transaction.ts';
import { evmCommon } from './vm.ts';

export interface EvmApi {
  /** `Evm.ChainId`. */
  chainId(state: StateReader): bigint;
  /** Nonce, balance (wei = 10^-18 TRAIN) and keccak code hash of an address. */
  account(state: StateReader, address: Uint8Array): { nonce: bigint; balance: bigint; codeHash: Uint8Array };
  code(state: StateReader, address: Uint8Array): Uint8Array;
  /** A storage slot, always 32 bytes. */
  storage(state: StateReader, address: Uint8Array, slot: Uint8Array): Uint8Array;
  /** The Ethereum block this state's chain block built, its EIP-2718 receipts and statuses. */
  currentBlock(state: StateReader): { block: Block; receipts: Uint8Array[]; statuses: TransactionStatus[] } | undefined;
  /** `Ethereum.BlockHash[n]`. */
  blockHash(state: StateReader, n: bigint): Uint8Array | undefined;
  /** `eth_call` (or with `estimate`, `eth_estimateGas`); throws `EthTxError` when the message cannot run at all. */
  call(state: StateReader, env: CallEnv, args: CallArgs, opts?: { estimate?: boolean }): Promise<CallResult>;
  /**
   * `eth_sendRawTransaction`'s checks: decodes, recovers the sender and checks chain id, nonce (not too low),
   * fees, intrinsic gas and funds against `state`. Throws `EthTxError` (`code`, geth's message).
   */
  decodeRawTransaction(state: StateReader, raw: Uint8Array): DecodedEthTx;
  /** The fixed base fee (wei per gas) and the block gas limit. */
  readonly baseFee: bigint;
  readonly blockGasLimit: bigint;
}

export function createEvmApi(runner: EvmRunner, ledger: EvmLedger): EvmApi {
  return {
    chainId: (state) => runner.chainId(state),
    account: (state, a) => ({ nonce: nonceOf(state, a), balance: balanceOf(ledger, state, a), codeHash: codeMetadataOf(state, a).hash }),
    code: (state, a) => codeOf(state, a),
    storage: (state, a, slot) => slotOf(state, a, slot),
    currentBlock(state) {
      const raw = ethereumStorage.CurrentBlock.get(state);
      if (!raw) return undefined;
      const block = createBlockFromRLP(raw, { common: evmCommon(runner.chainId(state)) });
      return { block, receipts: ethereumStorage.CurrentReceipts.get(state) ?? [], statuses: ethereumStorage.CurrentTransactionStatuses.get(state) ?? [] };
    },
    blockHash: (state, n) => (n < 0n || n > 0xffff_ffffn ? undefined : ethereumStorage.BlockHash.get(state, Number(n))),
    call: (state, env, args, opts) => evmCall(runner, ledger, state, env, args, opts),
    decodeRawTransaction(state, raw) {
      const d = decodeEthTransaction(raw, runner.chainId(state));
      checkEthTransaction(d, { nonce: nonceOf(state, d.from), balance: balanceOf(ledger, state, d.from) }, { baseFee: BASE_FEE, blockGasLimit: BLOCK_GAS_LIMIT, allowFuture: true });
      return d;
    },
    baseFee: BASE_FEE,
    blockGasLimit: BLOCK_GAS_LIMIT,
  };
}
export type { CallArgs, CallEnv, CallError, CallResult } from './api-call.ts';
export { EthTxError, type EthTxErrorKind } from './eth-tx-error.ts';
export type { DecodedEthTx } from './transaction.ts';
export type { MessageFrame, PrecompileFactory } from './vm.ts';
