/**
 * Evm calls for sr25519 accounts: `call` and `create` run as the account's address (`toAddress(who)`) at gas
 * price 0 (the Substrate fee pays, weighted by the gas limit and refunded to the gas used), and `map_account`
 * lets an account receive what is sent to its address.
 */
import { call, type DispatchContext, ensureSigned, type PostDispatch } from '../../runtime/framework/pallet.ts';
import { type AccountId, H160 } from '../../runtime/primitives.ts';
import { bytes, u64 } from '../../runtime/scale/codec.ts';
import { isFallbackAccount, toAddress } from './address.ts';
import type { EvmConfig } from './config.ts';
import { EvmError } from './errors.ts';
import { EvmEvent } from './events.ts';
import { runTxFailure } from './failure.ts';
import { nonceOf, setNonce } from './ledger.ts';
import { succeeded, toLogs } from './outcome.ts';
import { BLOCK_GAS_LIMIT, type EvmRunner } from './runner.ts';
import { evmStorage } from './storage.ts';
import { U256 } from './types.ts';
import { EvmWeights, gasToWeight } from './weights.ts';

const ZERO_ADDRESS = new Uint8Array(20);

/** Runs `call` (with `target`) or `create` for a signed account and deposits Frontier's events. */
async function execute(config: EvmConfig, runner: EvmRunner, ctx: DispatchContext, who: AccountId, target: Uint8Array | undefined, data: Uint8Array, value: bigint, gasLimit: bigint): Promise<PostDispatch> {
  if (gasLimit > BLOCK_GAS_LIMIT) throw EvmError.GasLimitTooHigh;
  const source = toAddress(who);
  const nonce = nonceOf(ctx.state, source);
  const env = {
    number: BigInt(ctx.block.number),
    timestamp: config.now(ctx.state) / 1000n,
    coinbase: ctx.block.author ? toAddress(ctx.block.author) : ZERO_ADDRESS,
    baseFee: 0n,
  };
  const r = await runner.withDispatchVm(ctx, async (evm) => {
    const block = runner.headerBlock(runner.chainId(ctx.state), env);
    try {
      return await runner.runUnsigned(evm, { from: source, to: target, data, value, gasLimit, gasPrice: 0n, nonce }, block);
    } catch (e) {
      throw runTxFailure(e);
    }
  });
  // The EVM nonce counts creations only: a call leaves it where it was (docs/evm.md § Storage).
  if (target) setNonce(ctx.state, source, nonce);
  const ok = succeeded(r);
  if (ok) for (const log of toLogs(r.execResult.logs)) ctx.deposit(EvmEvent, { tag: 'Log', value: { log } });
  if (target) ctx.deposit(EvmEvent, { tag: ok ? 'Executed' : 'ExecutedFailed', value: { address: target } });
  else {
    const address = r.createdAddress?.bytes ?? ZERO_ADDRESS;
    ctx.deposit(EvmEvent, { tag: ok ? 'Created' : 'CreatedFailed', value: { address } });
  }
  return { actualWeight: gasToWeight(r.totalGasSpent) };
}

/** The call table. */
export function evmCalls(config: EvmConfig, runner: EvmRunner) {
  return {
    call: call({
      index: 1,
      args: { target: H160, input: bytes, value: U256, gas_limit: u64 },
      docs: [' Issue an EVM call operation from the caller\'s address (its first 20 bytes), at gas price 0.'],
      weight: (a) => EvmWeights.call(a.gas_limit),
      async: true,
      dispatch: (ctx, origin, a) => execute(config, runner, ctx, ensureSigned(origin), a.target, a.input, a.value, a.gas_limit),
    }),
    create: call({
      index: 2,
      args: { init: bytes, value: U256, gas_limit: u64 },
      docs: [' Issue an EVM create operation from the caller\'s address; the contract address follows its EVM nonce.'],
      weight: (a) => EvmWeights.create(a.gas_limit),
      async: true,
      dispatch: (ctx, origin, a) => execute(config, runner, ctx, ensureSigned(origin), undefined, a.init, a.value, a.gas_limit),
    }),
    map_account: call({
      index: 4,
      args: {},
      docs: [' Map the caller\'s address to the caller, so the address spends from and receives into this account.'],
      weight: () => EvmWeights.mapAccount(),
      dispatch: (ctx, origin) => {
        const who = ensureSigned(origin);
        const address = toAddress(who);
        // The fallback account of an address is already its own; a second mapping would hide someone's funds.
        if (isFallbackAccount(who) || evmStorage.OriginalAccount.contains(ctx.state, address)) throw EvmError.AccountAlreadyMapped;
        evmStorage.OriginalAccount.insert(ctx.state, who, address);
        ctx.deposit(EvmEvent, { tag: 'AccountMapped', value: { who, address } });
      },
    }),
  };
}
