/**
 * The on-chain scheduler: a pure, deterministic ranking of candidate workers for a job. Every factor is an
 * integer in parts per million (0..=1_000_000), so the ranking is the same on every node:
 *
 * - locality: 1_000_000 if the job names no region or the regions are equal; 500_000 if they share the part
 *   before the first `-` (`eu-west` and `eu-north`); else 0.
 * - acceleratorFit: 0 if the job prefers another accelerator kind; else 500_000 + 500_000 × min(count, 8) / 8
 *   (more accelerators train faster, up to 8).
 * - sla: the worker's reputation (parts per million, capped at 1_000_000): verified work raises it, faults lower it.
 * - price: 1_000_000 × cheapest / price, against the cheapest candidate's price per second (free is 1_000_000).
 * - load: 1_000_000 / (1 + unfinished jobs the worker is on).
 *
 * score = Σ weight × factor / 1_000_000 (weights sum to 1_000_000). Higher wins; equal scores go to the smaller
 * account id (bytewise), so nobody can break ties in their favour by timing.
 */
import type { AccountId } from '../../runtime/primitives.ts';
import { type AcceleratorKind, PPM, type SchedulerWeights, type WorkerView } from './config.ts';

/** A candidate as the scheduler sees it. */
export interface Candidate {
  who: AccountId;
  view: WorkerView;
  /** Unfinished jobs the worker is on. */
  load: number;
}

/** What the job prefers. */
export interface Preferences {
  region?: Uint8Array;
  accelerator?: AcceleratorKind;
}

/** A ranked candidate with its factors (for tests and RPC explanations). */
export interface Scored {
  who: AccountId;
  score: number;
  factors: Record<keyof SchedulerWeights, number>;
}

const FULL_FIT_COUNT = 8;
const DASH = 0x2d;

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Bytewise order of two account ids. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

const area = (region: Uint8Array): Uint8Array => {
  const dash = region.indexOf(DASH);
  return dash < 0 ? region : region.subarray(0, dash);
};

function locality(want: Uint8Array | undefined, have: Uint8Array): number {
  if (want === undefined || sameBytes(want, have)) return PPM;
  return sameBytes(area(want), area(have)) ? PPM / 2 : 0;
}

function acceleratorFit(want: AcceleratorKind | undefined, view: WorkerView): number {
  if (want !== undefined && view.spec.accelerator.tag !== want) return 0;
  const count = Math.min(Math.max(view.spec.accelerator_count, 0), FULL_FIT_COUNT);
  return PPM / 2 + Math.floor((PPM / 2) * count / FULL_FIT_COUNT);
}

function priceFactor(cheapest: bigint, price: bigint): number {
  if (price === 0n) return PPM;
  return Number((cheapest * BigInt(PPM)) / price);
}

/** Ranks `candidates` for a job, best first. */
export function rankCandidates(prefs: Preferences, candidates: readonly Candidate[], weights: SchedulerWeights): Scored[] {
  if (candidates.length === 0) return [];
  const cheapest = candidates.reduce((m, c) => (c.view.spec.price_per_second < m ? c.view.spec.price_per_second : m), candidates[0]!.view.spec.price_per_second);
  const scored = candidates.map((c): Scored => {
    const factors = {
      locality: locality(prefs.region, c.view.spec.region),
      acceleratorFit: acceleratorFit(prefs.accelerator, c.view),
      sla: Math.min(Math.max(c.view.reputation, 0), PPM),
      price: priceFactor(cheapest, c.view.spec.price_per_second),
      load: Math.floor(PPM / (1 + c.load)),
    };
    // Products stay below 2^53 (10^6 × 10^6 × 5), so plain integer arithmetic is exact.
    const total = (Object.keys(weights) as (keyof SchedulerWeights)[]).reduce((s, k) => s + weights[k] * factors[k], 0);
    return { who: c.who, score: Math.floor(total / PPM), factors };
  });
  return scored.sort((a, b) => b.score - a.score || compareBytes(a.who, b.who));
}
