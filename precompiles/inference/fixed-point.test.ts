/** Table tests of the fixed-point conversions of `inferFixed`. */
import { describe, expect, it } from 'vitest';
import { fixedToFloat32, floatToFixed } from './fixed-point.ts';

const MAX = (1n << 255n) - 1n;

describe('floatToFixed', () => {
  it.each([
    [0, 6, 0n],
    [-0, 6, 0n],
    [1.5, 0, 2n],
    [2.5, 0, 3n],
    [-2.5, 0, -3n],
    [-1.5, 0, -2n],
    [0.4999999701976776, 0, 0n], // the float32 just below 0.5
    [0.125, 2, 13n], // 12.5 → 13
    [-0.125, 2, -13n],
    [Math.fround(0.1), 6, 100000n], // 0.100000001490116… × 1e6
    [Math.fround(1e-45), 45, 1n], // the smallest subnormal float32, 1.401…e-45
    [5e-324, 324, 5n], // the smallest subnormal double, 4.94…e-324
    [Infinity, 6, MAX],
    [-Infinity, 6, -(1n << 255n)],
    [3.4028234663852886e38, 60, MAX], // FLT_MAX × 1e60 saturates
    [-3.4028234663852886e38, 0, -340282346638528859811704183484516925440n],
  ])('%s × 10^%s → %s', (y, d, want) => {
    expect(floatToFixed(y, d)).toBe(want);
  });

  it('refuses NaN', () => {
    expect(() => floatToFixed(NaN, 6)).toThrow(RangeError);
  });

  it('is exact for values beyond 2^53', () => {
    expect(floatToFixed(2 ** 60, 3)).toBe(2n ** 60n * 1000n);
  });
});

describe('fixedToFloat32', () => {
  it('divides by 10^decimals and rounds to float32', () => {
    expect([...fixedToFloat32([1_500_000n, -250_000n, 0n], 6)]).toEqual([1.5, -0.25, 0]);
    expect(fixedToFloat32([1n], 1)[0]).toBe(Math.fround(0.1));
    expect(fixedToFloat32([10n ** 60n], 0)[0]).toBe(Infinity);
  });
});
