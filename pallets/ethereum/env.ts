/** The Ethereum block environment of the Substrate block being built. */
import type { DispatchContext } from '../../runtime/framework/pallet.ts';
import { toAddress } from '../evm/address.ts';
import { BASE_FEE, type BlockEnv } from '../evm/runner.ts';
import type { EthereumConfig } from './config.ts';

const ZERO_ADDRESS = new Uint8Array(20);

/** Number, time (seconds), coinbase (the author's address) and the fixed base fee. */
export function blockEnv(config: EthereumConfig, ctx: DispatchContext): BlockEnv {
  return {
    number: BigInt(ctx.block.number),
    timestamp: config.now(ctx.state) / 1000n,
    coinbase: ctx.block.author ? toAddress(ctx.block.author) : ZERO_ADDRESS,
    baseFee: BASE_FEE,
  };
}
