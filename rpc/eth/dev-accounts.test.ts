import { HDNodeWallet, Mnemonic } from 'ethers';
import { describe, expect, it } from 'vitest';
import { DEV_MNEMONIC, devAccountsBanner, ETH_DEV_ACCOUNTS } from './dev-accounts.ts';

describe('Ethereum dev accounts', () => {
  it('are accounts 0-9 of the Hardhat/Anvil mnemonic', () => {
    const m = Mnemonic.fromPhrase(DEV_MNEMONIC);
    ETH_DEV_ACCOUNTS.forEach((a, i) => {
      const w = HDNodeWallet.fromMnemonic(m, `m/44'/60'/0'/0/${i}`);
      expect(a).toEqual({ address: w.address, privateKey: w.privateKey });
    });
    expect(ETH_DEV_ACCOUNTS).toHaveLength(10);
  });

  it('print like anvil', () => {
    const lines = devAccountsBanner(31337n);
    expect(lines[0]).toContain('31337');
    expect(lines[2]).toContain('(0) 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 (10000 ETH)');
  });
});
