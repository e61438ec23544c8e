/**
 * A block through the node's own path, with its commit: `Chain.author` on a temporary LevelDB, as
 * `bench/transfers.ts` builds it. The benchmark's prepared state is written into block 1 (raw writes, like
 * `dev_setStorage`), then the measured block is authored; its execute / finalize / trie / commit timings are the
 * ones `Chain` logs at debug level.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { xxhashAsU8a } from '@polkadot/util-crypto';
import { authoritiesOf, genesisStorage, loadChainSpec } from '../../node/chain-spec.ts';
import { Chain } from '../../node/chain.ts';
import { createLogger } from '../../node/log.ts';
import { keyBytes, type MemoryState } from '../../runtime/state/overlay.ts';
import { ChainDb } from '../../storage/chain-db.ts';
import type { BlockSource } from './blocks.ts';

/** One authored block's timings, ms, as `Chain` logs them. */
export interface CommitTiming {
  n: number;
  executeMs: number;
  finalizeMs: number;
  trieMs: number;
  commitMs: number;
  totalMs: number;
  /** CPU time of the process (all threads, LevelDB's included) over `author`, ms. */
  cpuMs: number;
  changes: number;
  trieNodes: number;
}

const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');
/** Block bookkeeping of System (number, digest, events …) is the block's own; only accounts carry over. */
const SYSTEM = latin1(xxhashAsU8a('System', 128));
const ACCOUNTS = SYSTEM + latin1(xxhashAsU8a('Account', 128));

/** The writes that turn `from` into `to`, System's per-block items left out. */
function diff(from: MemoryState, to: MemoryState): [Uint8Array, Uint8Array | null][] {
  const out: [Uint8Array, Uint8Array | null][] = [];
  const keep = (k: string) => !k.startsWith(SYSTEM) || k.startsWith(ACCOUNTS);
  for (const [k, v] of to.entries) {
    const was = from.get(k);
    if (keep(k) && !(was && Buffer.from(was).equals(v))) out.push([keyBytes(k), v]);
  }
  for (const k of from.entries.keys()) if (keep(k) && !to.entries.has(k)) out.push([keyBytes(k), null]);
  return out;
}

/** A chain on a temporary database whose block 1 holds the source's state; `author(n)` takes the next n extrinsics. */
export interface BenchNode {
  author(n: number): Promise<CommitTiming>;
  close(): Promise<void>;
}

/** Opens the chain and writes `src.base` into block 1. */
export async function openNode(src: BlockSource): Promise<BenchNode> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-weights-'));
  let timing: Record<string, unknown> = {};
  const log = createLogger('debug', (line) => {
    const at = line.indexOf('block timings ');
    if (at >= 0) timing = JSON.parse(line.slice(at + 'block timings '.length)) as Record<string, unknown>;
  });
  const db = await ChainDb.open(join(dir, 'db'));
  const spec = loadChainSpec('dev');
  const genesis = genesisStorage(spec, src.runtime);
  const chain = await Chain.open({ runtime: src.runtime, db, genesis, authorities: authoritiesOf(spec), log, instantFinality: true });
  const alice = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//Alice');
  let timestamp = 1_700_000_000_000n;
  await chain.author([], { timestamp }, alice, diff(genesis, src.base));
  let offset = 0;
  return {
    async author(n) {
      const exts = src.extrinsics(offset + n).slice(offset);
      timestamp += 6_000n;
      const c0 = process.cpuUsage();
      const { block, rejected } = await chain.author(exts, { timestamp }, alice);
      const c = process.cpuUsage(c0);
      if (rejected.length) throw new Error(`${rejected.length} extrinsics rejected: ${rejected[0]!.error.message}`);
      offset += n;
      const num = (k: string) => Number(timing[k] ?? Number.NaN);
      const t = { executeMs: num('executeMs'), finalizeMs: num('finalizeMs'), trieMs: num('trieMs'), commitMs: num('commitMs') };
      return { n: block.extrinsics.length - 1, ...t, totalMs: t.executeMs + t.finalizeMs + t.trieMs + t.commitMs, cpuMs: (c.user + c.system) / 1000, changes: num('changes'), trieNodes: num('trieNodes') };
    },
    async close() {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One authored block of the source's first `n` extrinsics. */
export async function authorOnce(src: BlockSource, n: number): Promise<CommitTiming> {
  const node = await openNode(src);
  try {
    return await node.author(n);
  } finally {
    await node.close();
  }
}

/** The lesser of wall and CPU time of an authored block. */
export const commitCostMs = (t: CommitTiming): number => Math.min(t.totalMs, t.cpuMs);

/**
 * Blocks of `sizes`, then the largest block within `budgetMs` by the line through the last two (wall or CPU time,
 * the lesser), authored to check it and stepped down 5% at a time while over. Every block is authored on a fresh
 * chain holding the source's state, so they all start from the same trie.
 */
export async function largestAuthored(src: BlockSource, sizes: number[], budgetMs: number): Promise<{ tried: CommitTiming[]; fit: CommitTiming }> {
  const tried: CommitTiming[] = [];
  for (const n of sizes) tried.push(await authorOnce(src, n));
  const [a, b] = tried.slice(-2) as [CommitTiming, CommitTiming];
  const perTx = (commitCostMs(b) - commitCostMs(a)) / (b.n - a.n);
  let n = Math.min(src.max, Math.floor((budgetMs - (commitCostMs(b) - perTx * b.n)) / perTx));
  let fit = await authorOnce(src, n);
  while (commitCostMs(fit) > budgetMs && n > 1) {
    tried.push(fit);
    n = Math.floor(n * 0.95);
    fit = await authorOnce(src, n);
  }
  return { tried, fit };
}
