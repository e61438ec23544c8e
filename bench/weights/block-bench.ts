/**
 * The issue's question: the largest block of `jobs.post_training_job`, and of `jobs.submit_result`, that fits the
 * 2-second budget. Each is answered twice: executing the block (`BlockExecution` apply + `finalize()`), and
 * authoring it on a node (execution, trie root and LevelDB commit). The trie + commit cost per changed key comes
 * out of the authored blocks; it is the storage part of the weights.
 */
import { limits } from '../../runtime/runtime.ts';
import { type BlockSource, type BlockTiming, bestBlock, costMs, type LargestBlock, largestBlock } from './blocks.ts';
import { postSource, submitSource } from './block-sources.ts';
import { authorOnce, type CommitTiming, commitCostMs, largestAuthored } from './chain-blocks.ts';
import { table } from './report.ts';
import type { Row } from './runner.ts';
import { fitLine, fmt, median } from './stats.ts';
import type { World } from './world.ts';

/** One series' answers. */
export interface SeriesResult {
  label: string;
  /** Encoded length of one extrinsic, bytes. */
  bytes: number;
  /** Declared weight of one extrinsic (call + extrinsic base), µs. */
  declaredUs: number;
  /** Most per block by the declared weights (normal class, 75% of 2 s) and by length (75% of 5 MiB). */
  byWeight: number;
  byLength: number;
  executed?: LargestBlock;
  authored?: { tried: CommitTiming[]; fit: CommitTiming };
  /** A single block at a given size, when that is the question (the length-bound series). */
  single?: BlockTiming;
}

function caps(src: BlockSource): Pick<SeriesResult, 'bytes' | 'declaredUs' | 'byWeight' | 'byLength'> {
  const ext = src.extrinsics(1)[0]!;
  const declared = src.runtime.dispatchInfo(ext.call).weight.ref_time;
  return {
    bytes: ext.bytes.length,
    declaredUs: Number(declared) / 1e6,
    byWeight: Number(limits.maxNormal / declared),
    byLength: Math.floor((limits.maxBlockLength * 0.75) / ext.bytes.length),
  };
}

/** How much slower a call runs inside a full block than alone: per series, and the factor the weights take. */
export interface BlockFactor {
  perSeries: { label: string; inBlockUs: number; isolatedUs: number }[];
  factor: number;
}


/**
 * Per extrinsic, executed blocks of 2,000 and more (apply + finalize, median over the sizes) against the isolated
 * median of the same signed extrinsic: garbage collection of a block's allocations and colder caches, which the
 * median of a call repeated alone does not see. The larger of the two series is the factor (NaN without the calls).
 */
export function blockFactor(series: readonly SeriesResult[], rows: readonly Row[]): BlockFactor {
  const iso = (name: string) => rows.filter((r) => r.name === name && Number.isFinite(r.extUs)).sort((a, b) => a.value - b.value)[0]?.extUs;
  const isolated: Record<string, number | undefined> = { post_training_job: iso('Jobs.post_training_job'), 'submit_result (10 segments)': iso('Jobs.submit_result') };
  const perSeries = series.flatMap((s) => {
    const isolatedUs = isolated[s.label];
    const big = (s.executed?.tried ?? []).filter((t) => t.n >= 2_000);
    // The block's own start (`on_initialize` hooks, inherents) is not the extrinsics'.
    return isolatedUs && big.length ? [{ label: s.label, inBlockUs: median(big.map((t) => ((costMs(t) - t.initMs) * 1000) / t.n)), isolatedUs }] : [];
  });
  const factor = perSeries.length ? Math.max(...perSeries.map((p) => p.inBlockUs / p.isolatedUs)) : Number.NaN;
  return { perSeries, factor };
}

