/**
 * What the JSON-RPC layer costs, end to end, on a real `trainchain --chain dev --alice --instant-seal` process
 * (the dev chain and author of `--dev`, without its per-block invariant scan):
 *
 * 1. Signed transfers/s submitted through @polkadot/api (`api.rpc.author.submitExtrinsic`, several
 *    clients, many requests in flight each): accepted by the pool, and included in blocks. Compared with
 *    the pool's own ceiling measured in the same run: the same pre-signed transfers submitted in-process
 *    to a `TxPool` + instant-seal `BlockAuthor` wired as `node/node.ts` wires them, no RPC. Goal: the RPC
 *    path keeps at least 75% of that ceiling (its cost ≤ 25%).
 * 2. `state_getStorage` and `state_queryStorageAt` requests/s over one WebSocket (pipelined), and their
 *    p50/p99 latency with 10 concurrent clients (one request in flight each).
 *
 * The three transfer scenarios (through @polkadot/api, over raw WebSockets, in-process) run in interleaved
 * rounds and each reports its best round, since a shared machine makes single runs noisy. Client and node
 * share the machine (2 cores here), so the client's CPU (encoding, JSON, WebSocket) is part of the
 * @polkadot/api path's cost; the raw-WebSocket row isolates the node's RPC server.
 *
 *   node --import tsx bench/rpc.ts [--transfers 3000] [--clients 6] [--depth 64] [--seconds 3] [--rounds 3]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ApiPromise, Keyring, WsProvider } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { KeyringPair } from '@polkadot/keyring/types';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import WebSocket from 'ws';
import { BlockAuthor } from '../node/authoring.ts';
import { Chain } from '../node/chain.ts';
import { authoritiesOf, genesisStorage, loadChainSpec } from '../node/chain-spec.ts';
import { createLogger } from '../node/log.ts';
import { TxPool } from '../node/txpool.ts';
import { cryptoReady } from '../runtime/crypto/verify.ts';
import { SignatureVerifierPool } from '../runtime/crypto/verifier-pool.ts';
import { createRuntime } from '../runtime/runtime.ts';
import { ChainDb } from '../storage/chain-db.ts';
import { type NodeProcess, startNodeProcess } from '../test/support/node-process.ts';
import { wsLoad } from './rpc-transport.ts';

const UNIT = 10n ** 18n;
const DEV_NAMES = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'];

export interface RpcBenchOptions {
  /** Signed transfers in the end-to-end and ceiling runs. */
  transfers: number;
  /** @polkadot/api clients submitting in parallel. */
  clients: number;
  /** Requests in flight per client. */
  depth: number;
  /** Duration of each storage scenario, ms. */
  storageMs: number;
  /** Rounds of the three transfer scenarios, interleaved; each reports its best round (the machine may be shared). */
  rounds: number;
}

export interface ThroughputRow {
  scenario: string;
  transfers: number;
  acceptedPerSec: number;
  includedPerSec: number;
  /** Blocks it took to include them all. */
  blocks: number;
  /** CPU time of this (client) process during the run, ms. */
  clientCpuMs: number;
  /** CPU time of the node during the run (all its threads), ms; for the ceiling, the whole in-process run. */
  nodeCpuMs: number;
  /** included/s of every round, e.g. "700 / 1421 / 980". */
  rounds?: string;
}

