/**
 * Storage layer: StateTrie.applyChanges on a 100k-key trie vs a plain Map insert of the
 * same data, ChainDb.commitBlock latency, a cold-cache update after reopening, and
 * LevelDB bytes on disk per 10,000 changed keys.
 *
 *   node --import tsx bench/storage.ts [--base-keys N] [--rounds R]
 *
 * Keys are random 48 bytes and values random 80 bytes, so every change is a new key
 * spread uniformly over the trie (the worst case for node reuse). Timings are the best
 * of R rounds, each on fresh data against the same base root; CPU ms (this process,
 * all threads) is reported too because the 2-core machine is shared. The last column
 * puts the same changes one by one through @ethereumjs/mpt, for scale.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import { createMPT } from '@ethereumjs/mpt';

import { ChainDb } from '../storage/chain-db.ts';
import { blake2_256 } from '../storage/hash.ts';
import { StateTrie } from '../storage/state-trie.ts';

/** One `applyChanges` size. */
export interface StorageBenchRow {
  changes: number;
  applyMs: number;
  applyCpuMs: number;
  keysPerSecond: number;
  newNodes: number;
  /** Same data inserted into a `Map` keyed by latin1 strings (the runtime overlay's shape). */
  mapMs: number;
  /** `commitBlock` of that block's nodes + header + body, one synced batch. */
  commitMs: number;
  /** The same changes put/del one by one through @ethereumjs/mpt (one round; undefined above `mptUpTo`). */
  mptOneByOneMs: number | undefined;
}

/** Everything `runStorageBench` measured. */
export interface StorageBenchResult {
  baseKeys: number;
  baseBuildMs: number;
  baseCommitMs: number;
  rows: StorageBenchRow[];
  /** 2,000 changes right after reopening the database (every node read from LevelDB). */
  coldApplyMs: number;
  /** Iterating every entry of the base state right after reopening (what a node does at startup). */
  coldEntriesMs: number;
  /** Growth of the compacted database directory per 10,000 changed keys. */
  diskBytesPer10kKeys: number;
  /** Encoded trie node bytes written per 10,000 changed keys, before LevelDB compression. */
  nodeBytesPer10kKeys: number;
  load: string;
}

type Change = [Uint8Array, Uint8Array];

function randomChanges(n: number): Change[] {
  const buf = randomBytes(n * 128);
  return Array.from({ length: n }, (_, i): Change => [buf.subarray(i * 128, i * 128 + 48), buf.subarray(i * 128 + 48, i * 128 + 128)]);
}

async function timed<T>(fn: () => Promise<T> | T): Promise<{ value: T; ms: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await fn();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { value, ms, cpuMs: (used.user + used.system) / 1000 };
}

function blockOf(number: number, nodes: Awaited<ReturnType<StateTrie['applyChanges']>>['nodes']) {
  const header = Uint8Array.of(number >> 24, number >> 16, number >> 8, number, 0xbe, 0x4c);
  return { hash: blake2_256(header), number, header, body: [header], nodes, best: true, finalized: false };
}

/** The library's own path: one `put` per key (each re-walks and re-hashes the root path). */
async function mptOneByOne(trie: StateTrie, root: Uint8Array, changes: Change[]): Promise<Uint8Array> {
  const mpt = await createMPT({ db: trie.store.mptDb(), root, useKeyHashingFunction: blake2_256, valueEncoding: 'view' });
  for (const [k, v] of changes) await mpt.put(k, v);
  return mpt.root();
}

