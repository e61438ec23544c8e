/**
 * `trainchain model init mlp|cnn`: builds the train-step and inference ONNX graphs, the seeded initial state and
 * the manifest of a model directory (offchain-workers/training/model-package.ts) and prints what it wrote.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { seedFromString } from '../../offchain-workers/datasets/prng.ts';
import { type ConvLayerSpec, DEFAULT_CONVS } from '../../offchain-workers/training/cnn.ts';
import type { Architecture } from '../../offchain-workers/training/manifest.ts';
import { createModelPackage, networkFor, writeModelPackage } from '../../offchain-workers/training/model-package.ts';
import { DEFAULT_OPTIMIZERS, type OptimizerSpec } from '../../offchain-workers/training/optimizers.ts';
import { elementCount } from '../../offchain-workers/training/signature.ts';
import { runCommand } from './run-command.ts';

const USAGE = [
  'Usage: trainchain model init mlp --layers 784,128,10 --out DIR [options]',
  '       trainchain model init cnn [--input 1,28,28] [--conv 8x5s1,16x5s2] [--classes 10] --out DIR [options]',
  '',
  'Options: --optimizer adam|sgd (adam)   --lr RATE (adam 0.001, sgd 0.01)   --momentum M (sgd, 0.9)',
  '         --batch N (64)   --seed TEXT|0x<64 hex> (0)   --force (overwrite a non-empty DIR)   --json',
];

const OPTIONS = {
  layers: { type: 'string' },
  input: { type: 'string' },
  conv: { type: 'string' },
  classes: { type: 'string' },
  optimizer: { type: 'string', default: 'adam' },
  lr: { type: 'string' },
  momentum: { type: 'string' },
  batch: { type: 'string', default: '64' },
  seed: { type: 'string', default: '0' },
  out: { type: 'string' },
  force: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function positiveInts(flag: string, value: string): number[] {
  const parts = value.split(',');
  if (!parts.every((p) => /^\d+$/.test(p) && Number(p) > 0)) throw new Error(`invalid --${flag} '${value}' (expected comma-separated positive integers)`);
  return parts.map(Number);
}

/** A finite number with `low <= n < high` (`low` exclusive when `lowOpen`). */
function number(flag: string, value: string, low: number, high: number, lowOpen = false): number {
  const n = Number(value);
  const inRange = Number.isFinite(n) && (lowOpen ? n > low : n >= low) && n < high;
  if (value.trim() === '' || !inRange) throw new Error(`invalid --${flag} '${value}' (expected a number in ${lowOpen ? '(' : '['}${low}, ${high}))`);
  return n;
}

function parseConvs(value: string): ConvLayerSpec[] {
  return value.split(',').map((part) => {
    const m = /^(\d+)x(\d+)(?:s(\d+))?$/.exec(part);
    if (m === null || [m[1], m[2], m[3] ?? '1'].some((v) => Number(v) < 1)) throw new Error(`invalid --conv layer '${part}' (expected CHANNELSxKERNEL[sSTRIDE], e.g. 16x5s2)`);
    return { channels: Number(m[1]), kernel: Number(m[2]), stride: Number(m[3] ?? '1') };
  });
}

function architecture(kind: string | undefined, v: { layers?: string; input?: string; conv?: string; classes?: string }): Architecture {
  if (kind === 'mlp') {
    if (v.layers === undefined) throw new Error('mlp needs --layers IN,HIDDEN…,CLASSES (e.g. 784,128,10)');
    if (v.input !== undefined || v.conv !== undefined || v.classes !== undefined) throw new Error('--input, --conv and --classes are for cnn; mlp takes --layers');
    return { kind: 'mlp', layers: positiveInts('layers', v.layers) };
  }
  if (kind === 'cnn') {
    if (v.layers !== undefined) throw new Error('--layers is for mlp; cnn takes --input, --conv and --classes');
    const input = positiveInts('input', v.input ?? '1,28,28');
    if (input.length !== 3) throw new Error(`invalid --input '${v.input}' (expected CHANNELS,HEIGHT,WIDTH)`);
    const classes = positiveInts('classes', v.classes ?? '10');
    if (classes.length !== 1) throw new Error(`invalid --classes '${v.classes}'`);
    return { kind: 'cnn', input: [input[0]!, input[1]!, input[2]!], convs: v.conv === undefined ? [...DEFAULT_CONVS] : parseConvs(v.conv), classes: classes[0]! };
  }
  throw new Error(kind === undefined ? 'missing model kind (mlp or cnn)' : `unknown model kind '${kind}' (expected mlp or cnn)`);
}

