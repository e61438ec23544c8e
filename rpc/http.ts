import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { CorsPolicy, forbidden } from './cors.ts';
import { errText, errorResponse, type RpcDispatcher, type RpcSession } from './dispatch.ts';
import { RpcError, RpcErrorCode } from './errors.ts';
import type { RpcLogger } from './types.ts';

/** A plain HTTP route served next to JSON-RPC (explorer page, blob upload). */
export interface HttpRoute {
  readonly method: 'GET' | 'HEAD' | 'PUT' | 'POST';
  readonly pathPrefix: string;
  readonly handler: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
}

/** What the HTTP side needs from the server. */
export interface HttpRpcDeps {
  readonly dispatcher: RpcDispatcher;
  readonly cors: CorsPolicy;
  readonly routes: readonly HttpRoute[];
  readonly maxRequestBytes: number;
  readonly log: RpcLogger;
  /** Stable id of the TCP socket (keep-alive requests share it). */
  connectionId(socket: Socket): number;
  /** True for sockets accepted beyond the connection limit. */
  overLimit(socket: Socket): boolean;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const DEFAULT_HEALTH = { peers: 0, isSyncing: false, shouldHavePeers: false };

/**
 * HTTP side of the server: CORS and preflight, custom routes, `GET /health`,
 * `GET /health/readiness`, and JSON-RPC over `POST` (any path no route claims).
 */
export class HttpRpcHandler {
  constructor(private readonly deps: HttpRpcDeps) {}

  /** The `request` listener; never throws. */
  handle(req: IncomingMessage, res: ServerResponse): void {
    this.route(req, res).catch((err: unknown) => {
      this.deps.log('error', 'HTTP handler failed', { url: req.url, err: errText(err) });
      if (!res.headersSent) sendJson(res, 500, errorResponse(null, RpcError.internal()));
      else res.destroy();
    });
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { cors } = this.deps;
    if (this.deps.overLimit(req.socket)) {
      res.setHeader('Connection', 'close');
      sendJson(res, 429, errorResponse(null, RpcError.serverBusy('Too many connections. Please try again later.')));
      return;
    }
    if (req.method === 'OPTIONS') return cors.preflight(req, res);
    if (!cors.allows(req)) return forbidden(res);
    cors.apply(req, res);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const route = this.findRoute(req.method, path);
    if (route) return route.handler(req, res);
    if (req.method === 'GET' && (path === '/health' || path === '/health/readiness')) return this.health(req, res, path);
    if (req.method === 'POST') return this.jsonRpc(req, res);
    res.writeHead(405, { Allow: 'POST, OPTIONS', 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Used HTTP Method is not allowed. POST or OPTIONS is required\n');
  }

  private findRoute(method: string | undefined, path: string): HttpRoute | undefined {
    let best: HttpRoute | undefined;
    for (const r of this.deps.routes) {
      if (r.method !== method || !path.startsWith(r.pathPrefix)) continue;
      if (!best || r.pathPrefix.length > best.pathPrefix.length) best = r;
    }
    return best;
  }

  private session(req: IncomingMessage): RpcSession {
    const ctx = { connectionId: this.deps.connectionId(req.socket), transport: 'http' as const, remoteAddress: req.socket.remoteAddress ?? '' };
    return { ctx, subscriptions: null };
  }

  private async health(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    let health: unknown = DEFAULT_HEALTH;
    try {
      health = await this.deps.dispatcher.call('system_health', [], this.session(req).ctx);
    } catch (err) {
      if (!(err instanceof RpcError && err.code === RpcErrorCode.METHOD_NOT_FOUND)) {
        this.deps.log('error', 'system_health failed', { err: errText(err) });
        return sendJson(res, 500, errorResponse(null, RpcError.from(err)));
      }
    }
    if (path === '/health') return sendJson(res, 200, JSON.stringify(health));
    // Readiness as Substrate defines it: not syncing and not cut off from peers it should have.
    const h = (typeof health === 'object' && health !== null ? health : {}) as Record<string, unknown>;
    const ready = h.isSyncing !== true && !(h.peers === 0 && h.shouldHavePeers === true);
    res.writeHead(ready ? 200 : 500).end();
  }

  private async jsonRpc(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const type = (req.headers['content-type'] ?? '').toLowerCase();
    if (!type.startsWith('application/json')) {
      res.writeHead(415, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Supplied content type is not allowed. Content-Type: application/json is required\n');
      return;
    }
    const max = this.deps.maxRequestBytes;
    const body = await readBody(req, max);
    if (body === 'aborted') return;
    if (body === 'too-big') return sendJson(res, 413, errorResponse(null, RpcError.requestTooBig(max)));
    const out = await this.deps.dispatcher.handle(body.toString('utf8'), this.session(req));
    if (out.body === null) res.writeHead(204).end();
    else sendJson(res, 200, out.body);
    out.settle(out.body !== null);
  }
}

function sendJson(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'Content-Type': JSON_TYPE, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/**
 * Reads a request body up to `max` bytes. Past the limit it stops buffering; Node
 * discards the rest after the response, so the keep-alive socket stays usable.
 */
function readBody(req: IncomingMessage, max: number): Promise<Buffer | 'too-big' | 'aborted'> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) return Promise.resolve('too-big');
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (v: Buffer | 'too-big' | 'aborted'): void => {
      req.off('data', onData);
      resolve(v);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > max) return done('too-big');
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => done(Buffer.concat(chunks)));
    req.once('error', () => done('aborted'));
    req.once('close', () => {
      if (!req.complete) done('aborted');
    });
  });
}
