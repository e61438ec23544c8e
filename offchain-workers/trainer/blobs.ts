/**
 * Bytes in and out of a node's blob store, for the trainer and the chain commands. Uploads go from memory in
 * one HTTP `PUT /blobs` (checkpoints are written every k steps, so no scratch file), and the CID the node
 * answers is checked against one computed here; downloads are verified against their CID by
 * `BlobClient.download` before the file appears.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
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

  /** Stores `bytes`; resolves with the CID string (`bafk…`/`bafy…`) once the node has them. */
  async put(bytes: Uint8Array): Promise<string> {
    const [stored, local] = await Promise.all([this.upload(bytes), computeCid(bytes)]);
    // A node that stored something else would make the on-chain CID point at the wrong content.
    if (stored !== local.cid) throw new Error(`the node stored the blob as ${stored}, expected ${local.cid}`);
    return stored;
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

  /** `PUT /blobs` with the bytes as the body; the node's CID. */
  private upload(bytes: Uint8Array): Promise<string> {
    const url = new URL('/blobs', this.client.baseUrl);
    const mod = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = mod.request(url, { method: 'PUT', headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': bytes.length } });
      req.on('error', (e: NodeJS.ErrnoException) => reject(new Error(`cannot upload to the node at ${url.origin} (${e.code ?? e.message}); is it running? (--rpc)`)));
      req.on('response', (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let reply: { cid?: string; size?: number; error?: { message?: string } } = {};
          try {
            reply = JSON.parse(text) as typeof reply;
          } catch {
            // Not JSON: reported with the status below.
          }
          if (res.statusCode !== 201 || typeof reply.cid !== 'string') return reject(new Error(`the node refused the upload (${res.statusCode}): ${reply.error?.message ?? text.slice(0, 200)}`));
          if (reply.size !== bytes.length) return reject(new Error(`the node stored ${reply.size} bytes of ${bytes.length}`));
          resolve(reply.cid);
        });
      });
      req.end(bytes);
    });
  }
}

/** A blob CID string as the binary bytes the pallets store. */
export const cidBytes = (cid: string): Uint8Array => cidFromString(cid);
