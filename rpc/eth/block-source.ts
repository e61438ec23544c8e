/**
 * The Ethereum block of any chain block: read from the `Ethereum` pallet's `CurrentBlock` in that block's state
 * (one Ethereum block per chain block, same number), cached by chain block hash. Blocks that carry none (genesis,
 * or blocks from before the pallet) get a deterministic empty block so every number has a hash and a header.
 */
import { type Block, createBlock } from '@ethereumjs/block';
import { createCustomCommon, Hardfork, Mainnet } from '@ethereumjs/common';
import { u8aToHex } from '@polkadot/util';
import type { BlockInfo, EthChainApi } from '../../node/chain-api.ts';
import type { StateReader } from '../../runtime/state/overlay.ts';
import { type EthBlockData, type EvmApi, normalizeBlock } from './evm-api.ts';
import { LazyStateUnsupported, readLazily } from './lazy-state.ts';

export { BASE_FEE, BLOCK_GAS_LIMIT } from '../../pallets/evm/runner.ts';
import { BASE_FEE, BLOCK_GAS_LIMIT } from '../../pallets/evm/runner.ts';

const CACHE_SIZE = 512;

/** A chain block with its Ethereum block. */
export interface EthBlockView {
  readonly sub: BlockInfo;
  /** The Ethereum block hash (`BlockHash[n]`, the hash of `data.block`). */
  readonly hash: Uint8Array;
  readonly data: EthBlockData;
}

/** Loads and caches Ethereum blocks; reads any block's state through the EVM pallets' API. */
export class EthBlockSource {
  private readonly cache = new Map<string, EthBlockView>();

  constructor(
    readonly chain: EthChainApi,
    readonly evm: EvmApi,
  ) {}

  /** The Ethereum block of chain block `sub`. */
  async load(sub: BlockInfo): Promise<EthBlockView> {
    const key = u8aToHex(sub.hash);
    const hit = this.cache.get(key);
    if (hit) return hit;
    const found = await this.read(sub, (s) => this.evm.currentBlock(s));
    const data: EthBlockData = found ? normalizeBlock(found) : { block: await this.emptyBlock(sub), receipts: [], statuses: [] };
    const view: EthBlockView = { sub, hash: data.block.hash(), data };
    this.cache.set(key, view);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    return view;
  }

  /** Evaluates a synchronous state read at `sub`: live for the best block, lazily fetched keys for older ones. */
  async read<T>(sub: BlockInfo, fn: (state: StateReader) => T): Promise<T> {
    if (equal(sub.hash, this.chain.best().hash)) return fn(this.chain.bestStateReader());
    const view = await this.chain.stateAt(sub.hash);
    if (!view) throw new Error(`state of block ${u8aToHex(sub.hash)} is not available`);
    try {
      return await readLazily(view, fn);
    } catch (e) {
      if (!(e instanceof LazyStateUnsupported)) throw e;
      return fn(await this.fullState(sub));
    }
  }

  /** The whole state of `sub` as a runtime reader (EVM execution reads too many keys to fetch them lazily). */
  async fullState(sub: BlockInfo): Promise<StateReader> {
    if (equal(sub.hash, this.chain.best().hash)) return this.chain.bestStateReader();
    const state = await this.chain.stateReaderAt(sub.hash);
    if (!state) throw new Error(`state of block ${u8aToHex(sub.hash)} is not available`);
    return state;
  }

  /** The EIP-155 chain id (genesis storage; read from the best state). */
  chainId(): bigint {
    return this.evm.chainId(this.chain.bestStateReader());
  }

  private async emptyBlock(sub: BlockInfo): Promise<Block> {
    const nowMs = await this.read(sub, (s) => this.chain.runtime.timestamp.storage.Now.get(s));
    const common = createCustomCommon({ chainId: Number(this.chainId()) }, Mainnet, { hardfork: Hardfork.Prague });
    return createBlock(
      {
        header: {
          number: BigInt(sub.number),
          stateRoot: sub.stateRoot,
          timestamp: BigInt(nowMs) / 1000n,
          gasLimit: BLOCK_GAS_LIMIT,
          baseFeePerGas: BASE_FEE,
        },
      },
      { common, setHardfork: false },
    );
  }
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