function optimizer(name: string, momentum: string | undefined): OptimizerSpec {
  if (name === 'adam') {
    if (momentum !== undefined) throw new Error('--momentum is for --optimizer sgd');
    return DEFAULT_OPTIMIZERS.adam;
  }
  if (name === 'sgd') return { kind: 'sgd', momentum: momentum === undefined ? DEFAULT_OPTIMIZERS.sgd.momentum : number('momentum', momentum, 0, 1) };
  throw new Error(`unknown optimizer '${name}' (expected adam or sgd)`);
}

async function run(argv: string[], out: (line: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true });
  if (values.help) {
    USAGE.forEach((l) => out(l));
    return 0;
  }
  if (positionals.length > 1) throw new Error(`unexpected argument '${positionals[1]}'`);
  const arch = architecture(positionals[0], values);
  networkFor(arch); // validates layer sizes before anything touches the disk
  const opt = optimizer(values.optimizer, values.momentum);
  const lr = values.lr === undefined ? (opt.kind === 'adam' ? 0.001 : 0.01) : number('lr', values.lr, 0, Infinity, true);
  const [batchSize] = positiveInts('batch', values.batch);
  if (values.out === undefined) throw new Error('missing --out DIR');
  const existing = await readdir(values.out).catch(() => []);
  if (existing.length > 0 && !values.force) throw new Error(`${values.out} is not empty (use --force to overwrite)`);

  const pkg = await createModelPackage({ architecture: arch, optimizer: opt, batchSize: batchSize!, learningRate: lr, seed: seedFromString(values.seed) });
  await writeModelPackage(values.out, pkg);
  const parameters = pkg.signature.weights.reduce((n, w) => n + elementCount(w.shape), 0);
  const stateValues = pkg.signature.state.reduce((n, s) => n + elementCount(s.shape), 0);
  if (values.json) {
    const report = { out: values.out, architecture: arch, optimizer: opt, batchSize, learningRate: lr, parameters, stateValues, seed: pkg.manifest.seed, files: pkg.manifest.files };
    JSON.stringify(report, null, 2).split('\n').forEach((l) => out(l));
    return 0;
  }
  const shape = arch.kind === 'mlp' ? arch.layers.join('-') : `${arch.input.join('x')} → ${arch.convs.map((c) => `${c.channels}x${c.kernel}s${c.stride}`).join(' → ')} → ${arch.classes}`;
  out(`Created ${arch.kind} model (${shape}, ${opt.kind}, batch ${batchSize}) in ${values.out}`);
  out(`  parameters: ${parameters} (+ ${stateValues} optimizer state values)`);
  for (const [name, f] of Object.entries(pkg.manifest.files)) out(`  ${name.padEnd(16)} ${String(f.bytes).padStart(9)} bytes  ${f.blake2b256}`);
  out(`  ${join(values.out, 'manifest.json')}`);
  return 0;
}

/**
 * Runs `trainchain model init …`; `argv` starts after `init` (`['mlp', '--layers', '784,128,10', '--out', 'm']`).
 * Output goes to `out` line by line. Returns the exit code: 0, or 1 after a one-line `Error: …`.
 */
export async function runModelInit(argv: string[], out: (line: string) => void): Promise<number> {
  return runCommand(run, argv, out);
}
