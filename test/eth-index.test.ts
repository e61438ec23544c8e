/** The Ethereum index over a real ChainDb: live indexing, catch-up after a restart, lookups. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BlockInfo, ChainEvent } from '../node/chain-api.ts';
import { EthIndex } from '../node/eth-index.ts';
import { createLogger } from '../node/log.ts';
import { ChainDb } from '../storage/chain-db.ts';

const h = (n: number, tag: number) => new Uint8Array(32).fill(tag).map((b, i) => (i === 31 ? n : b));

class FakeChain {
  blocks: BlockInfo[] = [];
  private listeners = new Set<(e: ChainEvent) => void>();
  add(): BlockInfo {
    const b = { number: this.blocks.length, hash: h(this.blocks.length, 0xcc) } as BlockInfo;
    this.blocks.push(b);
    for (const l of this.listeners) l({ type: 'newBlock', block: b, best: true });
    return b;
  }
  best = () => this.blocks[this.blocks.length - 1]!;
  hashAt = async (n: number) => this.blocks[n]?.hash;
  blockByHash = async (hash: Uint8Array) => this.blocks.find((b) => b.hash[31] === hash[31]);
  on(l: (e: ChainEvent) => void) {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}

/** Block n has Ethereum hash 0xee…n and n transactions 0xt…. */
const load = async (sub: BlockInfo) => ({ hash: h(sub.number, 0xee), txHashes: Array.from({ length: sub.number }, (_, i) => h(sub.number * 16 + i, 0x77)) });

describe('EthIndex', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('indexes blocks as they come and catches up after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eth-index-'));
    dirs.push(dir);
    const log = createLogger('error');
    const chain = new FakeChain();
    chain.add();
    chain.add();
    let db = await ChainDb.open(dir);
    let index = new EthIndex(db, log);
    await index.start(chain, load);
    chain.add();
    await index.flush();
    expect(await index.blockNumber(h(2, 0xee))).toBe(2);
    expect(await index.txLocation(h(2 * 16 + 1, 0x77))).toEqual({ number: 2, index: 1 });
    await index.stop();
    await db.close();

    // Blocks committed while the index was down are indexed on the next start.
    chain.add();
    chain.add();
    db = await ChainDb.open(dir);
    index = new EthIndex(db, log);
    await index.start(chain, load);
    await index.flush();
    expect(await index.blockNumber(h(4, 0xee))).toBe(4);
    expect(await index.txLocation(h(4 * 16 + 3, 0x77))).toEqual({ number: 4, index: 3 });
    expect(await index.blockNumber(h(0, 0xee))).toBe(0);
    expect(await index.blockNumber(h(9, 0xee))).toBeUndefined();
    await index.stop();
    await db.close();
  });
});
