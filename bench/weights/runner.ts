/**
 * Runs `bench/weights` cases: for each component value, a fresh fork of the world is set up by the case, then the
 * call is timed many times after a warm-up, each run in a transactional layer that is rolled back, so every run
 * sees the same worst-case state. Signed calls are timed twice: the dispatch alone (what `weights.ts` declares)
 * and the whole `BlockExecution.applyExtrinsic` (nonce, fee withdrawal and refund, events: the extrinsic base).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { BlockExecution } from '../../runtime/executive.ts';
import type { DispatchResult, Origin, RuntimeCall } from '../../runtime/framework/pallet.ts';
import type { DecodedExtrinsic } from '../../runtime/extrinsic/unchecked.ts';
import { type Block, describe } from './chain.ts';
import { median } from './stats.ts';
import type { World } from './world.ts';

/** What a case hands back once its state is ready. */
export interface Prepared {
  /** The block to time in. */
  block: Block;
  /** The call, timed through `composed.dispatch` with a transactional layer, as the executive runs it. */
  call?: RuntimeCall;
  origin?: Origin;
  /** The same call signed, timed through `applyExtrinsic(ext, 'verified')`. */
  ext?: DecodedExtrinsic;
  /** The timed block opened afresh: each round of `ext` gets an empty block (weight and length are not rolled back). */
  reopen?: () => BlockExecution;
  /** A hook or API function, timed as is (instead of `call`). */
  run?: (block: Block) => void;
  /** The declared weight in picoseconds, for `run` cases (calls use `composed.callWeight`). */
  declared?: bigint;
  /** Runs before each timed run, inside its rolled-back layer but outside the timing (e.g. `set` before `on_finalize`). */
  before?: (block: Block) => void;
}

/** One benchmark: a call (or hook) and the component it varies. */
export interface Case {
  /** `Pallet.call` or `Pallet::hook`. */
  name: string;
  /** The `weights.ts` function that declares it. */
  weightFn: string;
  /** The varied component (absent: one point). */
  component?: string;
  values?: number[];
  prepare(w: World, value: number): Prepared;
}

/** One measured point. */
export interface Row {
  name: string;
  weightFn: string;
  component: string;
  value: number;
  /** Median µs of the dispatch (or hook). */
  us: number;
  /** Median µs of the whole signed extrinsic; NaN for Root/None calls and hooks. */
  extUs: number;
  /** Declared weight, µs. */
  declaredUs: number;
  /** Distinct storage keys the call writes. */
  writes: number;
  runs: number;
}

/** Time budget per round (ms) and bounds on the runs: cheap calls run hundreds of times, costly ones fewer. */
const BUDGET_MS = 80;
/**
 * Rounds per point: the point is the lowest of the rounds' medians. The machine is shared (other builds and test
 * runs on its two cores), so a round that overlapped a busy spell is discarded rather than averaged in.
 */
const ROUNDS = 3;
const MIN_RUNS = 25;
const MAX_RUNS = 400;

setFlagsFromString('--expose-gc');
/** A full collection before each round, so garbage from the setup is not collected inside the timed runs. */
export const collectGarbage = runInNewContext('gc') as () => void;

/** The lowest of `ROUNDS` medians of `timeRuns`; `block` gives each round's block. */
export function bestOf<B extends Block>(block: () => B, fn: (b: B) => void, before?: (block: Block) => void): { us: number; runs: number } {
  let best = { us: Number.POSITIVE_INFINITY, runs: 0 };
  for (let i = 0; i < ROUNDS; i++) {
    const b = block();
    collectGarbage();
    const r = timeRuns(b, () => fn(b), before);
    if (r.us < best.us) best = r;
  }
  return best;
}

/** Runs longer than this (µs) are the ones a preemption is likely to hit; shorter ones keep their wall time. */
const PREEMPTIBLE_US = 50;

/**
 * µs of one run: wall time, or for a long run the lesser of wall time and the process's CPU time (`getrusage`,
 * 1 µs resolution), so a run the scheduler preempted (the two cores are shared) counts what it ran, not what it
 * waited. The CPU clock is read outside the wall bracket, so short runs carry no timer cost beyond `hrtime`'s.
 */
function clock(fn: () => void): number {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  fn();
  const wall = Number(process.hrtime.bigint() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return wall < PREEMPTIBLE_US ? wall : Math.min(wall, c.user + c.system);
}

/** Median µs of `fn` over rolled-back runs in `block`, after a warm-up; `fn` throws when the call fails. */
export function timeRuns(block: Block, fn: () => void, before?: (block: Block) => void): { us: number; runs: number } {
  const once = (): number => {
    const events = block.ctx.eventCount();
    if (!block.state.begin()) throw new Error('transactional layer limit');
    before?.(block);
    try {
      return clock(fn);
    } finally {
      block.state.rollback();
      block.ctx.truncateEvents(events);
    }
  };
  const warm: number[] = [];
  for (let i = 0; i < 10; i++) warm.push(once());
  const runs = Math.max(MIN_RUNS, Math.min(MAX_RUNS, Math.floor((BUDGET_MS * 1000) / Math.max(1, median(warm)))));
  for (let i = 0; i < Math.min(runs, 40); i++) once();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(once());
  return { us: median(times), runs };
}

/** Distinct keys `fn` writes (set or delete) in one rolled-back run. */
function countWrites(block: Block, fn: () => void, before?: (block: Block) => void): number {
  const keys = new Set<string>();
  const { state } = block;
  const events = block.ctx.eventCount();
  block.state.begin();
  before?.(block);
  const set = state.set.bind(state);
  const del = state.delete.bind(state);
  state.set = (k, v) => (keys.add(k), set(k, v));
  state.delete = (k) => (keys.add(k), del(k));
  try {
    fn();
  } finally {
    state.set = set;
    state.delete = del;
    block.state.rollback();
    block.ctx.truncateEvents(events);
  }
  return keys.size;
}

function ensureOk(w: World, r: DispatchResult, what: string): void {
  if (!r.ok) throw new Error(`${what} failed: ${describe(w.chain.runtime, r.error)}`);
}

/** Measures one case at every component value. */
export function runCase(w: World, c: Case): Row[] {
  const rt = w.chain.runtime;
  const rows: Row[] = [];
  for (const value of c.values ?? [0]) {
    const p = c.prepare(w, value);
    const { block } = p;
    let fn: () => void;
    let declared: bigint;
    if (p.run) {
      const run = p.run;
      fn = () => run(block);
      declared = p.declared ?? 0n;
    } else {
      const call = p.call!;
      const origin = p.origin!;
      fn = () => ensureOk(w, rt.composed.dispatch(block.ctx, origin, call), `${c.name}(${value})`);
      declared = rt.composed.callWeight(call).ref_time;
    }
    const writes = countWrites(block, fn, p.before);
    const { us, runs } = bestOf(() => block, fn, p.before);
    let extUs = Number.NaN;
    if (p.ext && p.reopen) {
      const ext = p.ext;
      extUs = bestOf(p.reopen, (b) => ensureOk(w, b.applyExtrinsic(ext, 'verified').result, `${c.name}(${value}) extrinsic`)).us;
    }
    rows.push({ name: c.name, weightFn: c.weightFn, component: c.component ?? '-', value, us, extUs, declaredUs: Number(declared) / 1e6, writes, runs });
  }
  return rows;
}
