/**
 * Differential test: the same transactions through our runtime (OverlayStateManager over the Substrate state) and
 * through a stock @ethereumjs/vm with its own MerkleStateManager must use the same gas, end with the same status,
 * logs and created addresses, and leave the same balances, nonces and slots. Same-slot writes within one block
 * exercise EIP-2200's original values across transactions.
 */
import { Address, bytesToHex, createAccount, createAddressFromPrivateKey, hexToBytes } from '@ethereumjs/util';
import { createVM, runTx } from '@ethereumjs/vm';
import { Interface } from 'ethers';
import { describe, expect, it } from 'vitest';
import { toAddress } from './address.ts';
import { BASE_FEE } from './runner.ts';
import { createAccessList2930Tx, type TypedTransaction } from '@ethereumjs/tx';
import { CHAIN_ID, DEV_KEYS, GWEI, signed1559, signedLegacy, TestChain } from './testing/chain.ts';
import { compileContract, TOKEN_SOURCE } from './testing/solc.ts';
import { evmCommon } from './vm.ts';

const ETHER = 10n ** 18n;
const AUTHOR = new Uint8Array(32).fill(7);

describe('OverlayStateManager against MerkleStateManager', () => {
  it('gives the same gas, receipts and state for deploys, transfers, reverts, value and CREATE', async () => {
    const { abi, bytecode } = compileContract(TOKEN_SOURCE, 'Token');
    const iface = new Interface(abi as never);
    const data = (fn: string, args: unknown[]) => hexToBytes(iface.encodeFunctionData(fn, args) as `0x${string}`);
    const [k0, k1, k2] = DEV_KEYS as [Uint8Array, Uint8Array, Uint8Array];
    const [a0, a1, a2] = [k0, k1, k2].map((k) => createAddressFromPrivateKey(k).bytes) as [Uint8Array, Uint8Array, Uint8Array];
    const deploy = new Uint8Array([...bytecode, ...hexToBytes(iface.encodeDeploy([1000n]) as `0x${string}`)]);

    const chain = new TestChain(AUTHOR);
    const stock = await createVM({ common: evmCommon(31337n).copy() });
    for (const a of [a0, a1, a2]) await stock.stateManager.putAccount(new Address(a), createAccount({ balance: 10_000n * ETHER }));

    const runBoth = async (txs: TypedTransaction[]) => {
      await chain.block(txs.map((t) => t.serialize()));
      const ours = chain.runtime.evm.api.currentBlock(chain.state)!;
      const block = chain.runtime.evm.runner.headerBlock(31337n, { number: BigInt(chain.number), timestamp: chain.timestamp / 1000n, coinbase: toAddress(AUTHOR), baseFee: BASE_FEE });
      let used = 0n;
      for (const [i, tx] of txs.entries()) {
        const r = await runTx(stock, { tx, block, blockGasUsed: used, skipHardForkValidation: true });
        used += r.totalGasSpent;
        const s = ours.statuses[i]!;
        expect(s.gas_used, `tx ${i} gas`).toBe(r.totalGasSpent);
        expect(ours.receipts[i]![0]).toBe(tx.type === 0 ? 0xf9 : tx.type);
        expect(s.logs.map((l) => [bytesToHex(l.address), l.topics.map(bytesToHex), bytesToHex(l.data)])).toEqual(
          (r.execResult.logs ?? []).map(([addr, topics, d]) => [bytesToHex(addr), topics.map(bytesToHex), bytesToHex(d)]),
        );
        if (r.createdAddress) expect(s.contract_address).toEqual(r.createdAddress.bytes);
      }
      expect(ours.block.header.gasUsed).toBe(used);
    };

    await runBoth([signed1559(k0, { nonce: 0n, data: deploy, gasLimit: 2_000_000n })]);
    const tokenAddr = chain.runtime.evm.api.currentBlock(chain.state)!.statuses[0]!.contract_address!;
    const to = (a: Uint8Array) => bytesToHex(a);
    await runBoth([
      signed1559(k0, { nonce: 1n, to: tokenAddr, data: data('transfer', [to(a1), 500n]), gasLimit: 100_000n }),
      signed1559(k0, { nonce: 2n, to: tokenAddr, data: data('transfer', [to(a1), 300n]), gasLimit: 100_000n }),
      signedLegacy(k1, { nonce: 0n, to: tokenAddr, data: data('transfer', [to(a0), 800n]), gasLimit: 100_000n }),
      signedLegacy(k1, { nonce: 1n, to: tokenAddr, data: data('transfer', [to(a2), 1n]), gasLimit: 100_000n }),
      signed1559(k2, { nonce: 0n, to: tokenAddr, value: 999n, data: data('pay', [to(new Uint8Array(20).fill(0x44))]), gasLimit: 100_000n }),
      signed1559(k2, { nonce: 1n, to: tokenAddr, data: data('spawn', []), gasLimit: 300_000n }),
      signed1559(k2, { nonce: 2n, to: tokenAddr, data: data('fail', []), gasLimit: 100_000n }),
      signed1559(k2, { nonce: 3n, to: tokenAddr, data: data('transfer', [to(a0), 0n]), gasLimit: 30_000n }),
      createAccessList2930Tx(
        { chainId: CHAIN_ID, nonce: 4n, to: tokenAddr, data: data('transfer', [to(a1), 0n]), gasLimit: 100_000n, gasPrice: 3n * GWEI, accessList: [{ address: to(tokenAddr), storageKeys: [bytesToHex(new Uint8Array(32))] }] },
        { common: evmCommon(CHAIN_ID) },
      ).sign(k2),
    ]);

    const api = chain.runtime.evm.api;
    for (const a of [a0, a1, a2, tokenAddr, new Uint8Array(20).fill(0x44)]) {
      const acc = await stock.stateManager.getAccount(new Address(a));
      expect(api.account(chain.state, a), bytesToHex(a)).toMatchObject({ nonce: acc?.nonce ?? 0n, balance: acc?.balance ?? 0n });
    }
    for (const holder of [a0, a1, a2]) {
      const r = await chain.runtime.evm.api.call(chain.state, { number: 9n, timestamp: 9n, coinbase: new Uint8Array(20) }, { to: tokenAddr, data: data('balanceOf', [to(holder)]) });
      const s = await stock.evm.runCall({ to: new Address(tokenAddr), data: data('balanceOf', [to(holder)]), gasLimit: 100_000n });
      expect(bytesToHex(r.returnValue)).toBe(bytesToHex(s.execResult.returnValue));
    }
  });
});
