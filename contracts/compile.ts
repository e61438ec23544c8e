/**
 * Compiles every `.sol` file under `contracts/` with solc-js (standard JSON, optimizer on, evmVersion pinned to
 * `prague`, which the chain's Prague + EIP-7939 EVM runs) and caches the artifacts in `.cache/contracts/`
 * (git-ignored), keyed by a hash of the solc version, the settings and every source. solc-js is loaded only on
 * a cache miss: it takes seconds.
 *
 * @example
 * const { Classifier } = await compileContracts();
 * const tx = createFeeMarket1559Tx({ data: hexToBytes(Classifier.bytecode), ... });
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A parameter of a JSON ABI entry. */
export interface AbiParam {
  name: string;
  type: string;
  internalType?: string;
  indexed?: boolean;
  components?: AbiParam[];
}

/** A JSON ABI entry, as solc emits it. */
export interface AbiEntry {
  type: string;
  name?: string;
  inputs?: AbiParam[];
  outputs?: AbiParam[];
  stateMutability?: string;
  anonymous?: boolean;
}

/** One compiled contract: bytecodes are 0x-prefixed hex (empty `0x` for interfaces). */
export interface ContractArtifact {
  abi: AbiEntry[];
  bytecode: `0x${string}`;
  deployedBytecode: `0x${string}`;
  /** Function signature → 4-byte selector (hex, no 0x), from solc. */
  methodIdentifiers: Record<string, string>;
  /** Source file, relative to `contracts/`. */
  source: string;
}

/** Contract name → artifact; names are unique across `contracts/`. */
export type Artifacts = Record<string, ContractArtifact>;

/** Where the sources live and where the cache goes. */
export const CONTRACTS_DIR = fileURLToPath(new URL('.', import.meta.url));
const CACHE_DIR = join(CONTRACTS_DIR, '..', '.cache', 'contracts');

const SETTINGS = {
  optimizer: { enabled: true, runs: 200 },
  evmVersion: 'prague',
  outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object', 'evm.methodIdentifiers'] } },
} as const;

interface SolcOutput {
  errors?: { severity: string; formattedMessage: string }[];
  contracts?: Record<string, Record<string, { abi: AbiEntry[]; evm: { bytecode: { object: string }; deployedBytecode: { object: string }; methodIdentifiers: Record<string, string> } }>>;
}

interface Solc {
  compile(input: string, callbacks?: { import: (path: string) => { contents: string } | { error: string } }): string;
}

async function listSources(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listSources(p)));
    else if (e.name.endsWith('.sol')) out.push(relative(CONTRACTS_DIR, p).split(sep).join('/'));
  }
  return out.sort();
}

function solcVersion(): string {
  return (createRequire(import.meta.url)('solc/package.json') as { version: string }).version;
}

function runSolc(sources: Record<string, { content: string }>, evmVersion: string = SETTINGS.evmVersion): Artifacts {
  const solc = createRequire(import.meta.url)('solc') as Solc;
  const input = JSON.stringify({ language: 'Solidity', sources, settings: { ...SETTINGS, evmVersion } });
  const output = JSON.parse(solc.compile(input)) as SolcOutput;
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length) throw new Error(`solc failed:\n${errors.map((e) => e.formattedMessage).join('\n')}`);
  const artifacts: Artifacts = {};
  for (const [source, contracts] of Object.entries(output.contracts ?? {})) {
    for (const [name, c] of Object.entries(contracts)) {
      if (artifacts[name]) throw new Error(`contract name ${name} is defined in both ${artifacts[name].source} and ${source}`);
      artifacts[name] = {
        abi: c.abi,
        bytecode: `0x${c.evm.bytecode.object}`,
        deployedBytecode: `0x${c.evm.deployedBytecode.object}`,
        methodIdentifiers: c.evm.methodIdentifiers,
        source,
      };
    }
  }
  return artifacts;
}

/**
 * Compiles one Solidity source given as text (tests, benches, examples in docs) with the same settings, for
 * `evmVersion` (`prague` by default; `shanghai` for nodes that run nothing newer). Throws on compiler errors.
 */
export function compileSource(source: string, evmVersion = 'prague'): Artifacts {
  return runSolc({ 'Source.sol': { content: source } }, evmVersion);
}

let memo: { key: string; artifacts: Promise<Artifacts> } | undefined;

/** Compiles `contracts/**.sol` (or returns the cached artifacts of the same sources). */
export async function compileContracts(): Promise<Artifacts> {
  const files = await listSources(CONTRACTS_DIR);
  const sources: Record<string, { content: string }> = {};
  for (const f of files) sources[f] = { content: await readFile(join(CONTRACTS_DIR, f), 'utf8') };
  const key = createHash('sha256').update(JSON.stringify({ solc: solcVersion(), settings: SETTINGS, sources })).digest('hex').slice(0, 32);
  if (memo?.key === key) return memo.artifacts;
  const artifacts = (async () => {
    const file = join(CACHE_DIR, `${key}.json`);
    try {
      return JSON.parse(await readFile(file, 'utf8')) as Artifacts;
    } catch {
      const compiled = runSolc(sources);
      await mkdir(CACHE_DIR, { recursive: true });
      // Written under a unique name then renamed, so parallel test workers never read a half-written file.
      const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(tmp, JSON.stringify(compiled));
      await rename(tmp, file);
      return compiled;
    }
  })();
  memo = { key, artifacts };
  return artifacts;
}
