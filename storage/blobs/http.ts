/**
 * Blob upload and download on the RPC server's port (plain HTTP next to JSON-RPC), bodies streamed both ways:
 *
 *   PUT  /blobs          body = the file; 201 `{ cid, size }`; 413 over the size limit
 *   PUT  /blobs/<cid>    the same, but stored only if the content hashes to <cid>, else 422
 *   GET  /blobs/<cid>    200 with the bytes and `content-length`; 400 bad CID, 404 unknown, 500 corrupted
 *   HEAD /blobs/<cid>    the GET headers without the body
 *
 * Errors are JSON `{ "error": { "code": "NotFound", "message": "blob … not found" } }`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { BlobStore } from './blob-store.ts';
import type { BlobInfo } from './cid.ts';
import { BlobError, type BlobErrorCode } from './errors.ts';

/** The part of `RpcServer` the blob routes need (`rpc/server.ts`). */
export interface BlobRouteServer {
  route(method: 'GET' | 'PUT' | 'POST' | 'HEAD', pathPrefix: string, handler: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>): void;
}

/** Options of {@link registerBlobRoutes}. */
export interface BlobRouteOptions {
  /** Largest upload in bytes; default (and at most) the store's own limit. */
  maxUploadBytes?: number;
  /** Where stored blobs and server-side failures are reported; default silent. */
  log?: { info(msg: string, fields?: Record<string, unknown>): void; error(msg: string, fields?: Record<string, unknown>): void };
}

const PREFIX = '/blobs';
const STATUS: Record<BlobErrorCode, number> = { InvalidCid: 400, NotFound: 404, TooLarge: 413, CidMismatch: 422, Corrupted: 500 };

/** Adds the `/blobs` routes (see the module doc) to `server`, serving `store`. */
export function registerBlobRoutes(server: BlobRouteServer, store: BlobStore, opts: BlobRouteOptions = {}): void {
  const limit = Math.min(opts.maxUploadBytes ?? store.maxBlobBytes, store.maxBlobBytes);
  const log = opts.log;

  server.route('PUT', PREFIX, async (req, res) => {
    const cid = cidOf(req);
    if (cid === null) return sendError(res, 404, 'NotFound', `no such route: PUT ${req.url ?? ''}`);
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) return sendBlobError(res, BlobError.tooLarge(limit));
    try {
      // Not `req` itself: leaving a `for await` over it early (limit hit) would destroy the socket before we answer.
      const info = await store.add(req.iterator({ destroyOnReturn: false }), { maxBytes: limit, ...(cid === '' ? {} : { expectedCid: cid }) });
      log?.info('📦 Stored blob', { cid: info.cid, size: info.size });
      sendJson(res, 201, info);
    } catch (e) {
      // A client that went away mid-upload gets no answer; the store has already dropped what it sent.
      if (req.socket.destroyed) return;
      if (e instanceof BlobError) return sendBlobError(res, e);
      log?.error('Blob upload failed', { url: req.url, err: (e as Error).message });
      sendError(res, 500, 'Internal', `upload failed: ${(e as Error).message}`);
    }
  });

  const download = (withBody: boolean) => async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const cid = cidOf(req);
    if (cid === null || cid === '') return sendError(res, 404, 'NotFound', `no such route: ${req.method} ${req.url ?? ''}`);
    let first: IteratorResult<Uint8Array>;
    let rest: AsyncIterator<Uint8Array>;
    let stat: BlobInfo;
    try {
      stat = await store.stat(cid);
      if (!withBody) return void res.writeHead(200, headers(stat)).end();
      rest = (await store.get(cid))[Symbol.asyncIterator]();
      // The first chunk is read (and verified) before the status line, so a damaged small blob is a clean 500.
      first = await rest.next();
    } catch (e) {
      if (e instanceof BlobError) return sendBlobError(res, e, withBody);
      throw e;
    }
    res.writeHead(200, headers(stat));
    async function* body(): AsyncGenerator<Uint8Array> {
      try {
        if (!first.done) yield first.value;
        for (let r = await rest.next(); !r.done; r = await rest.next()) yield r.value;
      } finally {
        // A client that leaves early stops the disk reads too.
        await rest.return?.();
      }
    }
    try {
      await pipeline(body(), res);
    } catch (e) {
      // Past the status line the only way to signal damage is to cut the connection short of content-length.
      if (e instanceof BlobError) log?.error('Blob download aborted', { cid, err: e.message });
      res.destroy();
    }
  };
  server.route('GET', `${PREFIX}/`, download(true));
  server.route('HEAD', `${PREFIX}/`, download(false));
}

/** '' for `/blobs` itself, the CID text for `/blobs/<cid>`, null for anything else (`/blobsX`, `/blobs/a/b`). */
function cidOf(req: IncomingMessage): string | null {
  const path = (req.url ?? '').split('?')[0] ?? '';
  if (path === PREFIX || path === `${PREFIX}/`) return '';
  if (!path.startsWith(`${PREFIX}/`)) return null;
  const rest = path.slice(PREFIX.length + 1);
  return rest.includes('/') ? null : rest;
}

function headers({ cid, size }: BlobInfo): Record<string, string | number> {
  return {
    'Content-Type': 'application/octet-stream',
    'Content-Length': size,
    // Content under a CID never changes.
    ETag: `"${cid}"`,
    'Cache-Control': 'public, max-age=31536000, immutable',
  };
}

function sendBlobError(res: ServerResponse, e: BlobError, withBody = true): void {
  sendError(res, STATUS[e.code], e.code, e.message, withBody);
}

function sendError(res: ServerResponse, status: number, code: string, message: string, withBody = true): void {
  if (res.headersSent || res.destroyed) return;
  // The request body may be unread (a 4 GiB upload refused at its headers): close rather than drain it.
  res.setHeader('Connection', 'close');
  sendJson(res, status, { error: { code, message } }, withBody);
}

function sendJson(res: ServerResponse, status: number, value: unknown, withBody = true): void {
  if (res.headersSent || res.destroyed) return;
  const body = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(withBody ? body : undefined);
}
