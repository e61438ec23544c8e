/**
 * `trainchain`: the node (default command) and its tools: `build-spec`, `purge-chain`, `key`.
 * Errors reach the user as one clear line (`Error: …`) and exit code 1, never a stack trace.
 */
import { parseArgs } from 'node:util';
import { ConfigError, flagsHelp, NodeFlagsSchema, resolveConfig } from '../node/config.ts';
import { ChainSpecError } from '../node/chain-spec.ts';
import { ChainError } from '../node/chain.ts';
import { VERSION } from '../node/version.ts';
import { StorageError } from '../storage/errors.ts';
import { runBuildSpec } from './commands/build-spec.ts';
import { runBlobCommand } from './commands/blob.ts';
import { runDatasetImport } from './commands/dataset-import.ts';
import { runDatasetRegister } from './commands/dataset-register.ts';
import { runJobCommand } from './commands/job.ts';
import { runKeyCommand } from './commands/key.ts';
import { runModelInit } from './commands/model-init.ts';
import { runModelRegister } from './commands/model-register.ts';
import { runWorkerCommand } from './commands/worker.ts';
import { runPurgeChain } from './commands/purge-chain.ts';

const USAGE = `trainchain ${VERSION}: a blockchain for decentralized AI training and inference

Usage:
  trainchain [--dev] [flags]                 run a node
  trainchain build-spec [--chain dev|local|PATH] [--raw]
  trainchain purge-chain [--chain ID] [--base-path PATH] [-y]
  trainchain key generate|inspect …          (trainchain key --help)
  trainchain blob add|get|cid …              (trainchain blob --help)
  trainchain model init mlp|cnn …            (trainchain model init --help)
  trainchain model register DIR …            (trainchain model register --help)
  trainchain job post|status …               (trainchain job --help)
  trainchain worker --role trainer --suri SURI [--ort-provider cpu|cuda] [--rpc URL] [--data-dir DIR] [--serve-port P]
  trainchain dataset import --csv|--idx …    (trainchain dataset import --help)
  trainchain dataset register FILE.tds …     (trainchain dataset register --help)

Node flags:
${flagsHelp()}`;

const print = (line: string) => process.stdout.write(`${line}\n`);
const printErr = (line: string) => process.stderr.write(`${line}\n`);

const KNOWN_ERRORS = [ConfigError, ChainSpecError, ChainError, StorageError];

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'key') return await runKeyCommand(rest, print);
    if (command === 'blob') return await runBlobCommand(rest);
    if (command === 'worker') return await runWorkerCommand(rest);
    if (command === 'job') return await runJobCommand(rest, print);
    if (command === 'model' && rest[0] === 'init') return await runModelInit(rest.slice(1), print);
    if (command === 'dataset' && rest[0] === 'import') return await runDatasetImport(rest.slice(1), print);
    if (command === 'model' && rest[0] === 'register') return await runModelRegister(rest.slice(1), print, printErr);
    if (command === 'dataset' && rest[0] === 'register') return await runDatasetRegister(rest.slice(1), print, printErr);
    if (command === 'build-spec') return await runBuildSpec(rest);
    if (command === 'purge-chain') return await runPurgeChain(rest);
    if (command === '--version' || command === '-V') {
      process.stdout.write(`trainchain ${VERSION}\n`);
      return 0;
    }
    if (command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (command !== undefined && !command.startsWith('-')) throw new ConfigError(`unknown command "${command}" (see trainchain --help)`);
    return await runNode(argv);
  } catch (e) {
    if (KNOWN_ERRORS.some((k) => e instanceof k) || e instanceof TypeError) {
      process.stderr.write(`Error: ${(e as Error).message}\n`);
      return 1;
    }
    throw e;
  }
}

/** Parses node flags through the zod schema (types, ranges, unknown flags are errors). */
export function parseNodeFlags(argv: string[]) {
  const options: Record<string, { type: 'string' | 'boolean' }> = {};
  for (const [name, schema] of Object.entries(NodeFlagsSchema.shape)) {
    const inner = (schema as { def?: { innerType?: { type?: string } }; type?: string }).def?.innerType?.type ?? (schema as { type?: string }).type;
    options[name] = { type: inner === 'boolean' ? 'boolean' : 'string' };
  }
  // `--no-<flag>` turns a boolean off (e.g. `--dev --no-check-invariants`); Node 20's parseArgs lacks it.
  const negated: Record<string, boolean> = {};
  const args = argv.filter((a) => {
    const name = a.startsWith('--no-') ? a.slice(5) : undefined;
    if (name === undefined || options[name]?.type !== 'boolean') return true;
    negated[name] = false;
    return false;
  });
  let values: Record<string, unknown>;
  try {
    values = { ...parseArgs({ args, options, strict: true, allowPositionals: false }).values, ...negated };
  } catch (e) {
    throw new ConfigError((e as Error).message.replace(/^TypeError \[.*?\]: /, ''));
  }
  const parsed = NodeFlagsSchema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`--${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

async function runNode(argv: string[]): Promise<number> {
  const config = resolveConfig(parseNodeFlags(argv));
  const { startNode } = await import('../node/node.ts');
  let node: Awaited<ReturnType<typeof startNode>>;
  try {
    node = await startNode(config);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'EADDRINUSE' || /address already in use/i.test(String((e as Error).message))) {
      throw new ConfigError(`RPC port ${config['rpc-port']} is already in use; is another node running? Use --rpc-port`);
    }
    throw e;
  }
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      process.stderr.write(`Received ${signal}, shutting down\n`);
      void node.stop().finally(resolve);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return 0;
}
