/**
 * Runs transactions in the EVM against an overlay: one cached VM for block execution (blocks run one at a time;
 * a mutex keeps it so even if two executions overlap), fresh VMs for read-only calls. Every run is `runTx` on a
 * header-only block (Frontier's `store_block` style; `buildBlock` is O(n²) per block).
 */
import { type Block, createBlock } from '@ethereumjs/block';
import { createLegacyTx, type TypedTransaction } from '@ethereumjs/tx';
import { Address } from '@ethereumjs/util';
import { type RunTxResult, runTx } from '@ethereumjs/vm';
import type { DispatchContext } from '../../runtime/framework/pallet.ts';
import type { OverlayState, StateReader } from '../../runtime/state/overlay.ts';
import type { EvmLedger } from './ledger.ts';
import { OverlayStateManager } from './state-manager.ts';
import { evmStorage } from './storage.ts';
import { createEvmVm, type EvmVm, evmCommon, type PrecompileFactory } from './vm.ts';

/** The Ethereum block gas limit: the normal-class block weight (1.5 s) / WEIGHT_PER_GAS. */
export const BLOCK_GAS_LIMIT = 60_000_000n;
/** The fixed EIP-1559 base fee: 1 gwei, burnt. */
export const BASE_FEE = 1_000_000_000n;

/** The block a transaction runs in. */
export interface BlockEnv {
  number: bigint;
  /** Seconds. */
  timestamp: bigint;
  coinbase: Uint8Array;
  baseFee: bigint;
}

/** What the runner needs from the runtime. */
export interface RunnerDeps {
  ledger: EvmLedger;
  /** Hash of Ethereum block `n` (`Ethereum.BlockHash`), zero when unknown. */
  blockHash: (state: StateReader, n: bigint) => Uint8Array;
}

/** A message to run without a signature: `from` is trusted (Evm.call/create, eth_call, estimateGas). */
export interface UnsignedMessage {
  from: Uint8Array;
  to?: Uint8Array;
  data: Uint8Array;
  value: bigint;
  gasLimit: bigint;
  gasPrice: bigint;
  nonce: bigint;
}

/** Read-path VMs kept for reuse. */
const MAX_IDLE_VMS = 4;

export class EvmRunner {
  private cached: { chainId: bigint; vm: Promise<EvmVm> } | undefined;
  private lock: Promise<unknown> = Promise.resolve();
  private precompiles: PrecompileFactory | undefined;
  private readonly blocks = new Map<string, Block>();
  /** Idle read-path VMs (creating one costs ~1 ms), by chain id. */
  private readonly idle: EvmVm[] = [];

  constructor(private readonly deps: RunnerDeps) {}

  /** Installs the node's precompiles (the cached VM is rebuilt with them). */
  setPrecompiles(factory: PrecompileFactory | undefined): void {
    this.precompiles = factory;
    this.cached = undefined;
    this.idle.length = 0;
  }

  chainId(state: StateReader): bigint {
    return evmStorage.ChainId.get(state);
  }

  /** A header-only block for `env` (cached: every transaction of a block shares it). */
  headerBlock(chainId: bigint, env: BlockEnv): Block {
    const key = `${chainId}:${env.number}:${env.timestamp}:${Buffer.from(env.coinbase).toString('hex')}:${env.baseFee}`;
    let b = this.blocks.get(key);
    if (!b) {
      if (this.blocks.size > 16) this.blocks.clear();
      b = createBlock(
        { header: { number: env.number, timestamp: env.timestamp, coinbase: env.coinbase, gasLimit: BLOCK_GAS_LIMIT, baseFeePerGas: env.baseFee } },
        { common: evmCommon(chainId) },
      );
      this.blocks.set(key, b);
    }
    return b;
  }

  private newVm(chainId: bigint, state: OverlayState): Promise<EvmVm> {
    const sm = new OverlayStateManager(this.deps.ledger, state);
    return createEvmVm({ chainId, stateManager: sm, blockHash: (n) => this.deps.blockHash(sm.reader, n), precompiles: this.precompiles });
  }

  /**
   * Runs `f` with the block-execution VM attached to the dispatch's state, one at a time; pallet events that
   * precompiles raise reach `ctx` when the transaction commits.
   */
  withDispatchVm<R>(ctx: DispatchContext, f: (evm: EvmVm) => Promise<R>): Promise<R> {
    const { state } = ctx;
    const chainId = this.chainId(state);
    const run = async (): Promise<R> => {
      if (this.cached?.chainId !== chainId) this.cached = { chainId, vm: this.newVm(chainId, state) };
      const evm = await this.cached.vm;
      evm.stateManager.attach(state, ctx);
      try {
        return await f(evm);
      } finally {
        // A VM error can leave checkpoints open; nothing of them reached `state`.
        evm.stateManager.reset();
      }
    };
    const next = this.lock.then(run, run);
    this.lock = next.catch(() => undefined);
    return next;
  }

  /** Runs `f` with a VM of its own over `state` (read paths: they may overlap block execution). */
  async withFreshVm<R>(state: OverlayState, f: (evm: EvmVm) => Promise<R>): Promise<R> {
    const chainId = this.chainId(state);
    const i = this.idle.findIndex((v) => v.vm.common.chainId() === chainId);
    const evm = i >= 0 ? this.idle.splice(i, 1)[0]! : await this.newVm(chainId, state);
    evm.stateManager.attach(state);
    try {
      return await f(evm);
    } finally {
      evm.stateManager.reset();
      if (this.idle.length < MAX_IDLE_VMS) this.idle.push(evm);
    }
  }

  /** Runs a signed transaction. Throws the VM's error when it cannot be included (nonce, balance, gas). */
  runSigned(evm: EvmVm, tx: TypedTransaction, block: Block, blockGasUsed: bigint): Promise<RunTxResult> {
    useBlock(evm, block);
    return runTx(evm.vm, { tx, block, blockGasUsed, skipHardForkValidation: true });
  }

  /** Runs an unsigned message as a legacy transaction from `m.from` (the fake-tx pattern). */
  runUnsigned(evm: EvmVm, m: UnsignedMessage, block: Block, checks: { skipBalance?: boolean; skipNonce?: boolean } = {}): Promise<RunTxResult> {
    const common = evmCommon(evm.vm.common.chainId());
    const tx = createLegacyTx({ nonce: m.nonce, gasPrice: m.gasPrice, gasLimit: m.gasLimit, to: m.to, value: m.value, data: m.data }, { common, freeze: false });
    const from = new Address(m.from);
    tx.getSenderAddress = () => from;
    useBlock(evm, block);
    return runTx(evm.vm, { tx, block, ...checks, skipBlockGasLimitValidation: true, skipHardForkValidation: true });
  }
}

/** Tells a read-only run's precompiles which block they run in (a dispatch's context already says). */
function useBlock(evm: EvmVm, block: Block): void {
  evm.stateManager.setBlock({ number: Number(block.header.number), parentHash: block.header.parentHash, author: undefined });
}
