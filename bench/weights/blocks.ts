/**
 * Full blocks of one call for `bench/weights`: `BlockExecution` over the prepared state, the timestamp inherent,
 * N pre-signed extrinsics applied as the author applies them (`'verified'`: the pool checked signatures), then
 * `finalize()`. Timed as a whole and by phase, best of a few builds, for growing N until the block passes the
 * budget; the largest N within it is then interpolated and checked by building that block.
 */
import { BlockExecution } from '../../runtime/executive.ts';
import type { DecodedExtrinsic } from '../../runtime/extrinsic/unchecked.ts';
import type { Runtime } from '../../runtime/runtime.ts';
import type { MemoryState } from '../../runtime/state/overlay.ts';
import { describe } from './chain.ts';

import { collectGarbage } from './runner.ts';

/** One block's timings, ms. */
export interface BlockTiming {
  n: number;
  /** `new BlockExecution` (System init, every `on_initialize`) and the inherents. */
  initMs: number;
  applyMs: number;
  finalizeMs: number;
  totalMs: number;
  /** CPU time of the process over the block (all threads), ms: unlike wall time, not inflated by preemption. */
  cpuMs: number;
  /** Storage keys the block changes (what the trie commit has to write). */
  changes: number;
}

/** Executes one block of `exts` on `base` at `number` and times it. Throws if an extrinsic is refused or fails. */
export function executeBlock(runtime: Runtime, base: MemoryState, number: number, author: Uint8Array, exts: readonly DecodedExtrinsic[]): BlockTiming {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const exec = new BlockExecution(runtime, base, { number, parentHash: new Uint8Array(32).fill(number & 0xff), digest: [], author });
  exec.applyInherents({ timestamp: 1_700_000_000_000n + BigInt(number) * 6_000n });
  const t1 = performance.now();
  for (const ext of exts) {
    const r = exec.applyExtrinsic(ext, 'verified');
    if (!r.result.ok) throw new Error(`${ext.call.tag}.${ext.call.value.tag} failed in a block: ${describe(runtime, r.result.error)}`);
  }
  const t2 = performance.now();
  const { changes } = exec.finalize();
  const t3 = performance.now();
  const c = process.cpuUsage(c0);
  return { n: exts.length, initMs: t1 - t0, applyMs: t2 - t1, finalizeMs: t3 - t2, totalMs: t3 - t0, cpuMs: (c.user + c.system) / 1000, changes: changes.size };
}

/** A block's cost for the budget: the lesser of wall and CPU time (the two cores are shared with other work). */
export function costMs(t: BlockTiming): number {
  return Math.min(t.totalMs, t.cpuMs);
}

/** The fastest of `builds` executions of the same block (each on the same unchanged base). */
export function bestBlock(runtime: Runtime, base: MemoryState, number: number, author: Uint8Array, exts: readonly DecodedExtrinsic[], builds = 3): BlockTiming {
  let best: BlockTiming | undefined;
  for (let i = 0; i < builds; i++) {
    collectGarbage();
    const t = executeBlock(runtime, base, number, author, exts);
    if (!best || costMs(t) < costMs(best)) best = t;
  }
  return best!;
}

/** What `largestBlock` needs: the state to build on and N signed extrinsics of the call. */
export interface BlockSource {
  runtime: Runtime;
  base: MemoryState;
  number: number;
  author: Uint8Array;
  /** The first `n` extrinsics of the series (valid in this order on `base`). */
  extrinsics(n: number): DecodedExtrinsic[];
  /** How many the source can provide. */
  max: number;
}

/** What `largestBlock` found. */
export interface LargestBlock {
  tried: BlockTiming[];
  /** The largest block built within the budget (the check of the estimate). */
  fit: BlockTiming;
  /** N at the budget by the line through the two largest blocks tried (beyond `max` when the source ran out). */
  estimate: number;
  /** Whether the source ran out before a block passed the budget (`fit` is then the largest available). */
  capped: boolean;
}

/** Doubles N from `start` until a block passes `budgetMs`, interpolates N at the budget and builds it. */
export function largestBlock(src: BlockSource, budgetMs: number, start = 250): LargestBlock {
  const tried: BlockTiming[] = [];
  const build = (n: number) => bestBlock(src.runtime, src.base, src.number, src.author, src.extrinsics(n));
  for (let n = Math.min(start, src.max); ; n = Math.min(n * 2, src.max)) {
    tried.push(build(n));
    if (costMs(tried.at(-1)!) > budgetMs || n === src.max) break;
  }
  // A block is a fixed part plus a cost per extrinsic: the line through the two largest blocks tried.
  const [a, b] = tried.length >= 2 ? tried.slice(-2) : [tried[0]!, tried[0]!];
  const perTx = b!.n === a!.n ? costMs(b!) / b!.n : (costMs(b!) - costMs(a!)) / (b!.n - a!.n);
  const fixed = b!.n === a!.n ? 0 : costMs(b!) - perTx * b!.n;
  const estimate = Math.floor((budgetMs - fixed) / perTx);
  const capped = estimate > src.max;
  let n = Math.min(src.max, estimate);
  let fit = build(n);
  // Step down while the check is over budget (the line is an estimate; noise can push a block over).
  while (costMs(fit) > budgetMs && n > 1) {
    n = Math.floor(n * 0.95);
    fit = build(n);
  }
  return { tried, fit, estimate, capped };
}