/** Runs the block benchmarks; `budgetMs` is the block execution budget (2,000). */
export async function runBlocks(w: World, budgetMs: number, log: (s: string) => void): Promise<{ series: SeriesResult[]; keyUs: number }> {
  const series: SeriesResult[] = [];
  log('blocks: post_training_job');
  const posts = postSource(w, 40_000);
  bestBlock(posts.runtime, posts.base, posts.number, posts.author, posts.extrinsics(2_000), 2); // JIT warm-up
  series.push({ label: 'post_training_job', ...caps(posts), executed: largestBlock(posts, budgetMs), authored: await largestAuthored(postSource(w, 40_000), [2_000, 4_000, 8_000], budgetMs) });

  log('blocks: submit_result (10 segments): setting up 15,000 jobs in Training');
  const { source: submits, setupMs } = submitSource(w, 15_000, 10);
  log(`  setup ${fmt(setupMs / 1000, 1)} s`);
  series.push({ label: 'submit_result (10 segments)', ...caps(submits), executed: largestBlock(submits, budgetMs), authored: await largestAuthored(submits, [2_000, 4_000, 8_000], budgetMs) });

  log('blocks: submit_result (1,024 segments) at the length limit');
  const probe = submitSource(w, 1, 1_024).source;
  const cap = caps(probe).byLength;
  const big = submitSource(w, cap, 1_024).source;
  const single = bestBlock(big.runtime, big.base, big.number, big.author, big.extrinsics(cap));
  series.push({ label: 'submit_result (1,024 segments)', ...caps(big), single, authored: { tried: [], fit: await authorOnce(big, cap) } });

  const authored = series.flatMap((s) => s.authored?.tried.concat(s.authored.fit) ?? []);
  const storage = fitLine(authored.map((t) => [t.changes, t.trieMs + t.commitMs] as const));
  return { series, keyUs: storage.slope * 1000 };
}

/** Prints the block answers. */
export function printBlocks(series: readonly SeriesResult[], keyUs: number, budgetMs: number): void {
  table(
    ['series', 'ext bytes', 'declared µs/ext', 'max by weight', 'max by length', 'executed: N in budget', 'ms (wall/cpu)', 'µs/ext', 'authored: N in budget', 'exec+fin ms', 'trie+commit ms', 'changes'],
    series.map((s) => {
      const e = s.executed?.fit ?? s.single;
      const a = s.authored?.fit;
      const executedN = s.executed ? `${e!.n}${s.executed.capped ? ` (≈${s.executed.estimate} extrapolated)` : ''}` : `${e!.n} (length cap)`;
      return [
        s.label, String(s.bytes), fmt(s.declaredUs, 0), String(s.byWeight), String(s.byLength), executedN,
        `${fmt(e!.totalMs, 0)}/${fmt(e!.cpuMs, 0)}`, fmt((costMs(e!) * 1000) / e!.n, 1),
        a ? String(a.n) : '-', a ? fmt(a.executeMs + a.finalizeMs, 0) : '-', a ? fmt(a.trieMs + a.commitMs, 0) : '-', a ? String(a.changes) : '-',
      ];
    }),
  );
  console.log(`\nAll blocks tried (budget ${budgetMs} ms; cost = lesser of wall and CPU time):`);
  for (const s of series) {
    for (const t of s.executed?.tried ?? []) console.log(`  ${s.label} executed N=${t.n}: init ${fmt(t.initMs, 1)} apply ${fmt(t.applyMs, 0)} finalize ${fmt(t.finalizeMs, 0)} = ${fmt(t.totalMs, 0)} ms wall, ${fmt(t.cpuMs, 0)} ms cpu, ${t.changes} keys changed`);
    for (const t of s.authored?.tried.concat(s.authored.fit) ?? []) {
      console.log(`  ${s.label} authored N=${t.n}: execute ${fmt(t.executeMs, 0)} finalize ${fmt(t.finalizeMs, 0)} trie ${fmt(t.trieMs, 0)} commit ${fmt(t.commitMs, 0)} = ${fmt(t.totalMs, 0)} ms wall (${fmt(commitCostMs(t), 0)} counted), ${t.changes} keys, ${t.trieNodes} trie nodes`);
    }
  }
  console.log(`\nTrie root + LevelDB commit per changed key (fit over the authored blocks): ${fmt(keyUs, 1)} µs`);
  for (const s of series) {
    const a = s.authored?.fit;
    if (a) console.log(`  ${s.label}: ${fmt(((a.trieMs + a.commitMs) * 1000) / a.changes, 1)} µs per changed key in its largest authored block`);
  }
}