/** CPU time (user + system, all threads) of process `pid` so far, ms; Linux `/proc`, 0 elsewhere. */
function processCpuMs(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the file, 12 and 13 after the command name; clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

export interface StorageRow {
  scenario: string;
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
}

export interface RpcBenchResult {
  /** Through @polkadot/api, over raw WebSockets, and the in-process ceiling, in that order. */
  transfers: ThroughputRow[];
  /** 1 − (included/s through @polkadot/api ÷ included/s in-process); the goal is ≤ 0.25. */
  rpcCostIncluded: number;
  /** Same for acceptance by the pool (pool ingress). */
  rpcCostAccepted: number;
  /** 1 − (included/s over raw WebSockets ÷ included/s in-process): the node's RPC server alone. */
  rpcServerCostIncluded: number;
  storage: StorageRow[];
}

const DEFAULTS: RpcBenchOptions = { transfers: 3000, clients: 6, depth: 64, storageMs: 3000, rounds: 3 };

/** The 12 endowed dev accounts: //Alice … //Ferdie and their //stash accounts. */
function senders(): KeyringPair[] {
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  return [...DEV_NAMES.map((n) => keyring.addFromUri(`//${n}`)), ...DEV_NAMES.map((n) => keyring.addFromUri(`//${n}//stash`))];
}

/**
 * `count` immortal transfers of 1 UNIT to fresh accounts, round-robin over `from` with consecutive nonces,
 * signed offline with the api's registry for the chain whose genesis is `genesisHash`.
 */
function signTransfers(
  api: ApiPromise,
  from: KeyringPair[],
  count: number,
  genesisHash: string,
  startNonces: number[] = [],
  destOffset = 0,
  senderFilter: (sender: number) => boolean = () => true,
): SignedTransfer[] {
  const era = api.registry.createType('ExtrinsicEra', '0x00');
  const indices = Array.from({ length: count }, (_, i) => i).filter((i) => senderFilter(i % from.length));
  return indices.map((i) => {
    const sender = i % from.length;
    const nonce = (startNonces[sender] ?? 0) + Math.floor(i / from.length);
    const dest = new Uint8Array(32);
    dest[0] = 0xbe;
    new DataView(dest.buffer).setUint32(28, destOffset + i + 1);
    const tx = api.tx.balances.transferKeepAlive(u8aToHex(dest), UNIT);
    tx.sign(from[sender]!, {
      blockHash: genesisHash,
      genesisHash,
      era,
      nonce,
      runtimeVersion: api.runtimeVersion,
      signedExtensions: api.registry.signedExtensions,
    });
    return { tx, hex: tx.toHex(), sender, nonce };
  });
}

interface SignedTransfer {
  tx: SubmittableExtrinsic<'promise'>;
  hex: string;
  sender: number;
  nonce: number;
}

/** Runs `work` over `items` with at most `depth` in flight. */
async function pipelined<T>(items: T[], depth: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(depth, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

/** Resolves when the nonce of every sender, read from `System.Account` notifications, has reached its target. */
function watchNonces(url: string, keys: string[], targets: number[]): Promise<{ done: Promise<number>; close: () => void }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.once('error', reject);
    ws.once('open', () => {
      const nonces = new Map<string, number>();
      let finish: (t: number) => void = () => {};
      const done = new Promise<number>((r) => (finish = r));
      ws.on('message', (data) => {
        const msg = JSON.parse(String(data)) as { params?: { result: { changes: [string, string | null][] } } };
        for (const [k, v] of msg.params?.result.changes ?? []) if (v) nonces.set(k, new DataView(hexToU8a(v).buffer).getUint32(0, true));
        if (keys.every((k, i) => (nonces.get(k) ?? 0) >= targets[i]!)) finish(performance.now());
      });
      ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'state_subscribeStorage', params: [keys] }));
      resolve({ done, close: () => ws.close() });
    });
  });
}

/** Submits hex extrinsics over one raw WebSocket with `depth` in flight; rejects on any error reply. */
async function rawSubmit(url: string, txs: string[], depth: number): Promise<void> {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let next = 0;
  let done = 0;
  await new Promise<void>((resolve, reject) => {
    const send = () => {
      const id = next++;
      ws.send(`{"jsonrpc":"2.0","id":${id},"method":"author_submitExtrinsic","params":["${txs[id]}"]}`);
    };
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as { error?: unknown };
      if (msg.error) return reject(new Error(`submit failed: ${JSON.stringify(msg.error)}`));
      if (++done === txs.length) resolve();
      else if (next < txs.length) send();
    });
    for (let i = 0; i < Math.min(depth, txs.length); i++) send();
  });
  ws.close();
}

