/** Ethereum genesis: block 0, empty, so `eth_getBlockByNumber(0)` and block 1's parent hash exist. */
import { z } from 'zod';
import type { GenesisSpec } from '../../runtime/framework/pallet.ts';
import { BASE_FEE } from '../evm/runner.ts';
import type { EthereumConfig } from './config.ts';
import { storeBlock } from './finalize.ts';

export const EthereumGenesisSchema = z.object({});

export function ethereumGenesis(config: EthereumConfig): GenesisSpec<z.infer<typeof EthereumGenesisSchema>> {
  return {
    schema: EthereumGenesisSchema,
    build(state): void {
      // Evm's genesis (index 20) has set the chain id by now.
      const env = { number: 0n, timestamp: config.now(state) / 1000n, coinbase: new Uint8Array(20), baseFee: BASE_FEE };
      storeBlock(state, config.runner.chainId(state), env, [], new Uint8Array(32));
    },
  };
}
