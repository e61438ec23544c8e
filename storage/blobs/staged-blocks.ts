/**
 * The blocks of one add in progress. The importer `put`s each block here (a file in a private staging
 * folder); only when the whole blob has been read and its CID is known does `commit` rename them into
 * the store. An add that fails (too large, client gone, wrong CID) calls `discard` and leaves no trace.
 */
import { open, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { WritableStorage } from 'ipfs-unixfs-importer';
import type { CID } from 'multiformats/cid';

/** Renames are cheap but not free; this many at once keeps a 4 GiB commit (16k blocks) quick without flooding the fd table. */
const COMMIT_CONCURRENCY = 32;

/** A staging folder the importer writes into; see the module doc. */
export class StagedBlocks implements WritableStorage {
  /** Every block written, in the order the importer produced them, with its pending write. */
  private readonly writes = new Map<string, Promise<void>>();

  constructor(
    private readonly dir: string,
    private readonly durable: boolean,
    private readonly moveIntoPlace: (cid: string, from: string) => Promise<void>,
  ) {}

  /** Called by the importer for every block it produces. */
  async put(cid: CID, block: Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>): Promise<CID> {
    if (!(block instanceof Uint8Array)) throw new TypeError('the importer passed a block that is not a Uint8Array');
    const name = cid.toV1().toString();
    // A blob with repeated chunks (zeros, padding) yields the same leaf many times: write it once.
    let write = this.writes.get(name);
    if (write === undefined) {
      write = this.writeFile(join(this.dir, name), block);
      this.writes.set(name, write);
    }
    await write;
    return cid;
  }

  /** Distinct blocks staged so far. */
  get cids(): string[] {
    return [...this.writes.keys()];
  }

  /** Moves every staged block into the store; then the staging folder is removed. */
  async commit(): Promise<void> {
    await Promise.all(this.writes.values());
    const queue = this.cids;
    const worker = async (): Promise<void> => {
      for (let cid = queue.pop(); cid !== undefined; cid = queue.pop()) await this.moveIntoPlace(cid, join(this.dir, cid));
    };
    await Promise.all(Array.from({ length: Math.min(COMMIT_CONCURRENCY, queue.length) }, worker));
    await this.discard();
  }

  /** Drops everything staged. Waits for writes still in flight, so none lands after the folder is gone. */
  async discard(): Promise<void> {
    await Promise.allSettled(this.writes.values());
    await rm(this.dir, { recursive: true, force: true });
  }

  private async writeFile(path: string, block: Uint8Array): Promise<void> {
    if (!this.durable) return writeFile(path, block);
    const fh = await open(path, 'w');
    try {
      await fh.writeFile(block);
      await fh.sync();
    } finally {
      await fh.close();
    }
  }
}
