/**
 * `trainchain dataset register FILE.tds [--test FILE.tds]`: uploads a TDS dataset to the node's blob store and
 * registers it in the datasets pallet (offchain-workers/trainer/register-dataset.ts); prints its id and CID. A
 * held-out test split is uploaded and committed to; the salt printed is needed later to reveal it.
 */
import { parseArgs } from 'node:util';
import { type DatasetLicense, registerDataset } from '../../offchain-workers/trainer/register-dataset.ts';
import { type Out, runCommand } from './run-command.ts';
import { CHAIN_OPTIONS, withChain } from './with-chain.ts';

const USAGE = [
  'Usage: trainchain dataset register FILE.tds [--test FILE.tds] [--license open|commercial|research]',
  '                                   [--suri //Alice] [--rpc ws://127.0.0.1:9944] [--json]',
  '',
  'Uploads the dataset to the node\'s blob store and registers it; prints the dataset id and CID. With --test,',
  'the test split is uploaded too and only its commitment goes on chain: keep the printed salt to reveal it.',
];

const OPTIONS = { ...CHAIN_OPTIONS, test: { type: 'string' }, license: { type: 'string', default: 'open' } } as const;

/** `open|commercial|research` as the pallet's licence variant. */
export function parseLicense(value: string): DatasetLicense {
  const found = ({ open: 'Open', commercial: 'Commercial', research: 'ResearchOnly' } as const)[value as 'open'];
  if (found === undefined) throw new Error(`invalid --license '${value}' (expected open, commercial or research)`);
  return found;
}

async function run(argv: string[], out: Out): Promise<number> {
  const { values: v, positionals } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true });
  if (v.help) {
    USAGE.forEach((l) => out(l));
    return 0;
  }
  if (positionals.length === 0) throw new Error('missing the dataset file (trainchain dataset register FILE.tds)');
  if (positionals.length > 1) throw new Error(`unexpected argument '${positionals[1]}'`);
  const license = parseLicense(v.license);
  const r = await withChain(v.rpc, v.suri, (chain, blobs) => registerDataset(chain, blobs, { file: positionals[0]!, testFile: v.test, license }));
  if (v.json) {
    out(JSON.stringify(r));
    return 0;
  }
  out(`${r.created ? 'Registered' : 'Already registered:'} dataset #${r.datasetId} (${r.examples} examples, ${r.bytes} bytes)`);
  out(`  cid:         ${r.cid}`);
  out(`  blake2b-256: ${r.blake2b256}`);
  if (r.test) {
    out(`  test split:  ${r.test.cid} (committed ${r.test.commitment})`);
    out(`  salt:        ${r.test.salt}  (keep it: datasets.reveal_test_split needs it)`);
  }
  return 0;
}

/**
 * Runs `trainchain dataset register …` (`argv` after `register`); returns 0, or 1 after one `Error: …` line on `err`.
 *
 * @example
 * await runDatasetRegister(['train.tds', '--suri', '//Alice', '--json'], console.log);
 */
export async function runDatasetRegister(argv: string[], out: Out, err: Out = out): Promise<number> {
  return runCommand(run, argv, out, err);
}