/** Runs the storage benchmark in a temp directory (removed afterwards). */
export async function runStorageBench(
  opts: { baseKeys?: number; sizes?: number[]; rounds?: number; mptUpTo?: number } = {},
): Promise<StorageBenchResult> {
  const { baseKeys = 100_000, sizes = [2_000, 20_000], rounds = 3, mptUpTo = 20_000 } = opts;
  const loadAtStart = loadavg()[0] ?? 0;
  const dir = await mkdtemp(join(tmpdir(), 'trainchain-bench-storage-'));
  let db = await ChainDb.open(dir);
  try {
    let trie = new StateTrie(db);
    const base = await timed(() => trie.applyChanges(StateTrie.emptyRoot, randomChanges(baseKeys)));
    const baseRoot = base.value.root;
    const baseCommit = await timed(() => db.commitBlock(blockOf(0, base.value.nodes)));
    let number = 0;

    const rows: StorageBenchRow[] = [];
    for (const n of sizes) {
      const row: StorageBenchRow = { changes: n, applyMs: Infinity, applyCpuMs: Infinity, keysPerSecond: 0, newNodes: 0, mapMs: Infinity, commitMs: Infinity, mptOneByOneMs: undefined };
      for (let round = 0; round < rounds; round++) {
        const changes = randomChanges(n);
        const map = await timed(() => {
          const m = new Map<string, Uint8Array>();
          for (const [k, v] of changes) m.set(Buffer.from(k.buffer, k.byteOffset, k.byteLength).toString('latin1'), v);
          return m.size;
        });
        const apply = await timed(() => trie.applyChanges(baseRoot, changes));
        const commit = await timed(() => db.commitBlock(blockOf(++number, apply.value.nodes)));
        row.mapMs = Math.min(row.mapMs, map.ms);
        row.applyCpuMs = Math.min(row.applyCpuMs, apply.cpuMs);
        row.commitMs = Math.min(row.commitMs, commit.ms);
        if (apply.ms < row.applyMs) Object.assign(row, { applyMs: apply.ms, newNodes: apply.value.nodes.length });
        if (round === 0 && n <= mptUpTo) {
          const mpt = await timed(() => mptOneByOne(trie, baseRoot, changes));
          if (Buffer.compare(mpt.value, apply.value.root) !== 0) throw new Error('batched and one-by-one roots differ');
          row.mptOneByOneMs = mpt.ms;
        }
      }
      row.keysPerSecond = (n / row.applyMs) * 1000;
      rows.push(row);
    }

    // Disk growth for exactly 10,000 changed keys, measured between two full compactions.
    await db.compact();
    const before = (await db.stats()).bytesOnDisk;
    const tenK = await trie.applyChanges(baseRoot, randomChanges(10_000));
    await db.commitBlock(blockOf(++number, tenK.nodes));
    await db.compact();
    const diskBytesPer10kKeys = (await db.stats()).bytesOnDisk - before;
    const nodeBytesPer10kKeys = tenK.nodes.reduce((sum, { hash, node }) => sum + hash.length + node.length + 1, 0);

    // Cold cache: a fresh process would start like this.
    await db.close();
    db = await ChainDb.open(dir);
    trie = new StateTrie(db);
    const cold = await timed(() => trie.applyChanges(baseRoot, randomChanges(2_000)));
    await db.close();
    db = await ChainDb.open(dir);
    trie = new StateTrie(db);
    const walked = trie;
    const coldEntries = await timed(async () => {
      let n = 0;
      for await (const _ of walked.entries(baseRoot)) n++;
      if (n !== baseKeys) throw new Error(`walked ${n} of ${baseKeys} keys`);
    });

    const load = `${availableParallelism()} cores; 1-min load average ${loadAtStart.toFixed(1)} at start, ${(loadavg()[0] ?? 0).toFixed(1)} at end`;
    return { baseKeys, baseBuildMs: base.ms, baseCommitMs: baseCommit.ms, rows, coldApplyMs: cold.ms, coldEntriesMs: coldEntries.ms, diskBytesPer10kKeys, nodeBytesPer10kKeys, load };
  } finally {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Human-readable report of a {@link StorageBenchResult}. */
export function formatStorageBench(r: StorageBenchResult): string {
  const f = (x: number, digits = 0) => x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  const lines = [
    `base trie: ${f(r.baseKeys)} keys built in ${f(r.baseBuildMs)} ms, committed (one batch) in ${f(r.baseCommitMs)} ms`,
    '',
    'changes  applyChanges ms  (cpu ms)     keys/s  new nodes  Map.set ms  commitBlock ms  mpt one-by-one ms',
    ...r.rows.map(
      (row) =>
        `${f(row.changes).padStart(7)}  ${f(row.applyMs, 1).padStart(15)}  ${f(row.applyCpuMs, 1).padStart(8)}  ${f(row.keysPerSecond).padStart(9)}  ${f(row.newNodes).padStart(9)}  ${f(row.mapMs, 2).padStart(10)}  ${f(row.commitMs, 1).padStart(14)}  ${(row.mptOneByOneMs === undefined ? '-' : f(row.mptOneByOneMs)).padStart(17)}`,
    ),
    '',
    `cold cache (after reopen): 2,000 changes ${f(r.coldApplyMs, 1)} ms; iterating all ${f(r.baseKeys)} entries ${f(r.coldEntriesMs)} ms`,
    `disk per 10,000 changed keys: ${f(r.diskBytesPer10kKeys / 1e6, 2)} MB compacted (${f(r.nodeBytesPer10kKeys / 1e6, 2)} MB of trie nodes before compression)`,
    `(${r.load})`,
  ];
  return lines.join('\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { 'base-keys': { type: 'string' }, rounds: { type: 'string' } } });
  const result = await runStorageBench({ baseKeys: Number(values['base-keys'] ?? 100_000), rounds: Number(values.rounds ?? 3) });
  console.log(formatStorageBench(result));
}
