/**
 * `bench/weights` output: the measured points, the fitted lines per call and component, and the weights they
 * give. A weight is execution plus storage, as FRAME's are (benchmarked time + `DbWeight` × writes): execution
 * is the fitted dispatch time, storage the keys the call writes times the trie + commit cost of one changed key
 * (measured on authored blocks), and the sum takes the margin.
 */
import type { Row } from './runner.ts';
import { ceilSignificant, fitLine, fmt, median } from './stats.ts';

/** A fitted call (or hook) for one component. */
export interface Fit {
  name: string;
  weightFn: string;
  component: string;
  /** Execution, µs: `base + slope × component`. */
  base: number;
  slope: number;
  r2: number;
  /** Keys written: `writesBase + writesSlope × component`. */
  writesBase: number;
  writesSlope: number;
  /** Median µs the signed-extrinsic path adds to the dispatch (nonce, fees, events); NaN for Root/None/hooks. */
  extOverhead: number;
  /** Highest declared weight / measured execution over the points. */
  declaredRatio: number;
}

/** One line per call and component. */
export function fitAll(rows: readonly Row[]): Fit[] {
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    const key = `${r.name}\u0000${r.component}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map((g) => {
    const line = fitLine(g.map((r) => [r.value, r.us] as const));
    const writes = fitLine(g.map((r) => [r.value, r.writes] as const));
    const over = g.filter((r) => Number.isFinite(r.extUs)).map((r) => r.extUs - r.us);
    return {
      name: g[0]!.name,
      weightFn: g[0]!.weightFn,
      component: g[0]!.component,
      base: line.base,
      slope: line.slope,
      r2: line.r2,
      writesBase: writes.base,
      writesSlope: writes.slope,
      extOverhead: over.length ? median(over) : Number.NaN,
      declaredRatio: Math.max(...g.map((r) => r.declaredUs / Math.max(r.us, 0.01))),
    };
  });
}

/** How the weights are made from the fits: `margin × (factor × execution + writes × keyUs)`. */
export interface WeightRule {
  /** Trie root + commit per changed key, µs. */
  keyUs: number;
  /** In-block execution / isolated median (`blockFactor`). */
  factor: number;
  margin: number;
}

/** The weight a fit gives, µs, base and slope rounded up to two significant digits. */
export function proposal(f: Fit, rule: WeightRule): { base: number; slope: number } {
  return {
    base: ceilSignificant(rule.margin * (rule.factor * Math.max(0, f.base) + Math.max(0, f.writesBase) * rule.keyUs)),
    slope: ceilSignificant(rule.margin * (rule.factor * f.slope + f.writesSlope * rule.keyUs)),
  };
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);

/** Prints rows as an aligned table. */
export function table(head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? pad(c, widths[i]!) : lpad(c, widths[i]!))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

/** The measured points. */
export function printRows(rows: readonly Row[]): void {
  table(
    ['pallet.call', 'component', 'value', 'dispatch µs', 'extrinsic µs', 'writes', 'declared µs', 'declared/measured'],
    rows.map((r) => [r.name, r.component, String(r.value), fmt(r.us, 2), fmt(r.extUs, 2), String(r.writes), fmt(r.declaredUs, 1), fmt(r.declaredUs / Math.max(r.us, 0.01), 1)]),
  );
}

/** The fitted lines and the weights they give. */
export function printFits(fits: readonly Fit[], rule: WeightRule): void {
  table(
    ['pallet.call', 'weights fn', 'component', 'base µs', 'slope µs', 'R²', 'writes', 'ext µs', `weight = ${rule.margin}× (${fmt(rule.factor, 2)} × exec + writes × ${fmt(rule.keyUs, 0)} µs)`],
    fits.map((f) => {
      const p = proposal(f, rule);
      const writes = f.writesSlope ? `${fmt(f.writesBase, 0)}+${fmt(f.writesSlope, 2)}x` : fmt(f.writesBase, 0);
      return [f.name, f.weightFn, f.component, fmt(f.base, 2), fmt(f.slope, 3), fmt(f.r2, 2), writes, fmt(f.extOverhead, 1), f.slope || f.writesSlope ? `${p.base} + ${p.slope}·x µs` : `${p.base} µs`];
    }),
  );
}
