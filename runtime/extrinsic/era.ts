/** `sp_runtime::generic::Era`: transaction mortality, encoded in one byte (immortal) or two (period and phase). */
import { ScaleDecodeError } from '../scale/io.ts';

export type Era = { kind: 'immortal' } | { kind: 'mortal'; period: number; phase: number };

export function decodeEra(first: number, second: number | undefined): { era: Era; length: number } {
  if (first === 0) return { era: { kind: 'immortal' }, length: 1 };
  if (second === undefined) throw new ScaleDecodeError('truncated mortal era');
  const encoded = first + (second << 8);
  const period = 2 << (encoded % (1 << 4));
  const quantizeFactor = Math.max(period >> 12, 1);
  const phase = (encoded >> 4) * quantizeFactor;
  if (period < 4 || phase >= period) throw new ScaleDecodeError('invalid mortal era');
  return { era: { kind: 'mortal', period, phase }, length: 2 };
}

/** A mortal era starting at `current` and lasting about `period` blocks (rounded to a power of two, as Substrate). */
export function mortalEra(period: number, current: number): Era {
  let p = Math.min(Math.max(2 ** Math.ceil(Math.log2(Math.max(period, 4))), 4), 1 << 16);
  p = Math.max(4, p);
  const quantizeFactor = Math.max(p >> 12, 1);
  const phase = Math.floor((current % p) / quantizeFactor) * quantizeFactor;
  return { kind: 'mortal', period: p, phase };
}

export function encodeEra(era: Era): Uint8Array {
  if (era.kind === 'immortal') return new Uint8Array([0]);
  const quantizeFactor = Math.max(era.period >> 12, 1);
  const trailingZeros = Math.log2(era.period) - 1;
  const encoded = Math.min(15, Math.max(1, trailingZeros)) | ((era.phase / quantizeFactor) << 4);
  return new Uint8Array([encoded & 0xff, encoded >> 8]);
}

/** The block the transaction was signed against (its hash is in the signed payload). */
export function eraBirth(era: Era, current: number): number {
  if (era.kind === 'immortal') return 0;
  return Math.floor((Math.max(current, era.phase) - era.phase) / era.period) * era.period + era.phase;
}

/** First block at which the transaction is no longer valid. */
export function eraDeath(era: Era, current: number): number {
  if (era.kind === 'immortal') return Number.MAX_SAFE_INTEGER;
  return eraBirth(era, current) + era.period;
}
