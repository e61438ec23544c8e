/**
 * Client of a node's `/blobs` routes (see `http.ts`): uploads a file as a stream and downloads a blob into
 * a file, checking its CID locally before the file appears. Used by the CLI and, later, by off-chain workers
 * that fetch datasets and publish checkpoints.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { type BlobInfo, parseCid } from './cid.ts';
import { saveVerified } from './save-verified.ts';

/** Talks to one node's blob routes over HTTP(S). */
export class BlobClient {
  private constructor(
    /** `http://host:port` of the node. */
    readonly baseUrl: URL,
  ) {}

  /**
   * A client for the node whose RPC endpoint is `rpc`: blobs are served on the same host and port over
   * HTTP, so `ws://127.0.0.1:9944` becomes `http://127.0.0.1:9944` (and `wss:` becomes `https:`).
   */
  static fromRpcUrl(rpc: string): BlobClient {
    let url: URL;
    try {
      url = new URL(rpc);
    } catch {
      throw new Error(`invalid --rpc URL "${rpc}" (expected e.g. ws://127.0.0.1:9944)`);
    }
    const protocol = { 'ws:': 'http:', 'http:': 'http:', 'wss:': 'https:', 'https:': 'https:' }[url.protocol];
    if (protocol === undefined) throw new Error(`unsupported --rpc URL scheme "${url.protocol}" (use ws, wss, http or https)`);
    return new BlobClient(new URL(`${protocol}//${url.host}/`));
  }

  /** Uploads `file` (streamed) and returns the CID and size the node stored it under. */
  async add(file: string): Promise<BlobInfo> {
    const { size } = await stat(file);
    const body = createReadStream(file, { highWaterMark: 1024 * 1024 });
    const res = await this.request('PUT', '/blobs', body, size);
    const reply = await readJson(res);
    if (res.statusCode !== 201) throw new Error(`the node refused the upload (${res.statusCode}): ${errorText(reply)}`);
    const info = reply as BlobInfo;
    if (info.size !== size) throw new Error(`the node stored ${info.size} bytes of ${size}; the file changed during the upload?`);
    return info;
  }

  /** Downloads blob `cid` into `out`, which is written only if the content hashes to `cid`. */
  async download(cid: string, out: string): Promise<BlobInfo> {
    const wanted = parseCid(cid).toString();
    const res = await this.request('GET', `/blobs/${wanted}`);
    if (res.statusCode !== 200) throw new Error(`the node could not serve ${wanted} (${res.statusCode}): ${errorText(await readJson(res))}`);
    const length = Number(res.headers['content-length']);
    try {
      return await saveVerified(res, wanted, out, Number.isFinite(length) ? length : undefined);
    } catch (e) {
      // The node cuts a download short when it finds a damaged block after the headers went out.
      if ((e as NodeJS.ErrnoException).code === 'ECONNRESET' || (e as Error).message === 'aborted') {
        throw new Error(`download of ${wanted} was cut short by the node (its copy may be damaged; see its log); ${out} left untouched`);
      }
      throw e;
    }
  }

  private request(method: 'GET' | 'PUT', path: string, body?: Readable, length?: number): Promise<IncomingMessage> {
    const url = new URL(path, this.baseUrl);
    const mod = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const headers = body ? { 'Content-Type': 'application/octet-stream', 'Content-Length': length ?? 0 } : {};
      const req = mod.request(url, { method, headers });
      req.on('response', resolve);
      // A node that answers early (413) and closes makes the rest of the upload fail; its answer counts, not EPIPE.
      req.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code === 'ECONNREFUSED' || e.code === 'ENOTFOUND' || e.code === 'EHOSTUNREACH') {
          reject(new Error(`cannot reach the node at ${this.baseUrl.origin} (${e.message}); is it running? (--rpc)`));
        } else reject(e);
      });
      if (!body) return void req.end();
      body.on('error', (e) => {
        req.destroy();
        reject(new Error(`cannot read the upload: ${e.message}`));
      });
      body.pipe(req);
    });
  }
}

async function readJson(res: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The message of a `{ error: { message } }` reply, or the reply itself. */
function errorText(reply: unknown): string {
  const err = typeof reply === 'object' && reply !== null ? (reply as { error?: { message?: unknown } }).error : undefined;
  if (typeof err?.message === 'string') return err.message;
  return typeof reply === 'string' && reply.length > 0 ? reply.trim().slice(0, 200) : 'no details';
}
