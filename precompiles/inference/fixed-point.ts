/**
 * The fixed-point conversions of `inferFixed`: int256 inputs scaled by 10^decimals become float32, and float
 * outputs become round_half_away_from_zero(y × 10^decimals), computed exactly on the float's binary value and
 * saturated to the int256 range (±infinity saturates; NaN has no integer value and is refused).
 */

const INT256_MAX = (1n << 255n) - 1n;
const INT256_MIN = -(1n << 255n);

/** `values[i] / 10^decimals` rounded to float32 (via a correctly rounded double: deterministic everywhere). */
export function fixedToFloat32(values: readonly bigint[], decimals: number): Float32Array {
  const scale = 10 ** decimals;
  return Float32Array.from(values, (v) => Number(v) / scale);
}

/** Splits a finite double into an integer mantissa and a binary exponent: |y| = mantissa × 2^exponent. */
function decompose(y: number): { negative: boolean; mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, y);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  const fraction = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  // Subnormals have no implicit leading 1 and the exponent of the smallest normal.
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  return { negative: hi >>> 31 === 1, mantissa, exponent: (biased === 0 ? 1 : biased) - 1075 };
}

/** round_half_away_from_zero(y × 10^decimals), saturating to int256; throws RangeError for NaN. */
export function floatToFixed(y: number, decimals: number): bigint {
  if (Number.isNaN(y)) throw new RangeError('NaN has no fixed-point value');
  if (y === Infinity) return INT256_MAX;
  if (y === -Infinity) return INT256_MIN;
  const { negative, mantissa, exponent } = decompose(y);
  const scaled = mantissa * 10n ** BigInt(decimals);
  let magnitude: bigint;
  if (exponent >= 0) {
    // Above 2^256 the result saturates anyway; stop before building a huge bigint.
    magnitude = exponent > 300 && scaled !== 0n ? 1n << 256n : scaled << BigInt(exponent);
  } else {
    const shift = BigInt(-exponent);
    magnitude = scaled >> shift;
    const remainder = scaled - (magnitude << shift);
    if (remainder << 1n >= 1n << shift) magnitude += 1n;
  }
  const value = negative ? -magnitude : magnitude;
  return value > INT256_MAX ? INT256_MAX : value < INT256_MIN ? INT256_MIN : value;
}
