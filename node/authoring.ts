/**
 * Block production modes: `interval` (a block every `--block-time` ms), `instant` (a block as soon as the pool
 * has work, `--instant-seal`) and `manual` (only when asked, through `dev_newBlock`).
 */
import type { BlockSigner } from './block-signer.ts';
import type { Chain } from './chain.ts';
import type { Logger } from './log.ts';
import type { TxPool } from './txpool.ts';

export type AuthoringMode = { kind: 'interval'; ms: number } | { kind: 'instant' } | { kind: 'manual' };

/** Most transactions the author takes from the pool per block; the block's weight limit may stop it earlier. */
const MAX_TXS_PER_BLOCK = 10_000;

export class BlockAuthor {
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private producing: Promise<unknown> = Promise.resolve();
  private pendingInstant = false;
  /** dev_timeTravel: offset added to the wall clock for the timestamp inherent. */
  private clockOffsetMs = 0;
  private stopped = false;

  constructor(
    private readonly chain: Chain,
    private readonly pool: TxPool,
    private readonly key: BlockSigner,
    private readonly mode: AuthoringMode,
    private readonly log: Logger,
  ) {}

  start(): void {
    if (this.mode.kind === 'interval') {
      const tick = () => {
        if (this.stopped) return;
        void this.produce(1)
          .catch((e) => this.log.error(`block production failed: ${(e as Error).message}`))
          .finally(() => {
            if (!this.stopped) this.timer = setTimeout(tick, this.mode.kind === 'interval' ? this.mode.ms : 0);
          });
      };
      this.timer = setTimeout(tick, this.mode.ms);
    } else if (this.mode.kind === 'instant') {
      this.unsubscribe = this.pool.onReady(() => {
        if (this.pendingInstant) return;
        this.pendingInstant = true;
        // Coalesce a burst of submissions into one block.
        setImmediate(() => {
          this.pendingInstant = false;
          void this.produce(1).catch((e) => this.log.error(`block production failed: ${(e as Error).message}`));
        });
      });
    }
  }

  /** Builds `count` blocks one after another; resolves with their hashes. `rawWrites` go into the first (dev_setStorage). */
  produce(count: number, rawWrites?: [Uint8Array, Uint8Array | null][]): Promise<Uint8Array[]> {
    const run = this.producing.then(async () => {
      const hashes: Uint8Array[] = [];
      for (let i = 0; i < count && !this.stopped; i++) {
        const txs = this.pool.ready(MAX_TXS_PER_BLOCK);
        const parentTimestamp = this.chain.runtime.timestamp.storage.Now.get(this.chain.bestState);
        // Never behind the parent: a dev chain that time-travelled, or a fast instant-seal burst, stays valid.
        const timestamp = BigInt(Math.max(Date.now() + this.clockOffsetMs, Number(parentTimestamp) + 1));
        const { block, rejected } = await this.chain.author(txs, { timestamp }, this.key, i === 0 ? rawWrites : undefined);
        this.pool.onBlockImported(block.hash, block.extrinsics, this.chain.instantFinality, rejected.map((r) => ({ hash: r.ext.hash, error: r.error })));
        hashes.push(block.hash);
      }
      return hashes;
    });
    this.producing = run.catch(() => undefined);
    return run;
  }

  timeTravel(timestampMs: number): void {
    this.clockOffsetMs = timestampMs - Date.now();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.unsubscribe?.();
    await this.producing;
  }
}
