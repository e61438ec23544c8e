import { describe, expect, it } from 'vitest';
import { bytesToJson, toJson } from './json.ts';

describe('explorer JSON', () => {
  it.each([
    [new TextEncoder().encode('mnist-mlp'), 'mnist-mlp'],
    [Uint8Array.of(0, 1, 0xff), '0x0001ff'],
    [new Uint8Array(0), '0x'],
    [Uint8Array.of(0xc3, 0x28), '0xc328'],
  ])('shows bytes %s as %s', (bytes, shown) => expect(bytesToJson(bytes)).toBe(shown));

  it('keeps hashes and accounts hex, big integers exact, enums as { Variant: value }', () => {
    const hash = new Uint8Array(32).fill(0x41); // would read as "AAAA…" text
    expect(toJson({ who: hash, amount: 10n ** 24n, small: 5n, kind: { tag: 'Open' }, res: { tag: 'Custom', value: new TextEncoder().encode('cc-by') } })).toEqual({
      who: `0x${'41'.repeat(32)}`, amount: '1000000000000000000000000', small: 5, kind: 'Open', res: { Custom: 'cc-by' },
    });
    expect(toJson([1n, [2n]])).toEqual([1, [2]]);
    expect(toJson(new Map([[Uint8Array.of(1), 2n]]))).toEqual({ '0x01': 2 });
  });
});
