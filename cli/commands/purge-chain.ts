/** `trainchain purge-chain [--chain ID] [--base-path PATH] [-y]`: deletes a chain's database. */
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadChainSpec } from '../../node/chain-spec.ts';
import { ConfigError } from '../../node/config.ts';
import { purge } from '../../storage/purge.ts';

export async function runPurgeChain(argv: string[]): Promise<number> {
  let values: { chain?: string; 'base-path'?: string; y?: boolean; dev?: boolean };
  try {
    values = parseArgs({ args: argv, options: { chain: { type: 'string' }, 'base-path': { type: 'string' }, y: { type: 'boolean', short: 'y' }, dev: { type: 'boolean' } }, strict: true }).values;
  } catch (e) {
    throw new ConfigError((e as Error).message);
  }
  const spec = loadChainSpec(values.chain ?? (values.dev ? 'dev' : 'local'));
  const base = values['base-path'] ?? join(process.env.HOME ?? '.', '.local', 'share', 'trainchain');
  const dbPath = join(base, 'chains', spec.id, 'db');
  if (!existsSync(dbPath)) {
    process.stdout.write(`${dbPath} did not exist.\n`);
    return 0;
  }
  if (!values.y) {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    const answer = await rl.question(`Are you sure to remove "${dbPath}"? [y/N]: `);
    rl.close();
    if (!/^y(es)?$/i.test(answer.trim())) {
      process.stdout.write('Aborted\n');
      return 0;
    }
  }
  await purge(dbPath);
  process.stdout.write(`"${dbPath}" removed.\n`);
  return 0;
}
