/**
 * Bytes in and out of a node's blob store, for the trainer and the `job` command. `BlobClient` works on files,
 * so uploads go through a scratch file; downloads are verified against their CID by `BlobClient.download`
 * before the file appears, and the CID the node answers for an upload is checked against one computed here.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cidFromString, cidToString } from '../../pallets/common/cid.ts';
import { computeCid } from '../../storage/blobs/cid.ts';
import { BlobClient } from '../../storage/blobs/client.ts';

/** Uploads and downloads whole blobs as bytes. */
export class BlobBytes {
  private constructor(private readonly client: BlobClient) {}

  /** The blob store of the node serving `rpc`. */
  static fromRpcUrl(rpc: string): BlobBytes {
    return new BlobBytes(BlobClient.fromRpcUrl(rpc));
  }

  /** Stores `bytes`; returns the CID string (`bafk…`/`bafy…`). */
  async put(bytes: Uint8Array): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'trainchain-put-'));
    try {
      const file = join(dir, 'blob');
      await writeFile(file, bytes);
      const [stored, local] = await Promise.all([this.client.add(file), computeCid(bytes)]);
      // A node that stored something else would make the on-chain CID point at the wrong content.
      if (stored.cid !== local.cid) throw new Error(`the node stored the blob as ${stored.cid}, expected ${local.cid}`);
      return stored.cid;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** Fetches blob `cid` (string, or binary CID bytes as stored on chain), verified against it. */
  async get(cid: string | Uint8Array): Promise<Uint8Array> {
    const text = typeof cid === 'string' ? cid : cidToString(cid);
    const dir = await mkdtemp(join(tmpdir(), 'trainchain-get-'));
    try {
      const file = join(dir, 'blob');
      await this.client.download(text, file);
      return new Uint8Array(await readFile(file));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}

/** A blob CID string as the binary bytes the pallets store. */
export const cidBytes = (cid: string): Uint8Array => cidFromString(cid);
