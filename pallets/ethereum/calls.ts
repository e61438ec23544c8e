/**
 * `transact`: a raw signed Ethereum transaction as an unsigned, self-contained extrinsic. It runs with `runTx` on a
 * header-only block; a reverted or failed execution is still a successful extrinsic (the transaction is included
 * with receipt status 0), as in Frontier.
 */
import { encodeReceipt } from '@ethereumjs/vm';
import { bigIntToUnpaddedBytes, generateAddress } from '@ethereumjs/util';
import { call, type DispatchContext, ensureNone, type PostDispatch } from '../../runtime/framework/pallet.ts';
import { bytes } from '../../runtime/scale/codec.ts';
import { EthTxError } from '../evm/eth-tx-error.ts';
import { exitReason, succeeded, toLogs } from '../evm/outcome.ts';
import { type DecodedEthTx, decodeEthTransaction } from '../evm/transaction.ts';
import { gasToWeight } from '../evm/weights.ts';
import type { EthereumConfig } from './config.ts';
import { blockEnv } from './env.ts';
import { EthereumError } from './errors.ts';
import { EthereumEvent } from './events.ts';
import { gasLimitOf } from './gas-limit.ts';
import { ethereumStorage as S } from './storage.ts';

/** Decodes for dispatch: an undecodable transaction fails the extrinsic (validation should have kept it out). */
function decodeForDispatch(raw: Uint8Array, chainId: bigint): DecodedEthTx {
  try {
    return decodeEthTransaction(raw, chainId);
  } catch (e) {
    if (e instanceof EthTxError && e.kind === 'UnsupportedType') throw EthereumError.UnsupportedTransactionType;
    if (e instanceof EthTxError && e.kind === 'InvalidSender') throw EthereumError.InvalidSignature;
    throw EthereumError.InvalidTransaction;
  }
}

async function transact(config: EthereumConfig, ctx: DispatchContext, raw: Uint8Array): Promise<PostDispatch> {
  const { runner } = config;
  const chainId = runner.chainId(ctx.state);
  const d = decodeForDispatch(raw, chainId);
  const index = S.PendingCount.get(ctx.state);
  const used = S.PendingGasUsed.get(ctx.state);
  const block = runner.headerBlock(chainId, blockEnv(config, ctx));
  const r = await runner.withDispatchVm(ctx, async (evm) => {
    try {
      return await runner.runSigned(evm, d.tx, block, used);
    } catch {
      throw EthereumError.TransactionRejected;
    }
  });
  const to = d.tx.to?.bytes;
  const created = to ? undefined : (r.createdAddress?.bytes ?? generateAddress(d.from, bigIntToUnpaddedBytes(d.tx.nonce)));
  const logs = toLogs(r.execResult.logs);
  S.Pending.insert(
    ctx.state,
    {
      transaction: raw,
      status: { transaction_hash: d.hash, transaction_index: index, from: d.from, to, contract_address: created, logs, logs_bloom: r.receipt.bitvector, gas_used: r.totalGasSpent },
      receipt: encodeReceipt(r.receipt, d.tx.type),
    },
    index,
  );
  S.PendingCount.set(ctx.state, index + 1);
  S.PendingGasUsed.set(ctx.state, used + r.totalGasSpent);
  const reason = exitReason(r);
  ctx.deposit(EthereumEvent, {
    tag: 'Executed',
    value: { from: d.from, to: to ?? created!, transaction_hash: d.hash, exit_reason: reason, extra_data: succeeded(r) ? new Uint8Array() : r.execResult.returnValue },
  });
  return { actualWeight: gasToWeight(r.totalGasSpent) };
}

/** The call table. */
export function ethereumCalls(config: EthereumConfig) {
  return {
    transact: call({
      index: 0,
      args: { transaction: bytes },
      docs: [' Transact an Ethereum transaction (raw EIP-2718 bytes: legacy with EIP-155, EIP-2930 or EIP-1559).'],
      weight: (a) => gasToWeight(gasLimitOf(a.transaction)),
      async: true,
      dispatch: (ctx, origin, a) => {
        ensureNone(origin);
        return transact(config, ctx, a.transaction);
      },
    }),
  };
}
