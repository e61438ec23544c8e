/** The Ethereum index survives restarts: old transactions, receipts and blocks are found by hash afterwards. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonRpcProvider, Wallet } from 'ethers';
import { afterAll, describe, expect, it } from 'vitest';
import { ETH_DEV_ACCOUNTS } from '../rpc/eth/dev-accounts.ts';
import { ethPortOf, receiptOf, rpc } from './support/eth-http.ts';
import { startNodeProcess } from './support/node-process.ts';

describe('Ethereum index across restarts', () => {
  const base = mkdtempSync(join(tmpdir(), 'eth-restart-'));
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('finds old transactions, receipts and blocks by hash after the node restarts', async () => {
    const args = ['--dev', '--instant-seal', '--base-path', base, '--eth-rpc-port', '0'];
    let node = await startNodeProcess(args);
    let url = `http://127.0.0.1:${await ethPortOf(node)}`;
    const provider = new JsonRpcProvider(url, undefined, { cacheTimeout: -1, staticNetwork: true });
    const wallet = new Wallet(ETH_DEV_ACCOUNTS[5]!.privateKey, provider);
    const tx = await wallet.sendTransaction({ to: ETH_DEV_ACCOUNTS[6]!.address, value: 123n });
    const receipt = await receiptOf(url, tx.hash);
    provider.destroy();
    await rpc(url, 'evm_mine');
    expect(await node.kill()).not.toBeNull();

    node = await startNodeProcess(args);
    try {
      url = `http://127.0.0.1:${await ethPortOf(node)}`;
      expect((await rpc(url, 'eth_getTransactionReceipt', [tx.hash])).result).toMatchObject({ blockHash: receipt.blockHash, status: '0x1' });
      expect((await rpc(url, 'eth_getTransactionByHash', [tx.hash])).result).toMatchObject({ hash: tx.hash, value: '0x7b' });
      expect((await rpc(url, 'eth_getBlockByHash', [receipt.blockHash, false])).result).toMatchObject({ number: receipt.blockNumber, transactions: [tx.hash] });
      expect((await rpc(url, 'eth_getBalance', [ETH_DEV_ACCOUNTS[6]!.address, receipt.blockNumber])).result).toBe('0x21e19e0c9bab240007b');
    } finally {
      await node.kill();
    }
  });
});
