import { describe, expect, it } from 'vitest';
import { RpcError } from '../errors.ts';
import { FilterManager } from './filters.ts';
import { matchesLog, parseLogFilter } from './logs.ts';

const addr = (b: number) => new Uint8Array(20).fill(b);
const topic = (b: number) => new Uint8Array(32).fill(b);
const hex = (u: Uint8Array) => `0x${Buffer.from(u).toString('hex')}`;

describe('FilterManager', () => {
  it('expires filters that are not polled within the TTL, and polling keeps them alive', () => {
    let now = 0;
    const fm = new FilterManager({ ttlMs: 1000, now: () => now });
    const a = fm.newBlockFilter(5);
    const b = fm.newPendingFilter();
    expect(fm.touch(a)).toMatchObject({ kind: 'blocks', next: 6 });
    now = 900;
    expect(fm.touch(a)).toBeDefined();
    now = 1500;
    expect(fm.touch(b)).toBeUndefined();
    expect(fm.touch(a)).toBeDefined();
    expect(fm.size).toBe(1);
  });

  it('gives distinct hex ids, uninstalls once, and matches ids case-insensitively', () => {
    const fm = new FilterManager();
    const ids = new Set(Array.from({ length: 50 }, () => fm.newBlockFilter(0)));
    expect(ids.size).toBe(50);
    const id = [...ids][0]!;
    expect(id).toMatch(/^0x[0-9a-f]{32}$/);
    expect(fm.touch(id.toUpperCase().replace('0X', '0x'))).toBeDefined();
    expect(fm.uninstall(id)).toBe(true);
    expect(fm.uninstall(id)).toBe(false);
  });

  it('queues pending hashes per filter, bounded', () => {
    const fm = new FilterManager({ maxPending: 3 });
    const id = fm.newPendingFilter();
    for (let i = 0; i < 5; i++) fm.pushPending(Uint8Array.of(i));
    const f = fm.touch(id);
    expect(f?.kind === 'pending' && f.hashes.map((h) => h[0])).toEqual([2, 3, 4]);
  });

  it('refuses filters beyond the limit', () => {
    const fm = new FilterManager({ maxFilters: 2 });
    fm.newBlockFilter(0);
    fm.newBlockFilter(0);
    expect(() => fm.newBlockFilter(0)).toThrow(/too many filters/);
  });
});

describe('log filters', () => {
  it('matches addresses (one or many) and topics by position, null as a wildcard', () => {
    const f = parseLogFilter({ address: [hex(addr(1)), hex(addr(2)).toUpperCase().replace('0X', '0x')], topics: [hex(topic(9)), null, [hex(topic(3)), hex(topic(4))]] });
    expect(matchesLog(f.criteria, addr(2), [topic(9), topic(0), topic(4)])).toBe(true);
    expect(matchesLog(f.criteria, addr(3), [topic(9), topic(0), topic(4)])).toBe(false);
    expect(matchesLog(f.criteria, addr(1), [topic(8), topic(0), topic(4)])).toBe(false);
    expect(matchesLog(f.criteria, addr(1), [topic(9)])).toBe(false);
    expect(matchesLog(parseLogFilter({}).criteria, addr(7), [])).toBe(true);
    expect(matchesLog(parseLogFilter({ topics: [[hex(topic(1)), null]] }).criteria, addr(7), [topic(5)])).toBe(true);
  });

  it('parses ranges and block hashes, and refuses both at once', () => {
    expect(parseLogFilter({ fromBlock: '0x1', toBlock: 'latest' })).toMatchObject({ fromBlock: { kind: 'number', number: 1 }, toBlock: { kind: 'tag', tag: 'latest' } });
    expect(parseLogFilter({ blockHash: hex(topic(1)) }).blockHash).toEqual(topic(1));
    expect(() => parseLogFilter({ blockHash: hex(topic(1)), fromBlock: '0x1' })).toThrow(RpcError);
    expect(() => parseLogFilter({ topics: [1] })).toThrow(RpcError);
    expect(() => parseLogFilter({ topics: [null, null, null, null, null] })).toThrow(RpcError);
    expect(() => parseLogFilter({ address: '0x12' })).toThrow(RpcError);
  });
});
