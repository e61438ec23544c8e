/**
 * RPC transport benchmark: requests/s and p50/p99 latency of a trivial method over
 * WebSocket (1 and 32 requests in flight, 1 and 10 clients) and HTTP keep-alive
 * (10 concurrent clients). The server runs in a child process so client and server
 * do not share an event loop. Run: `node --import tsx bench/rpc-transport.ts [ms]`.
 */
import { fork } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';
import WebSocket from 'ws';
import { RpcServer } from '../rpc/server.ts';

/** One scenario's figures. */
export interface RpcTransportBenchResult {
  scenario: string;
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
}

const SERVE_FLAG = '--rpc-bench-server';
const BODY = (id: number): string => `{"jsonrpc":"2.0","id":${id},"method":"bench_ping","params":[]}`;

async function serve(): Promise<void> {
  const server = await RpcServer.start({
    port: 0,
    exposeUnsafe: false,
    cors: 'all',
    maxConnections: 1000,
    methods: { bench_ping: { kind: 'call', handler: () => 'pong' } },
  });
  process.send?.({ port: server.port });
  process.once('disconnect', () => void server.close().then(() => process.exit(0)));
}

/** One raw WebSocket keeping `depth` requests in flight until `until`; returns latencies in ms. */
export async function wsLoad(url: string, body: (id: number) => string, depth: number, until: number): Promise<number[]> {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const started = new Map<number, number>();
  const lat: number[] = [];
  let next = 0;
  const send = (): void => {
    const id = next++;
    started.set(id, performance.now());
    ws.send(body(id));
  };
  await new Promise<void>((resolve, reject) => {
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as { id: number; error?: unknown };
      if (msg.error) return reject(new Error(`bench request failed: ${JSON.stringify(msg.error)}`));
      lat.push(performance.now() - (started.get(msg.id) ?? 0));
      started.delete(msg.id);
      if (performance.now() < until) send();
      else if (started.size === 0) resolve();
    });
    for (let i = 0; i < depth; i++) send();
  });
  ws.close();
  return lat;
}

/** One HTTP keep-alive client looping until `until`. */
async function httpClient(port: number, agent: http.Agent, until: number): Promise<number[]> {
  const lat: number[] = [];
  for (let id = 0; performance.now() < until; id++) {
    const t0 = performance.now();
    await new Promise<void>((resolve, reject) => {
      const body = BODY(id);
      const req = http.request(
        { host: '127.0.0.1', port, method: 'POST', path: '/', agent, headers: { 'content-type': 'application/json', 'content-length': body.length } },
        (res) => res.on('data', () => {}).once('end', resolve).once('error', reject),
      );
      req.once('error', reject);
      req.end(body);
    });
    lat.push(performance.now() - t0);
  }
  return lat;
}

function summarize(scenario: string, lat: number[], ms: number): RpcTransportBenchResult {
  const sorted = Float64Array.from(lat).sort();
  const pct = (p: number): number => Number((sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0).toFixed(3));
  return { scenario, requests: lat.length, rps: Math.round((lat.length * 1000) / ms), p50Ms: pct(0.5), p99Ms: pct(0.99) };
}

/** Runs all scenarios, each for `durationMs` (default 3 s) after a short warm-up. */
export async function runRpcTransportBench(durationMs = 3000): Promise<RpcTransportBenchResult[]> {
  const child = fork(fileURLToPath(import.meta.url), [SERVE_FLAG], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.once('message', (m) => resolve((m as { port: number }).port));
      child.once('exit', (code) => reject(new Error(`bench server exited (${code})`)));
    });
    const url = `ws://127.0.0.1:${port}`;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 10 });
    const scenarios: [string, (until: number) => Promise<number[]>][] = [
      ['ws, 1 client, 1 in flight', (u) => wsLoad(url, BODY, 1, u)],
      ['ws, 1 client, 32 in flight', (u) => wsLoad(url, BODY, 32, u)],
      ['ws, 10 clients, 1 in flight each', async (u) => (await Promise.all(Array.from({ length: 10 }, () => wsLoad(url, BODY, 1, u)))).flat()],
      ['http keep-alive, 10 clients', async (u) => (await Promise.all(Array.from({ length: 10 }, () => httpClient(port, agent, u)))).flat()],
    ];
    const results: RpcTransportBenchResult[] = [];
    for (const [name, run] of scenarios) {
      await run(performance.now() + Math.min(300, durationMs / 5)); // warm-up (JIT, sockets)
      const t0 = performance.now();
      const lat = await run(t0 + durationMs);
      results.push(summarize(name, lat, performance.now() - t0));
    }
    agent.destroy();
    return results;
  } finally {
    child.disconnect();
  }
}

if (process.argv.includes(SERVE_FLAG)) {
  await serve();
} else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await runRpcTransportBench(Number(process.argv[2]) || 3000);
  console.table(results);
}
