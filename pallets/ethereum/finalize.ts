/**
 * `on_finalize`: the block's Ethereum transactions become an Ethereum block (same number; parent = the previous
 * one's hash; transactions and receipts roots as ordered tries; bloom = OR of the receipts'), stored with its
 * receipts and statuses; `Pending` is emptied.
 */
import { Block, createBlockHeader } from '@ethereumjs/block';
import { createTxFromRLP } from '@ethereumjs/tx';
import { KECCAK256_RLP_ARRAY } from '@ethereumjs/util';
import type { DispatchContext } from '../../runtime/framework/pallet.ts';
import type { OverlayState } from '../../runtime/state/overlay.ts';
import { BLOCK_GAS_LIMIT, type BlockEnv } from '../evm/runner.ts';
import { evmCommon } from '../evm/vm.ts';
import type { EthereumConfig } from './config.ts';
import { blockEnv } from './env.ts';
import { orderedTrieRoot } from './ordered-trie.ts';
import { ethereumStorage as S } from './storage.ts';
import type { PendingTransaction } from './types.ts';

/** Builds and stores Ethereum block `env.number` from `pending`. */
export function storeBlock(state: OverlayState, chainId: bigint, env: BlockEnv, pending: PendingTransaction[], stateRoot: Uint8Array): Block {
  const common = evmCommon(chainId);
  const bloom = new Uint8Array(256);
  for (const p of pending) for (let i = 0; i < 256; i++) bloom[i]! |= p.status.logs_bloom[i]!;
  const gasUsed = pending.reduce((n, p) => n + p.status.gas_used, 0n);
  const number = Number(env.number);
  const header = createBlockHeader(
    {
      parentHash: number > 0 ? (S.BlockHash.get(state, number - 1) ?? new Uint8Array(32)) : new Uint8Array(32),
      uncleHash: KECCAK256_RLP_ARRAY,
      coinbase: env.coinbase,
      stateRoot,
      transactionsTrie: orderedTrieRoot(pending.map((p) => p.transaction)),
      receiptTrie: orderedTrieRoot(pending.map((p) => p.receipt)),
      logsBloom: bloom,
      number: env.number,
      gasLimit: BLOCK_GAS_LIMIT,
      gasUsed,
      timestamp: env.timestamp,
      baseFeePerGas: env.baseFee,
    },
    { common },
  );
  const txs = pending.map((p) => createTxFromRLP(p.transaction, { common }));
  const block = new Block(header, txs, [], [], { common });
  S.CurrentBlock.set(state, block.serialize());
  S.CurrentReceipts.set(state, pending.map((p) => p.receipt));
  S.CurrentTransactionStatuses.set(state, pending.map((p) => p.status));
  S.BlockHash.insert(state, block.hash(), number);
  return block;
}

/** The `on_finalize` hook. */
export function onFinalize(config: EthereumConfig, ctx: DispatchContext): void {
  const s = ctx.state;
  const count = S.PendingCount.get(s);
  const pending: PendingTransaction[] = [];
  for (let i = 0; i < count; i++) {
    pending.push(S.Pending.get(s, i)!);
    S.Pending.remove(s, i);
  }
  S.PendingCount.kill(s);
  S.PendingGasUsed.kill(s);
  const stateRoot = config.parentStateRoot?.(ctx) ?? new Uint8Array(32);
  storeBlock(s, config.runner.chainId(s), blockEnv(config, ctx), pending, stateRoot);
}
