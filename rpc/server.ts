import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { CorsPolicy, type CorsSetting } from './cors.ts';
import { RpcDispatcher } from './dispatch.ts';
import { HttpRpcHandler, type HttpRoute } from './http.ts';
import { MethodRegistry } from './methods.ts';
import type { RpcLogger, RpcMethodTable, SubscriptionIdFormat } from './types.ts';
import { WsRpcEndpoint } from './ws.ts';

const MiB = 1024 * 1024;

/** Options of {@link RpcServer.start}; the defaults follow Substrate's RPC server. */
export interface RpcServerOptions {
  /** TCP port; 0 picks a free one (read it back from `server.port`). */
  port: number;
  /** Bind address; default 127.0.0.1 (use '0.0.0.0' for --rpc-external). */
  host?: string;
  methods: RpcMethodTable;
  /** When false, methods marked unsafe answer -32601 and are absent from rpc_methods. */
  exposeUnsafe: boolean;
  /** Access-Control-Allow-Origin for HTTP and the Origin check of WebSocket upgrades (403 when refused). */
  cors: CorsSetting;
  /** Largest request frame/body; default 15 MiB. */
  maxRequestBytes?: number;
  /** Largest response (and notification); default 15 MiB. */
  maxResponseBytes?: number;
  /** Open TCP connections, WebSocket and HTTP keep-alive together; default 100. */
  maxConnections?: number;
  /** Default 1024. */
  maxSubscriptionsPerConnection?: number;
  /** Entries of one batch request; default 1000. */
  maxBatchSize?: number;
  /** Subscription id format unless a method sets its own; default 'string' (Substrate style). */
  idFormat?: SubscriptionIdFormat;
  /** Bytes queued for one slow WebSocket client before it is dropped; default max(64 MiB, 2 × maxResponseBytes). */
  maxBufferedBytes?: number;
  /** Concurrent requests per WebSocket before reading pauses; default 256. */
  maxInFlightPerConnection?: number;
  /** Keepalive ping period; a client that misses one pong is dropped. Default 30 s. */
  pingIntervalMs?: number;
  /** Default: warnings and errors to stderr. */
  logger?: RpcLogger;
}

const stderrLogger: RpcLogger = (level, msg, fields) => {
  if (level !== 'info') console.error(`[rpc] ${level}: ${msg}`, fields ?? '');
};

function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      const where = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
      if (err.code === 'EADDRINUSE') {
        reject(new Error(`Address already in use: ${where}; is another node running? use --rpc-port`, { cause: err }));
      } else if (err.code === 'EACCES') {
        reject(new Error(`Permission denied binding the RPC server to ${where}; use a port above 1023`, { cause: err }));
      } else {
        reject(new Error(`Cannot start the RPC server on ${where}: ${err.message}`, { cause: err }));
      }
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/**
 * JSON-RPC 2.0 server for WebSocket and HTTP on one port, behaving like Substrate's
 * (jsonrpsee) server so @polkadot/api, Polkadot.js Apps, ethers and viem work with it.
 */
export class RpcServer {
  /** The bound port (the real one when started with port 0). */
  readonly port: number;
  private closing: Promise<void> | null = null;

  private constructor(
    private readonly server: http.Server,
    private readonly ws: WsRpcEndpoint,
    private readonly counter: ConnectionCounter,
    /** Shared with the HTTP handler, so routes added after start are served. */
    private readonly routes: HttpRoute[],
  ) {
    this.port = (server.address() as AddressInfo).port;
  }

  /** Binds and starts serving; rejects with a readable error if the address is taken. */
  static async start(opts: RpcServerOptions): Promise<RpcServer> {
    if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) throw new Error(`Invalid RPC port: ${opts.port}`);
    const log = opts.logger ?? stderrLogger;
    const maxRequestBytes = opts.maxRequestBytes ?? 15 * MiB;
    const maxResponseBytes = opts.maxResponseBytes ?? 15 * MiB;
    const registry = new MethodRegistry(opts.methods, opts.exposeUnsafe, log);
    const dispatcher = new RpcDispatcher(registry, maxResponseBytes, opts.maxBatchSize ?? 1000, log);
    const cors = new CorsPolicy(opts.cors);
    const counter = new ConnectionCounter(opts.maxConnections ?? 100);
    const ws = new WsRpcEndpoint({
      dispatcher,
      cors,
      log,
      maxRequestBytes,
      maxResponseBytes,
      maxBufferedBytes: opts.maxBufferedBytes ?? Math.max(64 * MiB, 2 * maxResponseBytes),
      maxSubscriptions: opts.maxSubscriptionsPerConnection ?? 1024,
      maxInFlight: opts.maxInFlightPerConnection ?? 256,
      idFormat: opts.idFormat ?? 'string',
      pingIntervalMs: opts.pingIntervalMs ?? 30_000,
      connectionId: (s) => counter.id(s),
      overLimit: (s) => counter.overLimit(s),
    });
    const server = http.createServer();
    const routes: HttpRoute[] = [];
    const httpHandler = new HttpRpcHandler({
      dispatcher,
      cors,
      routes,
      maxRequestBytes,
      log,
      connectionId: (s) => counter.id(s),
      overLimit: (s) => counter.overLimit(s),
    });
    server.on('connection', (socket) => counter.accept(socket));
    server.on('request', (req, res) => httpHandler.handle(req, res));
    server.on('upgrade', (req, socket, head) => ws.upgrade(req, socket, head));
    try {
      await listen(server, opts.port, opts.host ?? '127.0.0.1');
    } catch (err) {
      await ws.closeAll();
      throw err;
    }
    const rpc = new RpcServer(server, ws, counter, routes);
    log('info', 'RPC server listening', { host: opts.host ?? '127.0.0.1', port: rpc.port });
    return rpc;
  }

  /** Extra plain HTTP route on the same port, matched by method and longest path prefix; bodies are streamed. */
  route(
    method: 'GET' | 'HEAD' | 'PUT' | 'POST',
    pathPrefix: string,
    handler: (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>,
  ): void {
    this.routes.push({ method, pathPrefix, handler });
  }

  /** Open connections (WebSocket plus HTTP keep-alive sockets). */
  connections(): number {
    return this.counter.open;
  }

  /** Stops listening, closes every connection (running all subscription cleanups) and resolves when done. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
      await this.ws.closeAll();
      this.server.closeAllConnections();
      await closed;
    })();
    return this.closing;
  }
}

/** Counts open sockets, gives each a stable id and marks those over the limit. */
class ConnectionCounter {
  open = 0;
  private nextId = 0;
  private readonly ids = new WeakMap<Duplex, number>();
  private readonly rejected = new WeakSet<Duplex>();

  constructor(private readonly max: number) {}

  accept(socket: Duplex): void {
    this.ids.set(socket, ++this.nextId);
    if (this.open >= this.max) {
      this.rejected.add(socket);
      return;
    }
    this.open++;
    socket.once('close', () => this.open--);
  }

  id(socket: Duplex): number {
    return this.ids.get(socket) ?? 0;
  }

  overLimit(socket: Duplex): boolean {
    return this.rejected.has(socket);
  }
}
