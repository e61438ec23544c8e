import { describe, expect, it } from 'vitest';

import { LruCache } from './lru-cache.ts';

describe('LruCache', () => {
  it('evicts least recently used entries past its byte budget', () => {
    const entry = new Uint8Array(40); // charged 40 + 160 overhead = 200
    const cache = new LruCache(600);
    cache.set('a', entry);
    cache.set('b', entry);
    cache.set('c', entry);
    expect(cache.get('a')).toBe(entry); // a is now the most recent
    cache.set('d', entry); // over budget: b (least recent) goes
    expect(cache.get('b')).toBeUndefined();
    expect(['a', 'c', 'd'].map((k) => cache.get(k) !== undefined)).toEqual([true, true, true]);
    expect(cache.byteSize).toBe(600);
    expect(cache.counters).toMatchObject({ evictions: 1, misses: 1 });
  });

  it('replaces values in place and ignores values larger than the budget', () => {
    const cache = new LruCache(1000);
    cache.set('a', new Uint8Array(10));
    cache.set('a', new Uint8Array(20));
    expect(cache.size).toBe(1);
    expect(cache.byteSize).toBe(180);
    cache.set('huge', new Uint8Array(2000));
    expect(cache.get('huge')).toBeUndefined();
    cache.clear();
    expect([cache.size, cache.byteSize]).toEqual([0, 0]);
  });
});
