/**
 * `trainchain model register DIR`: uploads a model directory (`trainchain model init`) to the node's blob store
 * as one model pack and registers it in the models pallet (offchain-workers/trainer/register-model.ts), then
 * publishes it so jobs can train it; prints the model id, CID and hash.
 */
import { parseArgs } from 'node:util';
import { registerModel } from '../../offchain-workers/trainer/register-model.ts';
import { parseLicense } from './dataset-register.ts';
import { type Out, runCommand } from './run-command.ts';
import { CHAIN_OPTIONS, withChain } from './with-chain.ts';

const USAGE = [
  'Usage: trainchain model register DIR [--name NAME] [--license open|commercial|research] [--unpublished]',
  '                                 [--suri //Alice] [--rpc ws://127.0.0.1:9944] [--json]',
  '',
  'Uploads the model package in DIR (trainchain model init) and registers it; prints the model id and CID.',
  'It is published unless --unpublished: training jobs can only name a published model.',
];

const OPTIONS = { ...CHAIN_OPTIONS, name: { type: 'string' }, license: { type: 'string', default: 'open' }, unpublished: { type: 'boolean', default: false } } as const;

async function run(argv: string[], out: Out): Promise<number> {
  const { values: v, positionals } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true });
  if (v.help) {
    USAGE.forEach((l) => out(l));
    return 0;
  }
  if (positionals.length === 0) throw new Error('missing the model directory (trainchain model register DIR)');
  if (positionals.length > 1) throw new Error(`unexpected argument '${positionals[1]}'`);
  const license = parseLicense(v.license);
  const r = await withChain(v.rpc, v.suri, (chain, blobs) => registerModel(chain, blobs, { dir: positionals[0]!, name: v.name, license, unpublished: v.unpublished }));
  if (v.json) {
    out(JSON.stringify(r));
    return 0;
  }
  out(`Registered model #${r.modelId} (${r.parameters} parameters${r.published ? ', published' : ''})`);
  out(`  cid:        ${r.cid}`);
  out(`  model hash: ${r.modelHash}`);
  return 0;
}

/**
 * Runs `trainchain model register …` (`argv` after `register`); returns 0, or 1 after one `Error: …` line on `err`.
 *
 * @example
 * await runModelRegister(['./mlp', '--suri', '//Alice', '--json'], console.log);
 */
export async function runModelRegister(argv: string[], out: Out, err: Out = out): Promise<number> {
  return runCommand(run, argv, out, err);
}
