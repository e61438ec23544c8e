import { describe, expect, it } from 'vitest';
import type { StateView } from '../../node/chain-api.ts';
import { keyString } from '../../runtime/state/overlay.ts';
import { LazyStateUnsupported, readLazily } from './lazy-state.ts';

function view(entries: Record<string, number>): StateView & { fetched: string[] } {
  const fetched: string[] = [];
  return {
    fetched,
    blockHash: new Uint8Array(32),
    get: async (key) => {
      const k = Buffer.from(key).toString('latin1');
      fetched.push(k);
      return k in entries ? Uint8Array.of(entries[k]!) : undefined;
    },
    keysPaged: async () => [],
    call: async () => new Uint8Array(),
  };
}

const k = (s: string) => keyString(Buffer.from(s, 'latin1'));

describe('readLazily', () => {
  it('fetches only the keys a read touches, following reads that depend on earlier values', async () => {
    const v = view({ a: 2, b2: 40, b3: 99 });
    const result = await readLazily(v, (s) => {
      const a = s.get(k('a'))?.[0] ?? 0;
      return s.get(k(`b${a}`))?.[0];
    });
    expect(result).toBe(40);
    // The first round reads `b0` (a was unknown yet): a wasted lookup, never a wrong answer.
    expect(v.fetched).toContain('b2');
    expect(v.fetched).not.toContain('b3');
  });

  it('retries a read that threw on missing data, and rethrows errors on complete data', async () => {
    const v = view({ x: 1 });
    await expect(readLazily(v, (s) => {
      if (!s.get(k('x'))) throw new Error('missing');
      return 'ok';
    })).resolves.toBe('ok');
    await expect(readLazily(v, (s) => {
      s.get(k('x'));
      throw new Error('real failure');
    })).rejects.toThrow('real failure');
  });

  it('refuses prefix iteration so the caller can fall back to a full state', async () => {
    await expect(readLazily(view({}), (s) => s.keysWithPrefix(''))).rejects.toBeInstanceOf(LazyStateUnsupported);
  });
});
