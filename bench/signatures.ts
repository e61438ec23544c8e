/**
 * Signature verification throughput: each sr25519 verifier on one thread, then the worker pool
 * with 1 and 2 threads (the "verification ceiling" the node benchmark compares against).
 *
 *   node --import tsx bench/signatures.ts [--pool-items N] [--rounds R]
 *
 * Every figure is the best of R rounds, with the single-thread candidates interleaved round by
 * round, so a busy machine (other processes on the 2 cores) skews them less and alike.
 */
import { availableParallelism, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { sr25519_verify as schnorrkelVerify } from '@polkadot-labs/schnorrkel-wasm';
import { Keyring } from '@polkadot/keyring';
import { sr25519Verify as wasmCryptoVerify } from '@polkadot/wasm-crypto';
import { cryptoWaitReady, sr25519Verify as utilCryptoVerify } from '@polkadot/util-crypto';
import { verify as scureVerify } from '@scure/sr25519';
import { verifySr25519 } from '../runtime/crypto/sr25519.ts';
import { SignatureVerifierPool } from '../runtime/crypto/verifier-pool.ts';
import { cryptoReady, verifySignature, type SignatureScheme, type SignedItem } from '../runtime/crypto/verify.ts';

/** Signed items from `signers` distinct //benchN accounts, `perSigner` messages each. */
export async function signedItems(scheme: SignatureScheme, signers: number, perSigner: number): Promise<SignedItem[]> {
  await Promise.all([cryptoWaitReady(), cryptoReady()]);
  const keyring = new Keyring({ type: scheme });
  const items: SignedItem[] = [];
  for (let s = 0; s < signers; s++) {
    const pair = keyring.addFromUri(`//bench${s}`);
    for (let m = 0; m < perSigner; m++) {
      // A typical extrinsic signing payload is ~100-250 bytes.
      const message = new TextEncoder().encode(`transfer ${s}:${m} `.padEnd(160, '.'));
      items.push({ scheme, signer: pair.addressRaw, signature: pair.sign(message), message });
    }
  }
  return items;
}

function cycle(items: readonly SignedItem[], n: number): SignedItem[] {
  return Array.from({ length: n }, (_, i) => items[i % items.length]!);
}

/**
 * Pool throughput for one `verifyBatch` of `n` sr25519 items (best of `rounds`, after a warm-up
 * batch), in verifies/s. `threads` defaults to os.availableParallelism(), as the node's pool does.
 */
export async function measureVerifyCeiling(n: number, threads = availableParallelism(), rounds = 3): Promise<{ perSecond: number; threads: number }> {
  const items = cycle(await signedItems('sr25519', 32, 8), n);
  const pool = await SignatureVerifierPool.create({ threads });
  try {
    await pool.verifyBatch(items.slice(0, Math.min(n, 1024))); // warm up JIT and key caches
    let best = 0;
    for (let round = 0; round < rounds; round++) {
      const start = performance.now();
      const results = await pool.verifyBatch(items);
      const seconds = (performance.now() - start) / 1000;
      if (!results.every(Boolean)) throw new Error('pool rejected a valid benchmark signature');
      best = Math.max(best, n / seconds);
    }
    return { perSecond: best, threads };
  } finally {
    await pool.close();
  }
}

type Candidate = { name: string; items: readonly SignedItem[]; verify: (item: SignedItem) => boolean };

/** Runs `verify` over `items` round-robin for about `seconds`, returning verifies/s. */
function rate({ items, verify }: Candidate, seconds: number): number {
  let count = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  while (performance.now() < deadline) {
    for (let i = 0; i < 32; i++) verify(items[count++ % items.length]!);
  }
  return count / ((performance.now() - start) / 1000);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'pool-items': { type: 'string', default: '20000' }, rounds: { type: 'string', default: '5' } }, strict: true });
  const poolItems = Number(values['pool-items']);
  const rounds = Number(values.rounds);
  if (!(Number.isInteger(poolItems) && poolItems > 0 && Number.isInteger(rounds) && rounds > 0)) throw new Error('--pool-items and --rounds must be positive integers');
  const loadAtStart = loadavg()[0]!;
  const sr = await signedItems('sr25519', 32, 8);
  const candidates: Candidate[] = [
    { name: 'sr25519 @polkadot-labs/schnorrkel-wasm (raw, unguarded)', items: sr, verify: (x) => schnorrkelVerify(x.signer, x.message, x.signature) },
    { name: 'sr25519 runtime verifySignature (guarded schnorrkel-wasm)', items: sr, verify: verifySignature },
    { name: 'sr25519 runtime, public-key cache off (new signer each time)', items: sr, verify: (x) => verifySr25519(x.signer, x.message, x.signature, false) },
    { name: 'sr25519 @polkadot/wasm-crypto sr25519Verify', items: sr, verify: (x) => wasmCryptoVerify(x.signature, x.message, x.signer) },
    { name: 'sr25519 @scure/sr25519 verify', items: sr, verify: (x) => scureVerify(x.message, x.signature, x.signer) },
    { name: 'sr25519 @polkadot/util-crypto sr25519Verify', items: sr, verify: (x) => utilCryptoVerify(x.message, x.signature, x.signer) },
    { name: 'ed25519 runtime verifySignature', items: await signedItems('ed25519', 16, 4), verify: verifySignature },
    { name: 'ecdsa runtime verifySignature', items: await signedItems('ecdsa', 16, 4), verify: verifySignature },
  ];
  for (const c of candidates) {
    for (const item of c.items.slice(0, 8)) if (!c.verify(item)) throw new Error(`${c.name} rejected a valid benchmark signature`);
    for (let i = 0; i < 50; i++) c.verify(c.items[i % c.items.length]!); // warm-up
  }
  console.log(`sr25519: ${sr.length} distinct 160-byte payloads from 32 signers; best of ${rounds} rounds of 0.4 s each`);
  const best = new Map<string, number>();
  for (let round = 0; round < rounds; round++) {
    for (const c of candidates) best.set(c.name, Math.max(best.get(c.name) ?? 0, rate(c, 0.4)));
    console.log(`  round ${round + 1}/${rounds} done`);
  }
  const rows: [string, number][] = [...best];
  for (const threads of [...new Set([1, 2, availableParallelism()])]) {
    const { perSecond } = await measureVerifyCeiling(poolItems, threads, rounds);
    rows.push([`sr25519 SignatureVerifierPool, ${threads} thread${threads === 1 ? '' : 's'} (${poolItems}-item batch)`, perSecond]);
  }
  const width = Math.max(...rows.map(([name]) => name.length));
  console.log(`\n${'verifier'.padEnd(width)}  verifies/s`);
  console.log(`${'-'.repeat(width)}  ----------`);
  for (const [name, perSecond] of rows) console.log(`${name.padEnd(width)}  ${Math.round(perSecond).toLocaleString('en-US').padStart(10)}`);
  const load = `1-min load average ${loadAtStart.toFixed(1)} at start, ${loadavg()[0]!.toFixed(1)} at end`;
  console.log(`\n(${availableParallelism()} cores; ${load}; the pool's main thread only packs and dispatches)`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
