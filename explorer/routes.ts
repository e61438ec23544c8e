/**
 * The block explorer on the RPC port: `GET /` (and `/explorer`) serves the page, `GET /explorer/api/…` its JSON:
 * `head`, `block/<number|hash>`, `account/<ss58|hex>`, `storage` (the index) and `storage/<Pallet>/<Item>`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ChainApi } from '../node/chain-api.ts';
import { EXPLORER_PAGE } from './page.ts';
import { ExplorerNotFound, explorerQueries } from './queries.ts';

/** The part of the RPC server the explorer needs (its plain-HTTP routes). */
export interface ExplorerRouteServer {
  route(method: string, pathPrefix: string, handler: (req: IncomingMessage, res: ServerResponse) => Promise<void> | void): void;
}

const API = '/explorer/api/';

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** Registers the page and its API on `server`, reading from `chain`. */
export function registerExplorerRoutes(server: ExplorerRouteServer, chain: ChainApi): void {
  const q = explorerQueries(chain);
  const page = (_req: IncomingMessage, res: ServerResponse) => send(res, 200, 'text/html; charset=utf-8', EXPLORER_PAGE);
  server.route('GET', '/explorer', page);

  server.route('GET', API, async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://explorer');
    const parts = url.pathname.slice(API.length).split('/').filter(Boolean).map(decodeURIComponent);
    try {
      const [what, a, b] = parts;
      let body: unknown;
      if (what === 'head' && a === undefined) body = await q.head(Math.min(Number(url.searchParams.get('count') ?? 20) || 20, 100));
      else if (what === 'block' && a !== undefined) body = await q.block(a);
      else if (what === 'account' && a !== undefined) body = await q.account(a);
      else if (what === 'storage' && a === undefined) body = q.storageIndex();
      else if (what === 'storage' && a !== undefined && b !== undefined) body = await q.storage(a, b, Number(url.searchParams.get('limit') ?? 50) || 50);
      else throw new ExplorerNotFound(`no explorer API ${url.pathname}`);
      send(res, 200, 'application/json', JSON.stringify(body));
    } catch (e) {
      const notFound = e instanceof ExplorerNotFound;
      send(res, notFound ? 404 : 500, 'application/json', JSON.stringify({ error: notFound ? 'NotFound' : 'Internal', message: (e as Error).message }));
    }
  });
}
