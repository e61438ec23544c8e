/**
 * `eth_call`, `eth_estimateGas` and `eth_sendRawTransaction`. Calls run on a throwaway overlay of the block's
 * state (the pallet's `call`); reverts are `{code: 3, message: "execution reverted: <reason>", data}`.
 */
import type { BlockInfo } from '../../node/chain-api.ts';
import { bytesToHex } from '@ethereumjs/util';
import { RpcError } from '../errors.ts';
import { BLOCK_GAS_LIMIT } from './block-source.ts';
import { callError, haltError, revertError } from './errors.ts';
import { qty } from './format.ts';
import type { EvmCallArgs, EvmCallEnv, EvmCallResult } from './evm-api.ts';
import { blockTag, type CallRequest, callRequest, data } from './params.ts';
import { call, type EthContext } from './shared.ts';

function toArgs(req: CallRequest): EvmCallArgs {
  const args: EvmCallArgs = {};
  if (req.from) args.from = req.from;
  if (req.to) args.to = req.to;
  if (req.data) args.data = req.data;
  if (req.value !== undefined) args.value = req.value;
  if (req.gas !== undefined) args.gas = req.gas;
  if (req.gasPrice !== undefined) args.gasPrice = req.gasPrice;
  if (req.maxFeePerGas !== undefined) args.maxFeePerGas = req.maxFeePerGas;
  return args;
}

/** Runs `[call, block?]` on a throwaway overlay of the block's state; `EthTxError`s become geth's errors. */
async function run(c: EthContext, params: unknown[], estimate: boolean): Promise<EvmCallResult> {
  const req = callRequest(params[0]);
  const block: BlockInfo = await c.backend.resolveOrThrow(blockTag(params[1]));
  const [view, state] = await Promise.all([c.backend.source.load(block), c.backend.source.fullState(block)]);
  const h = view.data.block.header;
  const env: EvmCallEnv = { number: h.number, timestamp: h.timestamp, coinbase: h.coinbase.bytes };
  let r: EvmCallResult;
  try {
    r = await c.evm.call(state, env, toArgs(req), { estimate });
  } catch (e) {
    throw callError(e);
  }
  if (r.error?.kind === 'revert') throw revertError(r.error.data);
  if (r.error && estimate && /out of gas/i.test(r.error.message)) {
    const cap = req.gas !== undefined && req.gas < BLOCK_GAS_LIMIT ? req.gas : BLOCK_GAS_LIMIT;
    throw new RpcError(-32000, `gas required exceeds allowance (${cap})`);
  }
  if (r.error) throw haltError(r.error.message);
  return r;
}

/** `[call, block?]` → return data. */
export const eth_call = call(async (c, params) => bytesToHex((await run(c, params, false)).returnValue));

/** `[call, block?]` → the least gas limit with which the call succeeds (the pallet's binary search). */
export const eth_estimateGas = call(async (c, params) => qty((await run(c, params, true)).gasUsed));

/** `[raw]` → the transaction hash once the pool accepted it. */
export const eth_sendRawTransaction = call(async ({ backend }, params) => {
  const raw = data(params[0], 'transaction');
  return bytesToHex(await backend.pending.submit(raw));
});

/** The node holds no keys: geth's answer for an unknown account. */
export const eth_sendTransaction = call(() => {
  throw new RpcError(-32000, 'unknown account');
});

/** The node holds no keys. */
export const eth_sign = call(() => {
  throw new RpcError(-32000, 'unknown account');
});
