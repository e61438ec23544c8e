import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { CorsPolicy } from './cors.ts';
import { WsConnection, type WsConnectionDeps } from './ws-connection.ts';

/** What the WebSocket side needs from the server. */
export interface WsEndpointDeps extends WsConnectionDeps {
  readonly cors: CorsPolicy;
  readonly pingIntervalMs: number;
  connectionId(socket: Duplex): number;
  overLimit(socket: Duplex): boolean;
}

/** Writes a plain HTTP error in place of the 101 and closes the socket. */
function rejectUpgrade(socket: Duplex, status: number, reason: string, body: string): void {
  socket.on('error', () => {});
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/**
 * WebSocket side of the server: accepts upgrades on any path (after the Origin and
 * connection-limit checks), tracks connections and runs the ping/pong keepalive.
 */
export class WsRpcEndpoint {
  private readonly wss: WebSocketServer;
  private readonly conns = new Set<WsConnection>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly deps: WsEndpointDeps) {
    // The frame cap is above the request limit so a somewhat-too-big request gets a
    // JSON-RPC error and keeps its connection; beyond the cap ws closes with 1009.
    const hardCap = deps.maxRequestBytes + Math.min(deps.maxRequestBytes, 1024 * 1024);
    this.wss = new WebSocketServer({ noServer: true, maxPayload: hardCap, perMessageDeflate: false, clientTracking: false });
    this.timer = setInterval(() => this.keepalive(), deps.pingIntervalMs);
    this.timer.unref();
  }

  /** Open WebSocket connections. */
  get size(): number {
    return this.conns.size;
  }

  /** The server's `upgrade` listener. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (this.deps.overLimit(socket)) {
      return rejectUpgrade(socket, 429, 'Too Many Requests', 'Too many connections. Please try again later.\n');
    }
    if (!this.deps.cors.allows(req)) {
      this.deps.log('info', 'WebSocket rejected: origin not allowed', { origin: req.headers.origin });
      return rejectUpgrade(socket, 403, 'Forbidden', 'Origin of the request is not allowed. Check --rpc-cors.\n');
    }
    const ctx = {
      connectionId: this.deps.connectionId(socket),
      transport: 'ws' as const,
      remoteAddress: req.socket.remoteAddress ?? '',
    };
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const conn = new WsConnection(ws, ctx, this.deps, (c) => this.conns.delete(c));
      this.conns.add(conn);
    });
  }

  /** Closes every connection (1001), terminating those that do not finish the handshake in time. */
  async closeAll(graceMs = 1000): Promise<void> {
    clearInterval(this.timer);
    const pending = [...this.conns].map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.ws.readyState === c.ws.CLOSED) return resolve();
          const t = setTimeout(() => c.ws.terminate(), graceMs);
          c.ws.once('close', () => {
            clearTimeout(t);
            resolve();
          });
          c.ws.close(1001, 'server shutting down');
        }),
    );
    await Promise.all(pending);
    this.wss.close();
  }

  private keepalive(): void {
    for (const c of this.conns) {
      if (!c.alive) {
        this.deps.log('info', 'WebSocket client stopped answering pings', { connectionId: c.ctx.connectionId });
        c.ws.terminate();
        continue;
      }
      c.alive = false;
      c.ws.ping();
    }
  }
}