/** Transfers through @polkadot/api clients against the node process at `url`. */
async function endToEnd(url: string, nodePid: number | undefined, api: ApiPromise, from: KeyringPair[], opts: RpcBenchOptions, via: 'api' | 'raw', round: number): Promise<ThroughputRow> {
  const firstBlock = (await api.rpc.chain.getHeader()).number.toNumber();
  const base = (await api.query.system.account.multi(from.map((p) => p.address))).map((a) => a.nonce.toNumber());
  const clients = via === 'api' ? await Promise.all(Array.from({ length: opts.clients }, () => ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true }))) : [];
  try {
    // Signed in advance, as clients do, each with the registry of the client that sends it; fresh
    // destination accounts in every run, so each one pays for creating accounts alike.
    const destOffset = round * 10_000_000 + (via === 'api' ? 0 : 1_000_000);
    const txs = signTransfers(api, from, opts.transfers, api.genesisHash.toHex(), base, destOffset);
    const shares = Array.from({ length: opts.clients }, (_, c) => {
      const mine = (sender: number) => sender % opts.clients === c;
      const client = clients[c];
      return client ? signTransfers(client, from, opts.transfers, api.genesisHash.toHex(), base, destOffset, mine) : txs.filter((t) => mine(t.sender));
    });
    const keys = from.map((p) => api.query.system.account.key(p.address));
    const targets = from.map((_, s) => base[s]! + txs.filter((t) => t.sender === s).length);
    const watch = await watchNonces(url, keys, targets);
    const cpu0 = process.cpuUsage();
    const nodeCpu0 = processCpuMs(nodePid);
    const t0 = performance.now();
    // `tx.send()`: what @polkadot/api does with a signed extrinsic (author_submitExtrinsic), one share per client.
    if (via === 'api') await Promise.all(shares.map((share) => pipelined(share, opts.depth, (t) => t.tx.send())));
    else await Promise.all(shares.map((share) => rawSubmit(url, share.map((t) => t.hex), opts.depth)));
    const tAccepted = performance.now();
    const tIncluded = await watch.done;
    const cpu = process.cpuUsage(cpu0);
    const nodeCpuMs = processCpuMs(nodePid) - nodeCpu0;
    watch.close();
    const lastBlock = (await api.rpc.chain.getHeader()).number.toNumber();
    return {
      scenario: via === 'api' ? `through @polkadot/api: ${opts.clients} clients × ${opts.depth} in flight` : `raw WebSocket: ${opts.clients} sockets × ${opts.depth} in flight`,
      transfers: txs.length,
      acceptedPerSec: Math.round((txs.length * 1000) / (tAccepted - t0)),
      includedPerSec: Math.round((txs.length * 1000) / (tIncluded - t0)),
      blocks: lastBlock - firstBlock,
      clientCpuMs: Math.round((cpu.user + cpu.system) / 1000),
      nodeCpuMs,
    };
  } finally {
    await Promise.all(clients.map((c) => c.disconnect()));
  }
}

