/** `trainchain build-spec [--chain dev|local|PATH] [--raw]`: prints the chain spec JSON (raw: genesis storage). */
import { parseArgs } from 'node:util';
import { loadChainSpec, toRawSpec } from '../../node/chain-spec.ts';
import { ConfigError } from '../../node/config.ts';
import { createRuntime } from '../../runtime/runtime.ts';

export async function runBuildSpec(argv: string[]): Promise<number> {
  let values: { chain?: string; raw?: boolean; dev?: boolean };
  try {
    values = parseArgs({ args: argv, options: { chain: { type: 'string' }, raw: { type: 'boolean' }, dev: { type: 'boolean' } }, strict: true }).values;
  } catch (e) {
    throw new ConfigError((e as Error).message);
  }
  const spec = loadChainSpec(values.chain ?? (values.dev ? 'dev' : 'local'));
  const out = values.raw ? toRawSpec(spec, createRuntime()) : spec;
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  return 0;
}
