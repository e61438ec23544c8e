/**
 * Content-addressed blob store for datasets, models and checkpoints (ARCHITECTURE decision 9): blobs are
 * kept as the UnixFS blocks `ipfs add --cid-version 1 --raw-leaves` would produce, one file per block
 * under `<base>/chains/<id>/blobs`, and read back with every block's hash checked.
 *
 * @example
 * const store = await BlobStore.open(join(basePath, 'chains', spec.id, 'blobs'));
 * const { cid } = await store.add(createReadStream('model.onnx'));
 * for await (const chunk of await store.get(cid)) process.stdout.write(chunk);
 */
import { Readable } from 'node:stream';
import type { CID } from 'multiformats/cid';
import { BlockFiles, type BlobManifest } from './block-files.ts';
import { type BlobInfo, type ByteSource, importBlob, parseCid } from './cid.ts';
import { readDag } from './dag-reader.ts';
import { BlobError } from './errors.ts';

/** Options of {@link BlobStore.open}. */
export interface BlobStoreOptions {
  /** Largest blob accepted by `add`, in bytes; default 4 GiB. */
  maxBlobBytes?: number;
  /** fsync every block and manifest before it is renamed into place; default true. */
  durable?: boolean;
}

/** What {@link BlobStore.stat} reports. */
export interface BlobStat extends BlobInfo {
  /** Distinct blocks the blob is made of (leaves and dag-pb nodes). */
  blocks: number;
}

/** Options of {@link BlobStore.add}. */
export interface AddOptions {
  /** Store only if the content hashes to this CID; otherwise throw `CidMismatch` and store nothing. */
  expectedCid?: string;
  /** A lower limit than the store's for this add (an HTTP upload limit); the store's limit still applies. */
  maxBytes?: number;
}

/** Default per-blob limit: 4 GiB. */
export const DEFAULT_MAX_BLOB_BYTES = 4 * 1024 ** 3;

/** The blob store; see the module doc. Safe for concurrent use within one process. */
export class BlobStore {
  /** Commits and deletes run one at a time, so a delete can never remove a block an add has just relied on. */
  private lock: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly files: BlockFiles,
    /** Largest blob `add` accepts, in bytes. */
    readonly maxBlobBytes: number,
  ) {}

  /** Opens (creating if needed) the store in `dir`, normally `<base>/chains/<chain-id>/blobs`. */
  static async open(dir: string, opts: BlobStoreOptions = {}): Promise<BlobStore> {
    return new BlobStore(await BlockFiles.open(dir, opts.durable ?? true), opts.maxBlobBytes ?? DEFAULT_MAX_BLOB_BYTES);
  }

  /** The directory the store lives in. */
  get dir(): string {
    return this.files.dir;
  }

  /**
   * Adds a blob from bytes or a stream, with memory bounded by a few chunks whatever its size. The blob
   * becomes visible only once complete; on any failure (`TooLarge`, `CidMismatch`, a source error such as
   * an aborted upload) nothing of it is left on disk.
   */
  async add(source: ByteSource, opts: AddOptions = {}): Promise<BlobInfo> {
    const expected = opts.expectedCid === undefined ? undefined : parseCid(opts.expectedCid).toString();
    const staged = await this.files.stage();
    try {
      const info = await importBlob(source, staged, { maxBytes: Math.min(opts.maxBytes ?? Infinity, this.maxBlobBytes) });
      if (expected !== undefined && info.cid !== expected) throw BlobError.mismatch(expected, info.cid);
      await this.exclusive(async () => {
        const blocks = staged.cids;
        await staged.commit();
        await this.files.writeManifest({ cid: info.cid, size: info.size, blocks });
      });
      return info;
    } catch (e) {
      await staged.discard();
      throw e;
    }
  }

  /**
   * The content of blob `cid` as a stream that checks every block as it reads and fails with `Corrupted`
   * on damage. Throws `InvalidCid` or `NotFound` up front, and `Corrupted` up front when the root block is bad.
   */
  async get(cid: string): Promise<Readable> {
    const { root, manifest } = await this.manifest(cid);
    // Read and check the root now, so a damaged blob fails before the caller commits to a response.
    if ((await this.files.readBlock(root, manifest.cid)) === null) throw BlobError.corrupted(manifest.cid, manifest.cid, 'root block is missing from the store');
    return Readable.from(readDag(this.files, root, manifest.size), { objectMode: false, highWaterMark: 1 });
  }

  /** True when blob `cid` is stored complete. Throws `InvalidCid` for text that is not a CID. */
  async has(cid: string): Promise<boolean> {
    return (await this.files.readManifest(parseCid(cid).toString())) !== null;
  }

  /** Size and block count of blob `cid`; throws `NotFound` when absent. */
  async stat(cid: string): Promise<BlobStat> {
    const { manifest } = await this.manifest(cid);
    return { cid: manifest.cid, size: manifest.size, blocks: manifest.blocks.length };
  }

  /** CIDs of every stored blob. */
  async list(): Promise<string[]> {
    return this.files.roots();
  }

  /**
   * One block by CID, hash-checked: what other nodes will fetch block by block (libp2p exchange, later).
   * Throws `NotFound` when absent and `Corrupted` when it fails its hash.
   */
  async getBlock(cid: string): Promise<Uint8Array> {
    const parsed = parseCid(cid);
    const bytes = await this.files.readBlock(parsed, parsed.toString());
    if (bytes === null) throw BlobError.notFound(parsed.toString());
    return bytes;
  }

  /**
   * Deletes blob `cid` and those of its blocks no other blob uses; false when it was not stored. The
   * manifest goes first, so a crash midway leaves unused blocks, never a blob with blocks missing.
   */
  async delete(cid: string): Promise<boolean> {
    const name = parseCid(cid).toString();
    return this.exclusive(async () => {
      const manifest = await this.files.readManifest(name);
      if (manifest === null) return false;
      await this.files.removeManifest(name);
      const unused = new Set(manifest.blocks);
      for (const other of await this.files.roots()) {
        for (const block of (await this.files.readManifest(other))?.blocks ?? []) unused.delete(block);
      }
      for (const block of unused) await this.files.removeBlock(block);
      return true;
    });
  }

  private async manifest(cid: string): Promise<{ root: CID; manifest: BlobManifest }> {
    const root = parseCid(cid);
    const manifest = await this.files.readManifest(root.toString());
    if (manifest === null) throw BlobError.notFound(root.toString());
    return { root, manifest };
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(fn);
    this.lock = run.catch(() => undefined);
    return run;
  }
}
