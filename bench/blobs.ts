/**
 * Blob store throughput against a plain file copy of the same file, in the same run:
 *
 *   node --import tsx bench/blobs.ts [--mib 64] [--rounds 3]
 *
 * Rows: `fs.copyFile` (the floor: no hashing, kernel copy), CID only (chunk + sha-256, nothing written),
 * `BlobStore.add` from a file stream (durable: fsync per block, as the node runs; and without fsync),
 * `BlobStore.get` to a file (every block re-hashed), and the CLI's path over HTTP (PUT /blobs, then
 * GET /blobs/<cid> saved with the CID checked on the client). Content is random; each figure is the best
 * of R rounds, in MB/s (10^6 bytes), on the shared 2-core machine, so the load average is printed too.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { RpcServer } from '../rpc/server.ts';
import { BlobStore } from '../storage/blobs/blob-store.ts';
import { computeCid } from '../storage/blobs/cid.ts';
import { BlobClient } from '../storage/blobs/client.ts';
import { registerBlobRoutes } from '../storage/blobs/http.ts';

/** Files are read in 1 MiB pieces, as the CLI does (the 64 KiB default costs a third of the CID rate). */
const READ = { highWaterMark: 1024 * 1024 };

/** One measured operation. */
export interface BlobBenchRow {
  name: string;
  /** Best wall time of the rounds. */
  ms: number;
  mbPerSecond: number;
  /** Throughput relative to `fs.copyFile` of the same file (1.0 = as fast). */
  vsCopy: number;
}

/** Everything {@link runBlobBench} measured. */
export interface BlobBenchResult {
  bytes: number;
  cid: string;
  rows: BlobBenchRow[];
  load: string;
}

/** Runs the benchmark on a random file of `mib` MiB, best of `rounds`. */
export async function runBlobBench(opts: { mib?: number; rounds?: number } = {}): Promise<BlobBenchResult> {
  const bytes = (opts.mib ?? 64) * 1024 * 1024;
  const rounds = opts.rounds ?? 3;
  const loadAtStart = loadavg()[0] ?? 0;
  const dir = await mkdtemp(join(tmpdir(), 'trainchain-bench-blobs-'));
  const server = await RpcServer.start({ port: 0, methods: {}, exposeUnsafe: false, cors: 'all', logger: () => undefined });
  try {
    const src = join(dir, 'input.bin');
    await writeFile(src, randomBytes(bytes));
    const best = async (setup: (round: number) => Promise<void>, run: (round: number) => Promise<unknown>): Promise<number> => {
      let ms = Infinity;
      for (let r = 0; r < rounds; r++) {
        await setup(r);
        const t0 = performance.now();
        await run(r);
        ms = Math.min(ms, performance.now() - t0);
      }
      return ms;
    };
    const none = async () => undefined;
    // A fresh store per round, so every add really writes (an existing blob would only be renamed over).
    const storeAt = (name: string, durable: boolean) => BlobStore.open(join(dir, name), { durable });
    let store: BlobStore | undefined;
    let cid = '';

    const timings: [string, number][] = [];
    timings.push(['fs.copyFile', await best(none, (r) => copyFile(src, join(dir, `copy-${r}.bin`)))]);
    await Promise.all(Array.from({ length: rounds }, (_, r) => rm(join(dir, `copy-${r}.bin`))));
    timings.push(['CID only (no writes)', await best(none, async () => (cid = (await computeCid(createReadStream(src, READ))).cid))]);
    for (const durable of [true, false]) {
      const label = durable ? 'BlobStore.add (fsync)' : 'BlobStore.add (no fsync)';
      timings.push([label, await best(async (r) => void (store = await storeAt(`${label.length}-${r}`, durable)), () => store!.add(createReadStream(src, READ)))]);
    }
    const getTo = (r: number) => async () => pipeline(await store!.get(cid), createWriteStream(join(dir, `get-${r}.bin`)));
    timings.push(['BlobStore.get → file', await best(none, (r) => getTo(r)())]);

    const served = await storeAt('served', true);
    registerBlobRoutes(server, served);
    const client = BlobClient.fromRpcUrl(`ws://127.0.0.1:${server.port}`);
    timings.push(['HTTP PUT /blobs (CLI add)', await best(none, () => client.add(src))]);
    timings.push(['HTTP GET + verify (CLI get)', await best(none, (r) => client.download(cid, join(dir, `dl-${r}.bin`)))]);

    const copyMs = timings[0]![1];
    const rows = timings.map(([name, ms]) => ({ name, ms, mbPerSecond: bytes / 1e6 / (ms / 1000), vsCopy: copyMs / ms }));
    const load = `${availableParallelism()} cores; 1-min load average ${loadAtStart.toFixed(1)} at start, ${(loadavg()[0] ?? 0).toFixed(1)} at end`;
    return { bytes, cid, rows, load };
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Human-readable table of a {@link BlobBenchResult}. */
export function formatBlobBench(r: BlobBenchResult): string {
  const f = (x: number, digits = 0) => x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  return [
    `${f(r.bytes / 1024 / 1024)} MiB of random bytes → ${r.cid}`,
    '',
    'operation                         ms      MB/s   vs copyFile',
    ...r.rows.map((row) => `${row.name.padEnd(28)} ${f(row.ms).padStart(7)}  ${f(row.mbPerSecond).padStart(8)}  ${f(row.vsCopy, 2).padStart(12)}`),
    '',
    `(${r.load})`,
  ].join('\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { mib: { type: 'string' }, rounds: { type: 'string' } } });
  console.log(formatBlobBench(await runBlobBench({ mib: Number(values.mib ?? 64), rounds: Number(values.rounds ?? 3) })));
}
