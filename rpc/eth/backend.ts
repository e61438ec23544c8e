/**
 * The Ethereum view of the node: block tags → chain blocks, Ethereum hashes → blocks and transactions (through the
 * Ethereum index, with a scan of recent blocks while the index catches up), and state reads at any block.
 */
import { u8aToHex } from '@polkadot/util';
import type { BlockInfo, EthChainApi } from '../../node/chain-api.ts';
import type { StateReader } from '../../runtime/state/overlay.ts';
import { RpcError } from '../errors.ts';
import { EthBlockSource, type EthBlockView } from './block-source.ts';
import type { EvmApi } from './evm-api.ts';
import type { BlockTag } from './params.ts';
import { PendingPool } from './pending-pool.ts';

/** Lookups of the node's Ethereum index (`node/eth-index.ts`). */
export interface EthIndexReader {
  blockNumber(ethHash: Uint8Array): Promise<number | undefined>;
  txLocation(txHash: Uint8Array): Promise<{ number: number; index: number } | undefined>;
}

/** Recent blocks searched when the index does not (yet) know a hash. */
const RECENT_SCAN = 16;

/** Block resolution and state access for the `eth_*` handlers. */
export class EthBackend {
  readonly source: EthBlockSource;
  readonly pending: PendingPool;

  constructor(
    readonly chain: EthChainApi,
    readonly evm: EvmApi,
    readonly index: EthIndexReader,
  ) {
    this.source = new EthBlockSource(chain, evm);
    this.pending = new PendingPool(chain, evm);
  }

  /** The chain block a tag names, or undefined when there is none. `pending` is the best block (no pending block). */
  async resolve(tag: BlockTag): Promise<BlockInfo | undefined> {
    if (tag.kind === 'tag') {
      if (tag.tag === 'latest' || tag.tag === 'pending') return this.chain.best();
      if (tag.tag === 'safe' || tag.tag === 'finalized') return this.chain.finalized();
      return this.byNumber(0);
    }
    if (tag.kind === 'number') return tag.number > this.chain.best().number ? undefined : this.byNumber(tag.number);
    return (await this.byEthHash(tag.hash))?.sub;
  }

  /** Like `resolve`, for state methods: an unknown block is geth's `-32000 header not found`. */
  async resolveOrThrow(tag: BlockTag): Promise<BlockInfo> {
    const block = await this.resolve(tag);
    if (!block) throw new RpcError(-32000, 'header not found');
    return block;
  }

  /** The Ethereum block a tag names. */
  async view(tag: BlockTag): Promise<EthBlockView | undefined> {
    const sub = await this.resolve(tag);
    return sub && this.source.load(sub);
  }

  /** The canonical chain block at `number`. */
  async byNumber(number: number): Promise<BlockInfo | undefined> {
    const hash = await this.chain.hashAt(number);
    return hash && this.chain.blockByHash(hash);
  }

  /** The canonical block whose Ethereum hash is `hash`. */
  async byEthHash(hash: Uint8Array): Promise<EthBlockView | undefined> {
    const number = await this.index.blockNumber(hash);
    const candidates = number === undefined ? this.recentNumbers() : [number];
    for (const n of candidates) {
      const sub = await this.byNumber(n);
      if (!sub) continue;
      const view = await this.source.load(sub);
      if (u8aToHex(view.hash) === u8aToHex(hash)) return view;
    }
    return undefined;
  }

  /** The block and position of a mined transaction. */
  async findTransaction(hash: Uint8Array): Promise<{ view: EthBlockView; index: number } | undefined> {
    const loc = await this.index.txLocation(hash);
    const candidates = loc === undefined ? this.recentNumbers() : [loc.number];
    const want = u8aToHex(hash);
    for (const n of candidates) {
      const sub = await this.byNumber(n);
      if (!sub) continue;
      const view = await this.source.load(sub);
      const index = view.data.statuses.findIndex((s) => u8aToHex(s.transactionHash) === want);
      if (index >= 0) return { view, index };
      const byTx = view.data.block.transactions.findIndex((t) => u8aToHex(t.hash()) === want);
      if (byTx >= 0) return { view, index: byTx };
    }
    return undefined;
  }

  /** A synchronous state read at `block` (see `EthBlockSource.read`). */
  read<T>(block: BlockInfo, fn: (state: StateReader) => T): Promise<T> {
    return this.source.read(block, fn);
  }

  /** The EIP-155 chain id. */
  chainId(): bigint {
    return this.source.chainId();
  }

  private recentNumbers(): number[] {
    const best = this.chain.best().number;
    const out: number[] = [];
    for (let n = best; n >= 0 && n > best - RECENT_SCAN; n--) out.push(n);
    return out;
  }
}
