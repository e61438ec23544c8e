/**
 * Statistics for `bench/weights`: medians of timed runs and least-squares line fits (`base + slope × x`), as
 * frame-benchmarking's `analysis.rs` fits each component of an extrinsic.
 */

/** The median of `xs` (the mean of the two middle values for an even count); NaN when empty. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The `q` quantile (0..1) of `xs`, nearest rank. */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

/** A fitted line: `y = base + slope × x`, with its coefficient of determination. */
export interface LineFit {
  base: number;
  slope: number;
  /** R² of the fit (1 when every point lies on the line; NaN for a single x). */
  r2: number;
}

/**
 * Ordinary least squares over `(x, y)` points. With one distinct x the line is flat through the median of the
 * ys (a call without components). A negative slope (noise on a flat cost) is clamped to 0 and the base refitted.
 */
export function fitLine(points: readonly (readonly [number, number])[]): LineFit {
  const n = points.length;
  if (n === 0) return { base: Number.NaN, slope: Number.NaN, r2: Number.NaN };
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  if (sxx === 0) return { base: median(points.map(([, y]) => y)), slope: 0, r2: Number.NaN };
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  let slope = sxy / sxx;
  let base = my - slope * mx;
  if (slope < 0) {
    slope = 0;
    base = my;
  }
  const ssTot = points.reduce((s, [, y]) => s + (y - my) ** 2, 0);
  const ssRes = points.reduce((s, [x, y]) => s + (y - base - slope * x) ** 2, 0);
  return { base, slope, r2: ssTot === 0 ? 1 : 1 - ssRes / ssTot };
}

/** `x` rounded up to `digits` significant digits (weights are written with a margin, never below it). */
export function ceilSignificant(x: number, digits = 2): number {
  if (!(x > 0)) return 0;
  const exponent = Math.floor(Math.log10(x)) - digits + 1;
  const up = Math.ceil(x / 10 ** exponent - 1e-9);
  // Through a string, so 1.4 stays 1.4 (not 1.4000000000000001).
  return Number(`${up}e${exponent}`);
}

/** A number with a fixed count of decimals, right-aligned in tables. */
export const fmt = (x: number, decimals = 1): string => (Number.isFinite(x) ? x.toFixed(decimals) : '-');

/** Picoseconds (weight ref_time) to microseconds. */
export const psToUs = (ps: bigint): number => Number(ps) / 1e6;
