/**
 * `trainchain blob add|get|cid`: puts files into a node's content-addressed blob store and fetches them
 * back. CIDs are what `ipfs add --cid-version 1 --raw-leaves` prints for the same file; downloads are
 * checked against their CID before the output file appears.
 */
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadChainSpec } from '../../node/chain-spec.ts';
import { BlobStore } from '../../storage/blobs/blob-store.ts';
import { type BlobInfo, computeCid } from '../../storage/blobs/cid.ts';
import { BlobClient } from '../../storage/blobs/client.ts';
import { saveVerified } from '../../storage/blobs/save-verified.ts';

const USAGE = `Usage:
  trainchain blob add <file> [--rpc URL] [--json]        upload to a node; prints the CID
  trainchain blob get <cid> --out <file> [--rpc URL]     download, verified against the CID
  trainchain blob cid <file> [--json]                    compute the CID only (offline)

  --rpc URL        the node's RPC endpoint; blobs use its host and port over HTTP
                   (default ws://127.0.0.1:9944)
  --json           print one JSON object instead of text
  --local          use the blob store on disk instead of a node (add and get), with
  --base-path P    the node's base path (default ~/.local/share/trainchain) and
  --chain C        its chain: dev, local or a spec file (default local; --dev for dev)`;

/** Files are read in 1 MiB pieces: the 64 KiB default makes hashing a third slower. */
const READ = { highWaterMark: 1024 * 1024 };

const OPTIONS = {
  rpc: { type: 'string', default: 'ws://127.0.0.1:9944' },
  json: { type: 'boolean', default: false },
  local: { type: 'boolean', default: false },
  out: { type: 'string', short: 'o' },
  'base-path': { type: 'string' },
  chain: { type: 'string' },
  dev: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

type Flags = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

/** A line printer: the CLI passes one that writes to stdout (or stderr), tests collect lines. */
export type LineWriter = (line: string) => void;

/**
 * Runs `trainchain blob …` with `argv` after the word `blob`; returns the exit code. Results go to
 * `out`; a failure is one line `Error: …` on `err` and exit code 1, never a stack trace.
 */
export async function runBlobCommand(
  argv: string[],
  out: LineWriter = (l) => process.stdout.write(`${l}\n`),
  err: LineWriter = (l) => process.stderr.write(`${l}\n`),
): Promise<number> {
  try {
    const { values, positionals } = parse(argv);
    const [sub, arg, ...extra] = positionals;
    if (values.help || sub === undefined || sub === 'help') {
      out(USAGE);
      return 0;
    }
    if (extra.length > 0) throw new Error(`unexpected argument "${extra[0]}" (see trainchain blob --help)`);
    const print = (text: string, json: Record<string, unknown>) => out(values.json ? JSON.stringify(json) : text);
    if (sub === 'add') {
      const file = required(arg, 'blob add <file>');
      const info = values.local ? await (await localStore(values)).add(createReadStream(file, READ)) : await BlobClient.fromRpcUrl(values.rpc).add(file);
      print(info.cid, { ...info, file });
    } else if (sub === 'get') {
      const cid = required(arg, 'blob get <cid> --out <file>');
      const target = required(values.out, '--out <file>');
      const info = values.local ? await getLocal(values, cid, target) : await BlobClient.fromRpcUrl(values.rpc).download(cid, target);
      print(`${info.cid} → ${target} (${info.size} bytes)`, { ...info, out: target });
    } else if (sub === 'cid') {
      const file = required(arg, 'blob cid <file>');
      const info = await computeCid(createReadStream(file, READ));
      print(info.cid, { ...info, file });
    } else {
      throw new Error(`unknown blob command "${sub}" (add, get or cid; see trainchain blob --help)`);
    }
    return 0;
  } catch (e) {
    err(`Error: ${describe(e)}`);
    return 1;
  }
}

function parse(argv: string[]): { values: Flags; positionals: string[] } {
  try {
    return parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true });
  } catch (e) {
    throw new Error((e as Error).message.replace(/^TypeError \[.*?\]: /, ''));
  }
}

function required(value: string | undefined, what: string): string {
  if (value === undefined || value === '') throw new Error(`missing ${what} (see trainchain blob --help)`);
  return value;
}

/** The store a node with the same `--base-path` and `--chain` uses: `<base>/chains/<id>/blobs`. */
async function localStore(values: Flags): Promise<BlobStore> {
  const spec = loadChainSpec(values.chain ?? (values.dev ? 'dev' : 'local'));
  const base = values['base-path'] ?? join(process.env.HOME ?? '.', '.local', 'share', 'trainchain');
  return BlobStore.open(join(base, 'chains', spec.id, 'blobs'));
}

async function getLocal(values: Flags, cid: string, target: string): Promise<BlobInfo> {
  const store = await localStore(values);
  const { size } = await store.stat(cid);
  return saveVerified(await store.get(cid), cid, target, size);
}

/** One readable line for any failure; file-system errors name the file rather than the syscall. */
function describe(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'ENOENT' && err.path) return `no such file: ${err.path}`;
  if (err.code === 'EISDIR') return `${err.path ?? 'the path'} is a directory, not a file`;
  if (err.code === 'EACCES' && err.path) return `permission denied: ${err.path}`;
  return (err.message ?? String(e)).split('\n')[0]!;
}
