/**
 * Weights from measurements, as Substrate's frame-benchmarking derives them: every call of every pallet in the
 * composed runtime (and the hooks that declare a weight) is run on a worst-case state built with the pallets' own
 * calls, over a range of its components, many times after a warm-up; the medians are fitted with
 * `base + slope × component`. Then the issue's question: the largest block of `jobs.post_training_job` and of
 * `jobs.submit_result` that fits the 2-second budget, executed and authored (trie root and commit included).
 *
 *   node --import tsx bench/weights.ts [--filter Jobs.] [--no-blocks] [--no-calls] [--out weights.json]
 *                                      [--margin 1.5] [--factor 3] [--key-us 30]
 *
 * The pallets' `weights.ts` take `margin × (factor × execution + keyUs × keys written)`: `factor` is the in-block
 * factor and `keyUs` the trie + commit cost of a key, both measured by the block benchmarks and printed with the
 * rule's rounded values, so a later run shows whether the rule still holds.
 *
 * Each point is the lowest of three rounds' medians; a run longer than 50 µs counts the lesser of its wall and CPU
 * time, so preemption by other work on the machine's two cores is not counted (`bench/weights/runner.ts`).
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { verifySignature } from '../runtime/crypto/verify.ts';
import { blockFactor, type BlockFactor, printBlocks, runBlocks, type SeriesResult } from './weights/block-bench.ts';
import { datasetsCases, modelsCases } from './weights/cases-assets.ts';
import { frameCases } from './weights/cases-frame.ts';
import { jobsStaffingCases } from './weights/cases-jobs.ts';
import { jobsResultCases } from './weights/cases-results.ts';
import { stakingCases, workersCases } from './weights/cases-staking.ts';
import { type Fit, fitAll, printFits, printRows, type WeightRule } from './weights/report.ts';
import { type Case, type Row, runCase } from './weights/runner.ts';
import { fmt, median } from './weights/stats.ts';
import { buildWorld, type World } from './weights/world.ts';
import { measureVerifyCeiling, signedItems } from './signatures.ts';

/** Every case, pallet by pallet, in runtime order. */
export const ALL_CASES: Case[] = [...frameCases, ...stakingCases, ...workersCases, ...datasetsCases, ...modelsCases, ...jobsStaffingCases, ...jobsResultCases];
/** The block execution budget, ms (the runtime's `maxBlock`: 2 s of reference time). */
const BUDGET_MS = 2_000;
/** The rule the pallets' weights were written with (2026-11-22): measured factor 1.4-3.7 → 3, key 28 µs → 30. */
export const RULE: WeightRule = { margin: 1.5, factor: 3, keyUs: 30 };

/** Everything a run produced. */
export interface WeightsResult {
  machine: { cpus: string; cores: number; load: number[]; date: string };
  rows: Row[];
  fits: Fit[];
  verifyUs?: number;
  verifyCeilingPerSecond?: number;
  series?: SeriesResult[];
  keyUs: number;
  factor: BlockFactor;
}

const log = (s: string) => process.stderr.write(`${s}\n`);

/** Runs the call cases whose name contains `filter` (all by default), printing progress. */
export function runCases(w: World, cases: readonly Case[], filter = ''): Row[] {
  const rows: Row[] = [];
  const chosen = cases.filter((c) => c.name.includes(filter));
  // Warm-up: the first cases would otherwise also measure the JIT compiling the executive and codecs.
  for (const c of chosen.slice(0, 3)) runCase(w, c);
  for (const [i, c] of chosen.entries()) {
    const t0 = performance.now();
    rows.push(...runCase(w, c));
    log(`[${i + 1}/${chosen.length}] ${c.name}${c.component ? ` (${c.component})` : ''}: ${fmt((performance.now() - t0) / 1000, 1)} s`);
  }
  return rows;
}

/** sr25519 verification: one verify on this thread (median µs), and the worker pool's ceiling. */
async function signatures(): Promise<{ verifyUs: number; perSecond: number }> {
  const items = await signedItems('sr25519', 16, 8);
  const times: number[] = [];
  for (let i = 0; i < 1_200; i++) {
    const t0 = process.hrtime.bigint();
    if (!verifySignature(items[i % items.length]!)) throw new Error('a valid signature did not verify');
    if (i >= 200) times.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  const us = median(times);
  const ceiling = await measureVerifyCeiling(20_000, availableParallelism());
  return { verifyUs: us, perSecond: ceiling.perSecond };
}

/** The whole benchmark. */
export async function runWeights(opts: { filter?: string; blocks?: boolean; calls?: boolean; rule?: Partial<WeightRule> }): Promise<WeightsResult> {
  const rule = { ...RULE, ...opts.rule };
  const machine = { cpus: cpus()[0]?.model ?? 'unknown', cores: availableParallelism(), load: loadavg(), date: new Date().toISOString().slice(0, 10) };
  log(`bench/weights on ${machine.cores} × ${machine.cpus}, load average ${machine.load.map((l) => l.toFixed(1)).join(' ')}`);
  const w = await buildWorld();
  const rows = opts.calls === false ? [] : runCases(w, ALL_CASES, opts.filter);
  const sig = opts.calls === false ? undefined : await signatures();
  const blocks = opts.blocks === false ? undefined : await runBlocks(w, BUDGET_MS, log);
  const keyUs = blocks?.keyUs ?? Number.NaN;
  const factor = blockFactor(blocks?.series ?? [], rows);
  const fits = fitAll(rows);
  if (rows.length) {
    console.log('\n## Measured points (µs; dispatch = the call alone, extrinsic = the whole signed `applyExtrinsic`)\n');
    printRows(rows);
    console.log(`\n## Fits and weights (execution fitted, × the in-block factor; storage = writes × trie+commit per key; margin ${rule.margin}×)\n`);
    printFits(fits, rule);
    for (const p of factor.perSeries) console.log(`measured in-block factor, ${p.label}: ${fmt(p.inBlockUs, 1)} µs per extrinsic in blocks / ${fmt(p.isolatedUs, 1)} µs alone = ${fmt(p.inBlockUs / p.isolatedUs, 2)} (rule: ${rule.factor})`);
  }
  if (sig) console.log(`\nsr25519 verify: ${fmt(sig.verifyUs, 1)} µs on one thread; worker pool (${machine.cores} threads): ${fmt(sig.perSecond, 0)} verifies/s`);
  if (blocks) {
    console.log(`\n## Largest blocks within ${BUDGET_MS} ms\n`);
    printBlocks(blocks.series, keyUs, BUDGET_MS);
    console.log(`(rule: ${rule.keyUs} µs per key written)`);
  }
  console.log(`\nload average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  return { machine, rows, fits, verifyUs: sig?.verifyUs, verifyCeilingPerSecond: sig?.perSecond, series: blocks?.series, keyUs, factor };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      filter: { type: 'string' }, 'no-blocks': { type: 'boolean' }, 'no-calls': { type: 'boolean' }, out: { type: 'string' },
      margin: { type: 'string' }, factor: { type: 'string' }, 'key-us': { type: 'string' },
    },
  });
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  const rule = Object.fromEntries(Object.entries({ margin: num(values.margin), factor: num(values.factor), keyUs: num(values['key-us']) }).filter(([, v]) => v !== undefined));
  const result = await runWeights({ filter: values.filter, blocks: !values['no-blocks'], calls: !values['no-calls'], rule });
  if (values.out) writeFileSync(values.out, JSON.stringify(result, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2));
}
