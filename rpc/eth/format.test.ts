import { createBlock } from '@ethereumjs/block';
import { createCustomCommon, Hardfork, Mainnet } from '@ethereumjs/common';
import { createFeeMarket1559Tx } from '@ethereumjs/tx';
import { hexToBytes } from '@ethereumjs/util';
import { describe, expect, it } from 'vitest';
import type { BlockInfo } from '../../node/chain-api.ts';
import type { EthBlockView } from './block-source.ts';
import { ETH_DEV_ACCOUNTS } from './dev-accounts.ts';
import type { EthTxStatus } from './evm-api.ts';
import { formatBlock, formatBlockReceipts, formatHeader, qty } from './format.ts';

const common = createCustomCommon({ chainId: 31337 }, Mainnet, { hardfork: Hardfork.Prague });
const key = hexToBytes(ETH_DEV_ACCOUNTS[0]!.privateKey as `0x${string}`);
const from = hexToBytes(ETH_DEV_ACCOUNTS[0]!.address.toLowerCase() as `0x${string}`);

function tx(nonce: number) {
  return createFeeMarket1559Tx({ nonce, to: `0x${'22'.repeat(20)}`, value: 5n, gasLimit: 50_000n, maxFeePerGas: 3_000_000_000n, maxPriorityFeePerGas: 1_000_000_000n, chainId: 31337n }, { common }).sign(key);
}

function view(): EthBlockView {
  const txs = [tx(0), tx(1)];
  const block = createBlock({ header: { number: 7n, timestamp: 1_700_000_000n, gasLimit: 60_000_000n, baseFeePerGas: 1_000_000_000n, gasUsed: 60_000n }, transactions: txs }, { common, setHardfork: false });
  const log = (b: number): [Uint8Array, Uint8Array[], Uint8Array] => [new Uint8Array(20).fill(b), [new Uint8Array(32).fill(b)], Uint8Array.of(b)];
  const statuses: EthTxStatus[] = txs.map((t, i) => ({
    transactionHash: t.hash(),
    transactionIndex: i,
    from,
    to: t.to!.bytes,
    contractAddress: undefined,
    logs: i === 0 ? [log(1), log(2)] : [log(3)],
    logsBloom: new Uint8Array(256),
    gasUsed: 30_000n,
  }));
  const sub = { number: 7, hash: new Uint8Array(32) } as BlockInfo;
  return { sub, hash: block.hash(), data: { block, statuses, receipts: [{ status: 1, cumulativeBlockGasUsed: 30_000n }, { status: 0, cumulativeBlockGasUsed: 60_000n }] } };
}

describe('Ethereum object formatting', () => {
  it('writes minimal hex quantities', () => {
    expect([qty(0), qty(1), qty(255n), qty(2n ** 64n)]).toEqual(['0x0', '0x1', '0xff', '0x10000000000000000']);
  });

  it('gives blocks every geth header field, hashes or full transactions', () => {
    const v = view();
    const b = formatBlock(v, false);
    expect(Object.keys(b)).toEqual(expect.arrayContaining(['hash', 'parentHash', 'sha3Uncles', 'miner', 'stateRoot', 'transactionsRoot', 'receiptsRoot', 'logsBloom', 'difficulty', 'number', 'gasLimit', 'gasUsed', 'timestamp', 'extraData', 'mixHash', 'nonce', 'baseFeePerGas', 'withdrawalsRoot', 'blobGasUsed', 'excessBlobGas', 'parentBeaconBlockRoot', 'requestsHash', 'totalDifficulty', 'size', 'uncles', 'transactions', 'withdrawals']));
    expect(b).toMatchObject({ number: '0x7', gasLimit: '0x3938700', baseFeePerGas: '0x3b9aca00', timestamp: '0x6553f100' });
    expect(b.transactions).toEqual(v.data.block.transactions.map((t) => `0x${Buffer.from(t.hash()).toString('hex')}`));
    const full = formatBlock(v, true).transactions as Record<string, unknown>[];
    expect(full[1]).toMatchObject({ nonce: '0x1', transactionIndex: '0x1', type: '0x2', gas: '0xc350', gasPrice: '0x77359400', value: '0x5', input: '0x', chainId: '0x7a69', blockNumber: '0x7' });
    expect(full[1]!.from).toBe(ETH_DEV_ACCOUNTS[0]!.address.toLowerCase());
    expect(formatHeader(v.data.block, v.hash)).not.toHaveProperty('transactions');
  });

  it('numbers logs across the block and derives gas and status per receipt', () => {
    const receipts = formatBlockReceipts(view());
    expect(receipts.map((r) => (r.logs as { logIndex: string }[]).map((l) => l.logIndex))).toEqual([['0x0', '0x1'], ['0x2']]);
    expect(receipts.map((r) => [r.status, r.gasUsed, r.cumulativeGasUsed])).toEqual([['0x1', '0x7530', '0x7530'], ['0x0', '0x7530', '0xea60']]);
    expect(receipts[0]).toMatchObject({ effectiveGasPrice: '0x77359400', contractAddress: null, type: '0x2' });
    expect((receipts[1]!.logs as Record<string, unknown>[])[0]).toMatchObject({ blockTimestamp: '0x6553f100', removed: false, transactionIndex: '0x1' });
  });
});
