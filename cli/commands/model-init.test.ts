import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readModelPackage } from '../../offchain-workers/training/model-package.ts';
import { runModelInit } from './model-init.ts';

const root = await mkdtemp(join(tmpdir(), 'model-init-'));
afterAll(() => rm(root, { recursive: true, force: true }));

async function init(...argv: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await runModelInit(argv, (l) => lines.push(l));
  return { code, lines };
}

describe('trainchain model init', () => {
  it('mlp --layers 784,128,10 --optimizer adam writes a package that reads back and verifies', async () => {
    const out = join(root, 'mlp');
    const { code, lines } = await init('mlp', '--layers', '784,128,10', '--optimizer', 'adam', '--out', out);
    expect(code).toBe(0);
    expect(lines[0]).toBe(`Created mlp model (784-128-10, adam, batch 64) in ${out}`);
    expect(lines[1]).toBe('  parameters: 101770 (+ 203541 optimizer state values)');
    const pkg = await readModelPackage(out);
    expect(pkg.manifest.architecture).toEqual({ kind: 'mlp', layers: [784, 128, 10] });
    expect(pkg.manifest.hyperparameters).toEqual({ batchSize: 64, learningRate: 0.001, classes: 10 });
    expect(pkg.signature.x.shape).toEqual([64, 784]);
  });

  it('cnn with defaults and sgd, as --json', async () => {
    const out = join(root, 'cnn');
    const { code, lines } = await init('cnn', '--optimizer', 'sgd', '--momentum', '0.5', '--batch', '16', '--seed', 'seven', '--out', out, '--json');
    expect(code).toBe(0);
    const report = JSON.parse(lines.join('\n')) as Record<string, unknown>;
    expect(report).toMatchObject({
      architecture: { kind: 'cnn', input: [1, 28, 28], convs: [{ channels: 8, kernel: 5, stride: 1 }, { channels: 16, kernel: 5, stride: 2 }], classes: 10 },
      optimizer: { kind: 'sgd', momentum: 0.5 },
      batchSize: 16,
      learningRate: 0.01,
      parameters: 8 * 25 + 8 + 16 * 8 * 25 + 16 + 1600 * 10 + 10,
    });
    expect((await readModelPackage(out)).manifest.seed).toBe(report.seed);
  });

  it('is deterministic: the same flags give the same file hashes', async () => {
    const a = await init('mlp', '--layers', '8,4,2', '--out', join(root, 'a'), '--json');
    const b = await init('mlp', '--layers', '8,4,2', '--out', join(root, 'b'), '--json');
    expect((JSON.parse(b.lines.join('\n')) as { files: unknown }).files).toEqual((JSON.parse(a.lines.join('\n')) as { files: unknown }).files);
  });

  it('refuses to overwrite a non-empty directory without --force', async () => {
    const out = join(root, 'busy');
    await init('mlp', '--layers', '4,2', '--out', out);
    await writeFile(join(out, 'note.txt'), 'x');
    expect(await init('mlp', '--layers', '4,2', '--out', out)).toEqual({ code: 1, lines: [`Error: ${out} is not empty (use --force to overwrite)`] });
    expect((await init('mlp', '--layers', '4,2', '--out', out, '--force')).code).toBe(0);
  });

  it.each([
    [[], 'Error: missing model kind (mlp or cnn)'],
    [['rnn', '--out', 'x'], "Error: unknown model kind 'rnn' (expected mlp or cnn)"],
    [['mlp', '--out', 'x'], 'Error: mlp needs --layers IN,HIDDEN…,CLASSES (e.g. 784,128,10)'],
    [['mlp', '--layers', '784'], 'Error: MLP layers must be at least two positive integers (input,…,classes), got 784'],
    [['mlp', '--layers', '784,abc'], "Error: invalid --layers '784,abc' (expected comma-separated positive integers)"],
    [['mlp', '--layers', '4,2', '--optimizer', 'rmsprop'], "Error: unknown optimizer 'rmsprop' (expected adam or sgd)"],
    [['mlp', '--layers', '4,2', '--optimizer', 'sgd', '--momentum', '1'], "Error: invalid --momentum '1' (expected a number in [0, 1))"],
    [['mlp', '--layers', '4,2', '--lr', '0'], "Error: invalid --lr '0' (expected a number in (0, Infinity))"],
    [['mlp', '--layers', '4,2'], 'Error: missing --out DIR'],
    [['cnn', '--input', '1,8,8', '--out', 'x'], 'Error: conv layer 1 (16x5s2) does not fit a 4x4 input'],
    [['cnn', '--conv', '8by5', '--out', 'x'], "Error: invalid --conv layer '8by5' (expected CHANNELSxKERNEL[sSTRIDE], e.g. 16x5s2)"],
    [['mlp', '--layerz', '4,2'], "Error: Unknown option '--layerz'"],
  ])('%j → %s', async (argv, line) => {
    expect(await init(...argv)).toEqual({ code: 1, lines: [line] });
  });
});