/** The same transfers submitted in-process to the pool with instant-seal authoring, as the node wires them. */
async function poolCeiling(api: ApiPromise, from: KeyringPair[], opts: RpcBenchOptions): Promise<ThroughputRow> {
  await cryptoReady();
  const dir = mkdtempSync(join(tmpdir(), 'bench-rpc-'));
  const verifier = await SignatureVerifierPool.create({});
  const runtime = createRuntime();
  const db = await ChainDb.open(join(dir, 'db'));
  const log = createLogger('error');
  const spec = loadChainSpec('dev');
  try {
    const chain = await Chain.open({ runtime, db, genesis: genesisStorage(spec, runtime), authorities: authoritiesOf(spec), log, instantFinality: true, verifier, checkInvariants: false });
    const pool = new TxPool(
      { runtime, bestState: () => chain.bestState, bestNumber: () => chain.best().number, bestHash: () => chain.best().hash },
      verifier,
      { maxCount: 8192, maxBytes: 20 * 1024 * 1024, banMs: 30 * 60_000, maxExtrinsicBytes: runtime.limits.maxBlockLength },
    );
    const author = new BlockAuthor(chain, pool, from[0]!, { kind: 'instant' }, log);
    const txs = signTransfers(api, from, opts.transfers, u8aToHex(chain.genesisHash)).map((t) => hexToU8a(t.hex));
    let included = 0;
    let tIncluded = 0;
    const allIn = new Promise<void>((resolve) =>
      chain.on((ev) => {
        if (ev.type !== 'newBlock') return;
        included += ev.block.extrinsics.length - 1; // less the timestamp inherent
        if (included >= txs.length) {
          tIncluded = performance.now();
          resolve();
        }
      }),
    );
    author.start();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await pipelined(txs, opts.clients * opts.depth, (tx) => pool.submit(tx));
    const tAccepted = performance.now();
    await allIn;
    const cpu = process.cpuUsage(cpu0);
    await author.stop();
    return {
      scenario: 'pool ceiling: in-process TxPool + instant-seal, no RPC',
      transfers: txs.length,
      acceptedPerSec: Math.round((txs.length * 1000) / (tAccepted - t0)),
      includedPerSec: Math.round((txs.length * 1000) / (tIncluded - t0)),
      blocks: chain.best().number,
      clientCpuMs: 0,
      nodeCpuMs: Math.round((cpu.user + cpu.system) / 1000),
    };
  } finally {
    await verifier.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function summarize(scenario: string, lat: number[], ms: number): StorageRow {
  const sorted = Float64Array.from(lat).sort();
  const pct = (p: number): number => Number((sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0).toFixed(2));
  return { scenario, requests: lat.length, rps: Math.round((lat.length * 1000) / ms), p50Ms: pct(0.5), p99Ms: pct(0.99) };
}

async function storageScenarios(url: string, key: string, ms: number): Promise<StorageRow[]> {
  const methods: [string, (id: number) => string][] = [
    ['state_getStorage', (id) => `{"jsonrpc":"2.0","id":${id},"method":"state_getStorage","params":["${key}"]}`],
    ['state_queryStorageAt', (id) => `{"jsonrpc":"2.0","id":${id},"method":"state_queryStorageAt","params":[["${key}"]]}`],
  ];
  const rows: StorageRow[] = [];
  for (const [name, body] of methods) {
    const scenarios: [string, (until: number) => Promise<number[]>][] = [
      [`${name}: 1 WebSocket, 64 in flight`, (u) => wsLoad(url, body, 64, u)],
      [`${name}: 10 clients, 1 in flight each`, async (u) => (await Promise.all(Array.from({ length: 10 }, () => wsLoad(url, body, 1, u)))).flat()],
    ];
    for (const [scenario, run] of scenarios) {
      await run(performance.now() + Math.min(300, ms / 5)); // warm-up
      const t0 = performance.now();
      const lat = await run(t0 + ms);
      rows.push(summarize(scenario, lat, performance.now() - t0));
    }
  }
  return rows;
}

/** The round with the most included/s, listing every round's figure. */
function best(rows: ThroughputRow[]): ThroughputRow {
  const top = rows.reduce((a, b) => (b.includedPerSec > a.includedPerSec ? b : a));
  return { ...top, rounds: rows.map((r) => r.includedPerSec).join(' / ') };
}

/** Runs everything once; the node process is started and stopped here. */
export async function runRpcBench(options: Partial<RpcBenchOptions> = {}): Promise<RpcBenchResult> {
  const opts = { ...DEFAULTS, ...options };
  await cryptoWaitReady();
  const from = senders();
  if (opts.transfers > 12 * 600) throw new Error('at most 7200 transfers (the node pool holds 8192)');
  // Each transfer run gets a fresh node (genesis state, like the in-process ceiling's fresh chain).
  const onFreshNode = async <T>(work: (node: NodeProcess, api: ApiPromise) => Promise<T>): Promise<T> => {
    // `--dev` minus its `--check-invariants` (a whole-state scan after every block, which Node 20's
    // parseArgs gives no way to switch off): the ceiling's chain does not run it either.
    const node = await startNodeProcess(['--chain', 'dev', '--alice', '--tmp', '--instant-seal']);
    let api: ApiPromise | undefined;
    try {
      api = await ApiPromise.create({ provider: new WsProvider(node.ws), noInitWarn: true });
      return await work(node, api);
    } finally {
      await api?.disconnect();
      await node.kill();
    }
  };
  const runs: ThroughputRow[][] = [[], [], []];
  let signer: ApiPromise | undefined;
  for (let round = 0; round < opts.rounds; round++) {
    runs[0]!.push(await onFreshNode((node, api) => endToEnd(node.ws, node.child.pid, api, from, opts, 'api', round)));
    runs[1]!.push(
      await onFreshNode((node, api) => {
        signer = api;
        return endToEnd(node.ws, node.child.pid, api, from, opts, 'raw', round);
      }),
    );
    // No node running; the disconnected api still signs offline with its registry.
    runs[2]!.push(await poolCeiling(signer!, from, opts));
  }
  const [e2e, raw, ceiling] = runs.map(best) as [ThroughputRow, ThroughputRow, ThroughputRow];
  const storage = await onFreshNode((node, api) => storageScenarios(node.ws, api.query.system.account.key(from[0]!.address), opts.storageMs));
  return {
    transfers: [e2e, raw, ceiling],
    rpcCostIncluded: Number((1 - e2e.includedPerSec / ceiling.includedPerSec).toFixed(3)),
    rpcCostAccepted: Number((1 - e2e.acceptedPerSec / ceiling.acceptedPerSec).toFixed(3)),
    rpcServerCostIncluded: Number((1 - raw.includedPerSec / ceiling.includedPerSec).toFixed(3)),
    storage,
  };
}

function printTable(r: RpcBenchResult): void {
  console.log('\nSigned transfers (1 UNIT each to fresh accounts, from 12 dev accounts, immortal era; best of the rounds):');
  console.table(r.transfers);
  const verdict = (cost: number) => `${(cost * 100).toFixed(1)}% ${cost <= 0.25 ? '(goal ≤ 25%: met)' : '(goal ≤ 25%: NOT met)'}`;
  console.log(`RPC cost vs the pool's ceiling, through @polkadot/api: included ${verdict(r.rpcCostIncluded)}, accepted ${verdict(r.rpcCostAccepted)}`);
  console.log(`RPC cost vs the pool's ceiling, node's RPC server alone (raw WebSocket): included ${verdict(r.rpcServerCostIncluded)}`);
  const perTx = (row: ThroughputRow) => `node ${(row.nodeCpuMs / row.transfers).toFixed(3)} ms + client ${(row.clientCpuMs / row.transfers).toFixed(3)} ms`;
  console.log(`CPU per transfer: ${r.transfers.map((row) => `${row.scenario.split(':')[0]}: ${perTx(row)}`).join('; ')}`);
  console.log('\nStorage reads (System.Account(Alice), 80 bytes):');
  console.table(r.storage);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: { transfers: { type: 'string' }, clients: { type: 'string' }, depth: { type: 'string' }, seconds: { type: 'string' }, rounds: { type: 'string' } },
  });
  const result = await runRpcBench({
    ...(values.transfers ? { transfers: Number(values.transfers) } : {}),
    ...(values.clients ? { clients: Number(values.clients) } : {}),
    ...(values.depth ? { depth: Number(values.depth) } : {}),
    ...(values.seconds ? { storageMs: Number(values.seconds) * 1000 } : {}),
    ...(values.rounds ? { rounds: Number(values.rounds) } : {}),
  });
  printTable(result);
}
