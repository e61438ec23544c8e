import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';

/**
 * CORS setting: `'all'` allows any origin; a list allows those origins (an entry may
 * end in `:*` to allow any port, e.g. `http://localhost:*`); `'none'` allows no
 * cross-origin browser request. Requests without an `Origin` header (curl, Node
 * clients) and same-origin requests to an IP/localhost Host are always allowed.
 */
export type CorsSetting = 'all' | string[] | 'none';

/** Origin policy shared by the HTTP handler and the WebSocket upgrade. */
export class CorsPolicy {
  private readonly exact = new Set<string>();
  private readonly anyPort: string[] = [];

  constructor(private readonly setting: CorsSetting) {
    if (Array.isArray(setting)) {
      for (const o of setting) {
        const origin = o.trim().toLowerCase();
        if (origin.endsWith(':*')) this.anyPort.push(origin.slice(0, -2));
        else this.exact.add(origin.replace(/\/$/, ''));
      }
    }
  }

  /** Whether a request with these headers may proceed. */
  allows(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (origin === undefined || this.setting === 'all') return true;
    if (sameOrigin(origin, req.headers.host)) return true;
    if (this.setting === 'none') return false;
    const o = origin.toLowerCase();
    if (this.exact.has(o)) return true;
    return this.anyPort.some((prefix) => o === prefix || (o.startsWith(`${prefix}:`) && /^\d{1,5}$/.test(o.slice(prefix.length + 1))));
  }

  /** Sets Access-Control-Allow-Origin (and Vary) on a response to an allowed request. */
  apply(req: IncomingMessage, res: ServerResponse): void {
    const origin = req.headers.origin;
    if (origin === undefined) return;
    if (this.setting === 'all') {
      res.setHeader('Access-Control-Allow-Origin', '*');
      return;
    }
    res.setHeader('Vary', 'Origin');
    if (this.allows(req)) res.setHeader('Access-Control-Allow-Origin', origin);
  }

  /** Answers an OPTIONS preflight (403 for an origin that is not allowed). */
  preflight(req: IncomingMessage, res: ServerResponse): void {
    if (!this.allows(req)) {
      forbidden(res);
      return;
    }
    this.apply(req, res);
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, OPTIONS');
    const requested = req.headers['access-control-request-headers'];
    // Echoing requested header names is safe once the origin passed the check.
    const headers = typeof requested === 'string' && /^[\w\-, ]{1,512}$/.test(requested) ? requested : 'content-type';
    res.setHeader('Access-Control-Allow-Headers', headers);
    res.setHeader('Access-Control-Max-Age', '86400');
    res.writeHead(204).end();
  }
}

/** 403 for a disallowed origin (same wording as Substrate's old HTTP server). */
export function forbidden(res: ServerResponse): void {
  res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
  res.end('Origin of the request is not allowed. Check --rpc-cors.\n');
}

/**
 * Same-origin (a page served by this node) counts only when the Host is an IP literal
 * or localhost: a DNS name could be rebound to us by a hostile page.
 */
function sameOrigin(origin: string, host: string | undefined): boolean {
  if (!host) return false;
  try {
    const url = new URL(origin);
    const name = url.hostname.replace(/^\[|\]$/g, '');
    const literal = name === 'localhost' || isIP(name) !== 0;
    return literal && url.host === host.toLowerCase();
  } catch {
    return false;
  }
}
