/**
 * `trainchain dataset import`: converts a CSV file or an IDX (MNIST) pair into a TDS tensor dataset
 * (offchain-workers/datasets/tds.ts documents the format) and prints its shape and blake2b-256 hash.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { csvToDataset } from '../../offchain-workers/datasets/csv.ts';
import { idxToDataset } from '../../offchain-workers/datasets/idx.ts';
import { type TensorDataset, writeTds } from '../../offchain-workers/datasets/tds.ts';
import { blake2b256, hashReady } from '../../offchain-workers/training/state-hash.ts';
import { runCommand } from './run-command.ts';

const USAGE = [
  'Usage: trainchain dataset import --csv FILE --label-column NAME --out FILE.tds [--classes N] [--json]',
  '       trainchain dataset import --idx IMAGES LABELS --out FILE.tds [--classes N] [--json]',
  '',
  'IDX files may be gzipped (as MNIST is distributed). CSV: a header row, one label column, numeric features.',
];

const OPTIONS = {
  csv: { type: 'string' },
  idx: { type: 'string' },
  'label-column': { type: 'string' },
  out: { type: 'string' },
  classes: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

async function readInput(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    throw new Error(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function parseClasses(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new Error(`invalid --classes '${value}' (expected a positive integer)`);
  return Number(value);
}

async function run(argv: string[], out: (line: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true });
  if (values.help) {
    USAGE.forEach((l) => out(l));
    return 0;
  }
  if (values.out === undefined) throw new Error('missing --out FILE.tds');
  if ((values.csv === undefined) === (values.idx === undefined)) throw new Error('give exactly one of --csv FILE or --idx IMAGES LABELS');
  const classes = parseClasses(values.classes);
  const options = classes === undefined ? {} : { classes };
  let dataset: TensorDataset;
  if (values.csv !== undefined) {
    if (values['label-column'] === undefined) throw new Error('--csv needs --label-column NAME');
    if (positionals.length > 0) throw new Error(`unexpected argument '${positionals[0]}'`);
    const text = new TextDecoder().decode(await readInput(values.csv));
    dataset = csvToDataset(text, { labelColumn: values['label-column'], ...options });
  } else {
    if (positionals.length !== 1) throw new Error('--idx needs two files: --idx IMAGES LABELS');
    dataset = idxToDataset(await readInput(values.idx!), await readInput(positionals[0]!), options);
  }
  const bytes = await writeTds(values.out, dataset);
  await hashReady();
  const hash = `0x${Buffer.from(blake2b256(bytes)).toString('hex')}`;
  const features = { shape: dataset.featureShape, dtype: dataset.features instanceof Float32Array ? 'float32' : 'uint8' };
  const labels = { dtype: dataset.labels instanceof Uint8Array ? 'uint8' : 'int32', classes: dataset.classes, ...(dataset.classNames ? { names: dataset.classNames } : {}) };
  if (values.json) {
    JSON.stringify({ out: values.out, count: dataset.count, features, labels, bytes: bytes.length, blake2b256: hash }, null, 2).split('\n').forEach((l) => out(l));
    return 0;
  }
  out(`Imported ${dataset.count} examples → ${values.out}`);
  out(`  features:    [${features.shape.join(',')}] ${features.dtype}`);
  out(`  labels:      ${labels.dtype}, ${labels.classes} classes${dataset.classNames ? ` (${dataset.classNames.join(', ')})` : ''}`);
  out(`  size:        ${bytes.length} bytes`);
  out(`  blake2b-256: ${hash}`);
  return 0;
}

/**
 * Runs `trainchain dataset import …`; `argv` starts after `import`.
 * Output goes to `out` line by line. Returns the exit code: 0, or 1 after a one-line `Error: …`.
 *
 * @example
 * await runDatasetImport(['--csv', 'train.csv', '--label-column', 'label', '--out', 'train.tds'], console.log);
 */
export async function runDatasetImport(argv: string[], out: (line: string) => void): Promise<number> {
  return runCommand(run, argv, out);
}
