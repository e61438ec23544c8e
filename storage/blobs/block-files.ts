/**
 * The blob store's files. Every block is a file named by its CIDv1, and nothing appears under a final
 * name until it is complete (written to `staging/`, then renamed), so a crash or an aborted upload can
 * leave only staging files, which the next `open` removes once the process that wrote them is gone:
 *
 *   blocks/<xy>/<cid>     every block (raw leaf or dag-pb node); `xy` = the two characters before the
 *                         last, as kubo's flatfs `next-to-last/2` shards them
 *   roots/<cid>.json      one manifest per complete blob: `{ cid, size, blocks }` (the root→blocks index)
 *   staging/<pid>.<uuid>  blocks and manifests being written by process <pid>
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { CID } from 'multiformats/cid';
import { blockMatches } from './cid.ts';
import { BlobError } from './errors.ts';
import { StagedBlocks } from './staged-blocks.ts';

/** What `roots/<cid>.json` holds: a complete blob and every block it needs (root included). */
export interface BlobManifest {
  cid: string;
  size: number;
  blocks: string[];
}

/** Paths, atomic writes and verified reads of one blob store directory. */
export class BlockFiles {
  private readonly shards = new Set<string>();

  private constructor(
    readonly dir: string,
    /** fsync each file before it is renamed into place (slower, survives power loss). */
    readonly durable: boolean,
  ) {}

  /** Creates the layout under `dir` and clears staging left behind by processes that died. */
  static async open(dir: string, durable: boolean): Promise<BlockFiles> {
    for (const sub of ['blocks', 'roots', 'staging']) await mkdir(join(dir, sub), { recursive: true });
    // A node and `trainchain blob add --local` may share the store: never remove a live process's staging.
    for (const name of await readdir(join(dir, 'staging'))) {
      if (!isAlive(Number(name.split('.')[0]))) await rm(join(dir, 'staging', name), { recursive: true, force: true });
    }
    return new BlockFiles(dir, durable);
  }

  /** Where block `cid` (CIDv1 string) lives. */
  blockPath(cid: string): string {
    return join(this.dir, 'blocks', cid.slice(-3, -1), cid);
  }

  /** Where the manifest of blob `cid` lives. */
  manifestPath(cid: string): string {
    return join(this.dir, 'roots', `${cid}.json`);
  }

  /** A fresh staging area for one add; `commit` moves its blocks into place, `discard` drops them. */
  async stage(): Promise<StagedBlocks> {
    const dir = this.stagingPath('');
    await mkdir(dir);
    return new StagedBlocks(dir, this.durable, (cid, from) => this.moveIntoPlace(cid, from));
  }

  /** A fresh name under `staging/` that tells which process owns it. */
  private stagingPath(suffix: string): string {
    return join(this.dir, 'staging', `${process.pid}.${randomUUID()}${suffix}`);
  }

  /** Renames a finished file to its block path; renaming over an existing copy is harmless (same content). */
  private async moveIntoPlace(cid: string, from: string): Promise<void> {
    const shard = cid.slice(-3, -1);
    if (!this.shards.has(shard)) {
      await mkdir(join(this.dir, 'blocks', shard), { recursive: true });
      this.shards.add(shard);
    }
    await rename(from, this.blockPath(cid));
  }

  /**
   * Block `cid`, checked against its hash; `null` when absent. A block that does not hash to its CID
   * throws `Corrupted` naming `blob` (the blob being read), so the caller can say which blob is damaged.
   */
  async readBlock(cid: CID, blob: string): Promise<Uint8Array | null> {
    const name = cid.toString();
    let bytes: Uint8Array;
    try {
      bytes = await readFile(this.blockPath(name));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    if (!blockMatches(cid, bytes)) throw BlobError.corrupted(blob, name, `block content does not match its hash (${bytes.length} bytes on disk)`);
    return bytes;
  }

  /** Deletes block `cid`; absent is fine. */
  async removeBlock(cid: string): Promise<void> {
    await unlink(this.blockPath(cid)).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
  }

  /** The manifest of blob `cid`, or `null` when no such blob is complete. */
  async readManifest(cid: string): Promise<BlobManifest | null> {
    let text: string;
    try {
      text = await readFile(this.manifestPath(cid), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    try {
      return JSON.parse(text) as BlobManifest;
    } catch {
      throw BlobError.corrupted(cid, cid, `manifest ${this.manifestPath(cid)} is not valid JSON`);
    }
  }

  /** Writes a manifest atomically (temp file, fsync when durable, rename): the blob exists from here on. */
  async writeManifest(m: BlobManifest): Promise<void> {
    const tmp = this.stagingPath('.json');
    const fh = await open(tmp, 'w');
    try {
      await fh.writeFile(JSON.stringify(m));
      if (this.durable) await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, this.manifestPath(m.cid));
  }

  /** Removes a manifest; the blob stops existing even if some of its blocks remain. */
  async removeManifest(cid: string): Promise<void> {
    await unlink(this.manifestPath(cid));
  }

  /** CIDs of every complete blob. */
  async roots(): Promise<string[]> {
    const names = await readdir(join(this.dir, 'roots'));
    return names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -'.json'.length));
  }
}

/** True while process `pid` runs (a `NaN` pid, from a name we did not write, counts as dead). */
function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
