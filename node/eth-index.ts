/**
 * The Ethereum index (Frontier's `fc-db` mapping columns, in our ChainDb bucket `0x07`): Ethereum block hash →
 * number and transaction hash → (number, index), written for every new best block and caught up at startup for
 * blocks committed while the node was down, so `eth_getBlockByHash`, `eth_getTransactionByHash` and receipts find
 * old blocks after restarts.
 */
import { Bucket } from '../storage/buckets.ts';
import type { ChainDb } from '../storage/chain-db.ts';
import type { BlockInfo, ChainApi } from './chain-api.ts';
import type { Logger } from './log.ts';

/** The Ethereum hashes of one chain block. */
export interface EthBlockHashes {
  hash: Uint8Array;
  txHashes: Uint8Array[];
}

const BLOCK = 0x00;
const TX = 0x01;
const HIGHEST = Uint8Array.of(0xff);

const u32 = (n: number): Uint8Array => {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n);
  return out;
};
const readU32 = (b: Uint8Array, at = 0): number => new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(at);
const key = (sub: number, hash: Uint8Array): Uint8Array => {
  const out = new Uint8Array(33);
  out[0] = sub;
  out.set(hash, 1);
  return out;
};

/** Reads and maintains the index. */
export class EthIndex {
  private queue: Promise<unknown> = Promise.resolve();
  private off: (() => void) | undefined;
  private stopped = false;

  constructor(
    private readonly db: ChainDb,
    private readonly log: Logger,
  ) {}

  /** The number of the canonical block whose Ethereum hash is `hash`, if indexed. */
  async blockNumber(hash: Uint8Array): Promise<number | undefined> {
    const v = await this.db.getIndexEntry(Bucket.EthIndex, key(BLOCK, hash));
    return v && readU32(v);
  }

  /** Block number and index of a mined transaction, if indexed. */
  async txLocation(hash: Uint8Array): Promise<{ number: number; index: number } | undefined> {
    const v = await this.db.getIndexEntry(Bucket.EthIndex, key(TX, hash));
    return v && { number: readU32(v), index: readU32(v, 4) };
  }

  /**
   * Indexes every canonical block above the highest indexed one, then each new best block as it comes.
   * `load` gives a chain block's Ethereum hashes.
   */
  async start(chain: Pick<ChainApi, 'on' | 'best' | 'hashAt' | 'blockByHash'>, load: (sub: BlockInfo) => Promise<EthBlockHashes>): Promise<void> {
    this.off = chain.on((ev) => {
      if (ev.type === 'newBlock' && ev.best) this.enqueue(() => this.index(ev.block, load));
    });
    const stored = await this.db.getIndexEntry(Bucket.EthIndex, HIGHEST);
    const from = stored ? readU32(stored) + 1 : 0;
    const best = chain.best().number;
    if (from > best) return;
    if (best - from > 100) this.log.info(`🗂  Indexing Ethereum blocks #${from}…#${best}`);
    this.enqueue(async () => {
      for (let n = from; n <= best && !this.stopped; n++) {
        const hash = await chain.hashAt(n);
        const sub = hash && (await chain.blockByHash(hash));
        if (sub) await this.index(sub, load);
      }
    });
  }

  /** Resolves when every queued write is done. */
  async flush(): Promise<void> {
    await this.queue;
  }

  /** Stops following the chain and waits for pending writes. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.off?.();
    await this.queue;
  }

  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue.then(task).catch((e: unknown) => this.log.warn(`Ethereum index: ${(e as Error).message}`));
  }

  private async index(sub: BlockInfo, load: (sub: BlockInfo) => Promise<EthBlockHashes>): Promise<void> {
    if (this.stopped) return;
    const { hash, txHashes } = await load(sub);
    const entries: [Uint8Array, Uint8Array][] = [[key(BLOCK, hash), u32(sub.number)]];
    txHashes.forEach((tx, i) => {
      const loc = new Uint8Array(8);
      loc.set(u32(sub.number));
      loc.set(u32(i), 4);
      entries.push([key(TX, tx), loc]);
    });
    entries.push([HIGHEST, u32(sub.number)]);
    await this.db.putIndexEntries(Bucket.EthIndex, entries);
  }
}
