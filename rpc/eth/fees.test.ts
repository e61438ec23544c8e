import { describe, expect, it } from 'vitest';
import { tipPercentiles } from './eth-state.ts';

describe('fee history tip percentiles', () => {
  it('weights tips by gas used, as geth does', () => {
    const txs = [
      { tip: 3n, gas: 10n },
      { tip: 1n, gas: 80n },
      { tip: 2n, gas: 10n },
    ];
    expect(tipPercentiles(txs, [0, 50, 80, 85, 95, 100])).toEqual([1n, 1n, 1n, 2n, 3n, 3n]);
  });

  it('gives zeros for an empty block', () => {
    expect(tipPercentiles([], [10, 90])).toEqual([0n, 0n]);
  });
});
