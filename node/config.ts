/**
 * One zod schema for the node's flags: it parses the CLI, fills the defaults (and what `--dev` implies) and
 * produces `--help`.
 */
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);

export const NodeFlagsSchema = z.object({
  dev: z.boolean().default(false).describe('Single-validator development chain: --chain dev --alice --validator --tmp, unsafe RPC, CORS all'),
  chain: z.string().optional().describe('Chain spec: dev, local, or a path to a JSON spec'),
  'base-path': z.string().optional().describe('Where the node keeps its data: <base>/chains/<id>/{db,keystore,blobs}'),
  tmp: z.boolean().default(false).describe('Run in a temporary directory, deleted on exit'),
  name: z.string().max(64).optional().describe('Node name shown to peers and telemetry'),
  validator: z.boolean().default(false).describe('Author blocks (needs a key: --alice … --ferdie in dev)'),
  alice: z.boolean().default(false),
  bob: z.boolean().default(false),
  charlie: z.boolean().default(false),
  dave: z.boolean().default(false),
  eve: z.boolean().default(false),
  ferdie: z.boolean().default(false),
  'rpc-port': port.default(9944).describe('JSON-RPC port (WebSocket and HTTP)'),
  'rpc-external': z.boolean().default(false).describe('Listen on all interfaces instead of 127.0.0.1'),
  'rpc-cors': z.string().optional().describe('Allowed browser origins: all, none, or a comma-separated list'),
  'rpc-methods': z.enum(['auto', 'safe', 'unsafe']).default('auto').describe('auto: unsafe (and dev_*) methods only with --dev'),
  'eth-rpc': z.boolean().default(true).describe('Serve the Ethereum JSON-RPC on its own port too (--no-eth-rpc: only on --rpc-port)'),
  'eth-rpc-port': port.optional().describe('Ethereum JSON-RPC port, HTTP and WebSocket (default 8545 with --dev, else off; 0 = random)'),
  'rpc-max-connections': z.coerce.number().int().min(1).max(100_000).default(100),
  'rpc-max-request-size': z.coerce.number().int().min(1).max(1024).default(15).describe('MiB'),
  'rpc-max-subscriptions-per-connection': z.coerce.number().int().min(1).default(1024),
  'block-time': z.coerce.number().int().min(1).max(3_600_000).optional().describe('Author a block every N ms (default 6000; 2000 with --dev)'),
  'instant-seal': z.boolean().default(false).describe('Author a block as soon as the pool has a transaction'),
  'manual-seal': z.boolean().default(false).describe('Author blocks only on dev_newBlock'),
  'pool-limit': z.coerce.number().int().min(1).default(8192).describe('Most transactions in the pool'),
  'verifier-threads': z.coerce.number().int().min(0).max(64).optional().describe('Signature-verification threads (default: all cores)'),
  'ort-provider': z.enum(['cpu', 'cuda']).default('cpu').describe('onnxruntime execution provider of the inference precompile (cuda falls back to cpu with a warning)'),
  'check-invariants': z.boolean().optional().describe('Check total issuance and job escrow after every block (default with --dev)'),
  log: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});
export type NodeFlags = z.infer<typeof NodeFlagsSchema>;

export const DEV_KEYS = ['alice', 'bob', 'charlie', 'dave', 'eve', 'ferdie'] as const;

/** Flags after applying `--dev`'s implications and the defaults that depend on other flags. */
export interface NodeConfig extends NodeFlags {
  chain: string;
  'check-invariants': boolean;
  /** The dev key (`//Alice`) this node authors with, if any. */
  authorKey: string | undefined;
  authoring: { kind: 'interval'; ms: number } | { kind: 'instant' } | { kind: 'manual' };
  exposeUnsafe: boolean;
  cors: 'all' | 'none' | string[];
  /** The dedicated Ethereum RPC port (undefined: none); `fallback` when the default port may move if taken. */
  ethRpc: { port: number; fallback: boolean } | undefined;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function resolveConfig(flags: NodeFlags): NodeConfig {
  const chain = flags.chain ?? (flags.dev ? 'dev' : 'local');
  const chosen = DEV_KEYS.filter((k) => flags[k]);
  if (chosen.length > 1) throw new ConfigError(`choose one of --${chosen.join(', --')}`);
  const devKey = chosen[0] ?? (flags.dev ? 'alice' : undefined);
  const validator = flags.validator || flags.dev || chosen.length > 0;
  if (validator && !devKey) throw new ConfigError('--validator needs a key: use --alice … --ferdie (a keystore comes with the consensus work)');
  const modes = [flags['instant-seal'], flags['manual-seal'], flags['block-time'] !== undefined].filter(Boolean).length;
  if (modes > 1) throw new ConfigError('choose one of --block-time, --instant-seal, --manual-seal');
  const authoring: NodeConfig['authoring'] = flags['instant-seal']
    ? { kind: 'instant' }
    : flags['manual-seal']
      ? { kind: 'manual' }
      : { kind: 'interval', ms: flags['block-time'] ?? (flags.dev ? 2000 : 6000) };
  const cors = flags['rpc-cors'] ?? (flags.dev ? 'all' : 'localhost');
  const corsList: NodeConfig['cors'] =
    cors === 'all' ? 'all' : cors === 'none' ? 'none' : cors === 'localhost' ? ['http://localhost', 'http://127.0.0.1', 'https://localhost', 'https://127.0.0.1', 'https://polkadot.js.org'] : cors.split(',').map((s) => s.trim());
  const exposeUnsafe = flags['rpc-methods'] === 'unsafe' || (flags['rpc-methods'] === 'auto' && flags.dev);
  return {
    ...flags,
    chain,
    tmp: flags.tmp || (flags.dev && !flags['base-path']),
    'check-invariants': flags['check-invariants'] ?? flags.dev,
    validator,
    authorKey: validator && devKey ? `//${devKey[0]!.toUpperCase()}${devKey.slice(1)}` : undefined,
    authoring,
    exposeUnsafe,
    cors: corsList,
    ethRpc: !flags['eth-rpc']
      ? undefined
      : flags['eth-rpc-port'] !== undefined
        ? { port: flags['eth-rpc-port'], fallback: false }
        : flags.dev
          ? { port: 8545, fallback: true }
          : undefined,
  };
}

/** `--help` text from the schema. */
export function flagsHelp(): string {
  const lines: string[] = [];
  for (const [name, schema] of Object.entries(NodeFlagsSchema.shape)) {
    const desc = (schema as z.ZodType).description ?? '';
    lines.push(`  --${name.padEnd(38)} ${desc}`);
  }
  return lines.join('\n');
}
