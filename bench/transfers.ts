/**
 * Signed balance transfers per second through the node's own path: pool ingress (decode, parallel signature
 * check, validation) → block authoring → trie root → one LevelDB batch, for blocks of 100 and 1,000 transfers.
 * Compared, in the same run, with the raw signature-verification ceiling of the worker pool. Also: importing
 * the same blocks on a second node (re-execution with signature checks), and database growth per 10k transfers.
 *
 *   node --import tsx bench/transfers.ts [--transfers N]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { authoritiesOf, genesisStorage, loadChainSpec } from '../node/chain-spec.ts';
import { Chain } from '../node/chain.ts';
import { createLogger } from '../node/log.ts';
import { DEFAULT_POOL_OPTIONS, TxPool } from '../node/txpool.ts';
import { cryptoReady } from '../runtime/crypto/verify.ts';
import { SignatureVerifierPool } from '../runtime/crypto/verifier-pool.ts';
import { signExtrinsic, transferCall } from '../runtime/extrinsic/sign.ts';
import { createRuntime, UNIT } from '../runtime/runtime.ts';
import { ChainDb } from '../storage/chain-db.ts';
import { measureVerifyCeiling } from './signatures.ts';

export interface TransferBenchResult {
  blockSize: number;
  transfers: number;
  perSecond: number;
  ingressPerSecond: number;
  authorMsPerBlock: number;
  importPerSecond: number;
  ceilingPerSecond: number;
  bytesPer10k: number;
}

async function openChain(dir: string, verifier: SignatureVerifierPool) {
  const db = await ChainDb.open(join(dir, 'db'));
  const runtime = createRuntime();
  const spec = loadChainSpec('dev');
  const chain = await Chain.open({ runtime, db, genesis: genesisStorage(spec, runtime), authorities: authoritiesOf(spec), log: createLogger(process.env.BENCH_LOG === 'debug' ? 'debug' : 'error'), instantFinality: true, verifier });
  return { db, chain };
}

/** One run: `transfers` transfers from the 12 endowed dev accounts to fresh accounts, in blocks of `blockSize`. */
export async function benchTransfers(transfers: number, blockSize: number, verifier: SignatureVerifierPool, ceilingPerSecond: number): Promise<TransferBenchResult> {
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const names = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'];
  const senders = [...names.map((n) => keyring.addFromUri(`//${n}`)), ...names.map((n) => keyring.addFromUri(`//${n}//stash`))];
  const dirA = mkdtempSync(join(tmpdir(), 'bench-a-'));
  const dirB = mkdtempSync(join(tmpdir(), 'bench-b-'));
  try {
    const a = await openChain(dirA, verifier);
    const pool = new TxPool({ runtime: a.chain.runtime, bestState: () => a.chain.bestState, bestNumber: () => a.chain.best().number, bestHash: () => a.chain.best().hash }, verifier, { ...DEFAULT_POOL_OPTIONS, maxCount: transfers + 10 });
    // Pre-sign outside the timed section, as clients do.
    const signed = Array.from({ length: transfers }, (_, i) => {
      const from = senders[i % senders.length]!;
      const dest = new Uint8Array(32);
      new DataView(dest.buffer).setUint32(0, i + 1);
      return signExtrinsic(a.chain.runtime, from, transferCall(dest, UNIT), { nonce: Math.floor(i / senders.length) });
    });
    const sizeBefore = (await a.db.stats()).bytesOnDisk;
    const alice = senders[0]!;
    const t0 = performance.now();
    await Promise.all(signed.map((tx) => pool.submit(tx)));
    const tIngress = performance.now();
    const blocks: { header: Uint8Array; body: Uint8Array[]; timestamp: bigint }[] = [];
    let timestamp = BigInt(Date.now());
    while (pool.size > 0) {
      timestamp += 1000n;
      const { block, rejected } = await a.chain.author(pool.ready(blockSize), { timestamp }, alice);
      if (rejected.length) throw new Error(`${rejected.length} transfers rejected: ${rejected[0]!.error.message}`);
      pool.onBlockImported(block.hash, block.extrinsics, true);
      blocks.push({ header: block.header, body: block.extrinsics, timestamp });
    }
    const t1 = performance.now();
    const sizeAfter = (await a.db.stats()).bytesOnDisk;

    const b = await openChain(dirB, verifier);
    const t2 = performance.now();
    for (const blk of blocks) await b.chain.importBlock(blk.header, blk.body, { timestamp: blk.timestamp });
    const t3 = performance.now();
    await a.db.close();
    await b.db.close();
    return {
      blockSize,
      transfers,
      perSecond: transfers / ((t1 - t0) / 1000),
      ingressPerSecond: transfers / ((tIngress - t0) / 1000),
      authorMsPerBlock: (t1 - tIngress) / blocks.length,
      importPerSecond: transfers / ((t3 - t2) / 1000),
      ceilingPerSecond,
      bytesPer10k: ((sizeAfter - sizeBefore) / transfers) * 10_000,
    };
  } finally {
    rmSync(dirA, { recursive: true, force: true });
    rmSync(dirB, { recursive: true, force: true });
  }
}

export async function runTransferBench(transfers = 6000): Promise<TransferBenchResult[]> {
  await Promise.all([cryptoWaitReady(), cryptoReady()]);
  const threads = availableParallelism();
  const verifier = await SignatureVerifierPool.create({ threads });
  try {
    const ceiling = await measureVerifyCeiling(20_000, threads);
    const results: TransferBenchResult[] = [];
    for (const blockSize of [100, 1000]) results.push(await benchTransfers(transfers, blockSize, verifier, ceiling.perSecond));
    return results;
  } finally {
    await verifier.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { transfers: { type: 'string' } } });
  const results = await runTransferBench(Number(values.transfers ?? 6000));
  console.log(`sr25519 verification ceiling (worker pool, ${availableParallelism()} threads): ${results[0]!.ceilingPerSecond.toFixed(0)} verifies/s`);
  console.table(
    results.map((r) => ({
      'block size': r.blockSize,
      transfers: r.transfers,
      'end-to-end tx/s': r.perSecond.toFixed(0),
      '% of ceiling': ((100 * r.perSecond) / r.ceilingPerSecond).toFixed(1),
      'pool ingress tx/s': r.ingressPerSecond.toFixed(0),
      'author+commit ms/block': r.authorMsPerBlock.toFixed(1),
      'import tx/s': r.importPerSecond.toFixed(0),
      'db bytes per 10k': r.bytesPer10k.toFixed(0),
    })),
  );
}
