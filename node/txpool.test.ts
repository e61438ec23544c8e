/**
 * The pool against a real chain: Substrate's error codes for each rejection, future/ready queues, replacement by
 * tip, the size bound, bans, and a fuzz run of thousands of random and mutated extrinsics.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cryptoReady } from '../runtime/crypto/verify.ts';
import { SignatureVerifierPool } from '../runtime/crypto/verifier-pool.ts';
import { signExtrinsic, transferCall } from '../runtime/extrinsic/sign.ts';
import { createRuntime, UNIT } from '../runtime/runtime.ts';
import { ChainDb } from '../storage/chain-db.ts';
import type { TxStatus } from './chain-api.ts';
import { Chain } from './chain.ts';
import { authoritiesOf, genesisStorage, loadChainSpec } from './chain-spec.ts';
import { createLogger } from './log.ts';
import { DEFAULT_POOL_OPTIONS, PoolError, TxPool } from './txpool.ts';

const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
const alice = keyring.addFromUri('//Alice');
const bob = keyring.addFromUri('//Bob');
const nobody = keyring.addFromUri('//Nobody');

let dir: string;
let db: ChainDb;
let chain: Chain;
let verifier: SignatureVerifierPool;

beforeAll(async () => {
  await Promise.all([cryptoWaitReady(), cryptoReady()]);
  dir = mkdtempSync(join(tmpdir(), 'trainchain-pool-'));
  db = await ChainDb.open(join(dir, 'db'));
  const runtime = createRuntime();
  const spec = loadChainSpec('dev');
  chain = await Chain.open({ runtime, db, genesis: genesisStorage(spec, runtime), authorities: authoritiesOf(spec), log: createLogger('error'), instantFinality: true });
  verifier = await SignatureVerifierPool.create({ threads: 0 });
});
afterAll(async () => {
  await verifier.close();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

function newPool(opts: Partial<typeof DEFAULT_POOL_OPTIONS> = {}): TxPool {
  return new TxPool({ runtime: chain.runtime, bestState: () => chain.bestState, bestNumber: () => chain.best().number, bestHash: () => chain.best().hash }, verifier, { ...DEFAULT_POOL_OPTIONS, ...opts });
}
const transfer = (signer = alice, nonce = 0, tip = 0n, amount = UNIT) => signExtrinsic(chain.runtime, signer, transferCall(bob.publicKey, amount), { nonce, tip });
const nonceOf = (pair = alice) => chain.runtime.system.accounts.get(chain.bestState, pair.publicKey).nonce;

async function rejection(p: Promise<unknown>): Promise<{ code: number; data?: string }> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(PoolError);
    return { code: (e as PoolError).code, data: (e as PoolError).data };
  }
  throw new Error('expected a rejection');
}

describe('TxPool', () => {
  it('accepts a valid transaction as ready, and tracks the next nonce', async () => {
    const pool = newPool();
    const statuses: TxStatus[] = [];
    const n = nonceOf();
    await pool.submit(transfer(alice, n), (s) => statuses.push(s));
    expect(statuses).toEqual(['ready']);
    expect(pool.pending().length).toBe(1);
    expect(pool.nextNonce(alice.publicKey)).toBe(n + 1);
  });

  it('queues a future nonce until the gap is filled, then orders by nonce', async () => {
    const pool = newPool();
    const n = nonceOf();
    const statuses: TxStatus[] = [];
    await pool.submit(transfer(alice, n + 1), (s) => statuses.push(s));
    expect(statuses).toEqual(['future']);
    expect(pool.ready()).toHaveLength(0);
    await pool.submit(transfer(alice, n));
    expect(pool.ready().map((e) => e.signed!.nonce)).toEqual([n, n + 1]);
  });

  it('rejects with Substrate codes: 1002 undecodable, 1010 bad proof / stale / payment, 1012 banned, 1013 duplicate', async () => {
    const pool = newPool();
    expect((await rejection(pool.submit(new Uint8Array([1, 2, 3])))).code).toBe(1002);
    const good = transfer(alice, nonceOf());
    const forged = good.slice();
    forged[40]! ^= 1;
    expect(await rejection(pool.submit(forged))).toEqual({ code: 1010, data: 'Transaction has a bad signature' });
    expect((await rejection(pool.submit(forged))).code).toBe(1012);
    await pool.submit(good);
    expect((await rejection(pool.submit(good))).code).toBe(1013);
    expect((await rejection(pool.submit(transfer(nobody, 0)))).data).toBe('Inability to pay some fees (e.g. account balance too low)');
  });

  it('rejects a stale nonce after a block used it', async () => {
    const pool = newPool();
    const n = nonceOf();
    const tx = transfer(alice, n, 0n, 2n * UNIT);
    await pool.submit(tx);
    const { block } = await chain.author(pool.ready(), { timestamp: BigInt(Date.now()) }, alice);
    pool.onBlockImported(block.hash, block.extrinsics, true);
    expect(pool.pending()).toHaveLength(0);
    expect(await rejection(pool.submit(transfer(alice, n, 5n)))).toEqual({ code: 1010, data: 'Transaction is outdated' });
  });

  it('replaces a transaction only for a higher tip (1014 otherwise), reporting usurped', async () => {
    const pool = newPool();
    const n = nonceOf();
    const statuses: TxStatus[] = [];
    await pool.submit(transfer(alice, n, 1n), (s) => statuses.push(s));
    expect((await rejection(pool.submit(transfer(alice, n, 1n, 3n * UNIT)))).code).toBe(1014);
    await pool.submit(transfer(alice, n, 10n));
    expect(statuses[1]).toHaveProperty('usurped');
    expect(pool.pending()).toHaveLength(1);
  });

  it('bounds its size: a lower-priority transaction is dropped immediately (1016), a higher one evicts', async () => {
    const pool = newPool({ maxCount: 2 });
    const n = nonceOf();
    await pool.submit(transfer(alice, n, 100n));
    await pool.submit(transfer(alice, n + 1, 100n));
    const charlie = keyring.addFromUri('//Charlie');
    expect((await rejection(pool.submit(transfer(charlie, nonceOf(charlie), 0n)))).code).toBe(1016);
    await pool.submit(transfer(charlie, nonceOf(charlie), 10_000n));
    expect(pool.size).toBe(2);
  });

  it('survives thousands of random and mutated extrinsics, then still accepts and includes a valid one', async () => {
    const pool = newPool();
    const valid = transfer(alice, nonceOf(), 0n, 7n);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }),
          fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 1, max: 255 })).map(([i, x]) => {
            const m = valid.slice();
            m[i]! ^= x;
            return m;
          }),
          fc.nat(valid.length).map((n) => valid.slice(0, n)),
        ),
        async (bytes) => {
          try {
            await pool.submit(bytes);
          } catch (e) {
            // Every rejection is a typed pool error with a Substrate code, never a crash.
            expect(e).toBeInstanceOf(PoolError);
            expect([1002, 1010, 1011, 1012, 1013, 1014, 1016]).toContain((e as PoolError).code);
          }
        },
      ),
      { numRuns: 3000 },
    );
    const n = nonceOf();
    const fresh = transfer(alice, n, 1n, 11n);
    await pool.submit(fresh).catch(() => undefined);
    const { block, rejected } = await chain.author(pool.ready(), { timestamp: BigInt(Date.now()) }, alice);
    expect(rejected).toEqual([]);
    expect(block.extrinsics.length).toBeGreaterThanOrEqual(2);
    expect(nonceOf()).toBeGreaterThan(n);
  }, 120_000);
});
