/**
 * The VM factory: @ethereumjs/vm 10 on Prague + EIP-7939 (CLZ, so solc 0.8.37's default `osaka` output runs),
 * over an `OverlayStateManager`, with BLOCKHASH answered from our block index and the node's precompiles, which
 * learn their caller from a message stack fed by `beforeMessage`/`afterMessage` (the EVM passes them no context).
 */
import { type Common, createCustomCommon, Hardfork, Mainnet } from '@ethereumjs/common';
import { paramsBlock } from '@ethereumjs/block';
import { EVMError, type EVMMockBlockchainInterface, type ExecResult, paramsEVM, type PrecompileFunc, type PrecompileInput } from '@ethereumjs/evm';
import { paramsTx } from '@ethereumjs/tx';
import { createAddressFromString } from '@ethereumjs/util';
import { createVM, paramsVM, type VM } from '@ethereumjs/vm';
import type { DispatchContext } from '../../runtime/framework/pallet.ts';
import { EVM_CRYPTO } from './crypto.ts';
import { type MessageFrame, MessageStack } from './message-stack.ts';

export type { MessageFrame };
import type { OverlayStateManager } from './state-manager.ts';


/**
 * What the node injects: precompiles built with a way to read the current frame and, for those that dispatch
 * pallet calls, the `DispatchContext` over the EVM's current checkpoint layer (its writes and events revert with
 * the frame; read-only runs discard both). Compose factories by concatenating what they return.
 */
export type PrecompileFactory = (frame: () => MessageFrame | undefined, context: () => DispatchContext) => { address: string; function: PrecompileFunc }[];

/** A VM bound to one state manager. */
export interface EvmVm {
  readonly vm: VM;
  readonly stateManager: OverlayStateManager;
}

export interface EvmVmOptions {
  chainId: bigint;
  stateManager: OverlayStateManager;
  /** Hash of Ethereum block `n` (for BLOCKHASH), zero when unknown. */
  blockHash: (n: bigint) => Uint8Array;
  precompiles?: PrecompileFactory;
}

const commons = new Map<bigint, Common>();
/** The chain's `Common` (one per chain id: creating one parses every hardfork's parameters). */
export function evmCommon(chainId: bigint): Common {
  let c = commons.get(chainId);
  if (!c) {
    c = withMergedParams(createCustomCommon({ chainId: Number(chainId), name: `trainchain-${chainId}` }, Mainnet, { hardfork: Hardfork.Prague, eips: [7939], customCrypto: EVM_CRYPTO }));
    commons.set(chainId, c);
  }
  return c;
}

/**
 * @ethereumjs copies the Common for every transaction and block header it builds and merges its parameter table
 * into the copy again: a JSON round trip of the table and a rebuilt parameter cache each time (~0.3 ms, a tenth of
 * a transfer's whole cost here). Our Common never changes hardfork or EIPs, so the four tables are merged once
 * into it, before any copy; copies share them (`copy()` is shallow) and skip merging those tables again.
 */
function withMergedParams(common: Common): Common {
  const tables = [paramsTx, paramsBlock, paramsEVM, paramsVM];
  for (const t of tables) common.updateParams(t);
  const merge = common.updateParams;
  common.updateParams = function (this: Common, params: Parameters<Common['updateParams']>[0]) {
    if (!tables.includes(params as (typeof tables)[number])) merge.call(this, params);
  } as Common['updateParams'];
  return common;
}

/**
 * A precompile that throws would reject `runTx` and leave its transaction out of the block (the EVM does not
 * catch): a throw becomes a failed frame that consumes its gas, as any halting EVM error.
 */
function guarded(f: PrecompileFunc): PrecompileFunc {
  return async (input: PrecompileInput): Promise<ExecResult> => {
    try {
      return await f(input);
    } catch {
      return { returnValue: new Uint8Array(), executionGasUsed: input.gasLimit, exceptionError: new EVMError(EVMError.errorMessages.INTERNAL_ERROR) };
    }
  };
}

export async function createEvmVm(opts: EvmVmOptions): Promise<EvmVm> {
  const stack = new MessageStack();
  const blockchain: EVMMockBlockchainInterface = {
    getBlock: async (n: number) => {
      const hash = opts.blockHash(BigInt(n));
      return { hash: () => hash };
    },
    putBlock: async () => {},
    shallowCopy: () => blockchain,
  };
  const customPrecompiles = (opts.precompiles?.(() => stack.frame(), () => opts.stateManager.context) ?? []).map((p) => ({ address: createAddressFromString(p.address), function: guarded(p.function) }));
  const vm = await createVM({
    // Each EVM subscribes to its Common's events: a copy per VM keeps the shared one from collecting listeners.
    common: evmCommon(opts.chainId).copy(),
    stateManager: opts.stateManager,
    blockchain,
    evmOpts: { customPrecompiles },
  });
  if (customPrecompiles.length > 0) stack.attach(vm.evm);
  return { vm, stateManager: opts.stateManager };
}
