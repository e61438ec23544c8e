import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { readTds } from '../../offchain-workers/datasets/tds.ts';
import { runDatasetImport } from './dataset-import.ts';

const root = await mkdtemp(join(tmpdir(), 'dataset-import-'));
afterAll(() => rm(root, { recursive: true, force: true }));

async function importDataset(...argv: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await runDatasetImport(argv, (l) => lines.push(l));
  return { code, lines };
}

/** An IDX file: zero prefix, type, rank, big-endian dims, u8 data. */
const idxU8 = (dims: number[], data: number[]): Uint8Array => {
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  out.set([0, 0, 0x08, dims.length]);
  dims.forEach((d, i) => new DataView(out.buffer).setUint32(4 + 4 * i, d));
  out.set(data, 4 + 4 * dims.length);
  return out;
};

describe('trainchain dataset import', () => {
  it('--csv with --label-column writes a TDS file', async () => {
    const csv = join(root, 'train.csv');
    await writeFile(csv, 'f1,label,f2\n0.5,1,2\n1.5,0,3\n2.5,1,4\n');
    const out = join(root, 'train.tds');
    const { code, lines } = await importDataset('--csv', csv, '--label-column', 'label', '--out', out);
    expect(code).toBe(0);
    expect(lines.slice(0, 3)).toEqual([`Imported 3 examples → ${out}`, '  features:    [2] float32', '  labels:      uint8, 2 classes']);
    expect(lines[4]).toMatch(/^ {2}blake2b-256: 0x[0-9a-f]{64}$/);
    const ds = await readTds(out);
    expect(Array.from(ds.features)).toEqual([0.5, 2, 1.5, 3, 2.5, 4]);
    expect(Array.from(ds.labels)).toEqual([1, 0, 1]);
  });

  it('--idx IMAGES LABELS (gzipped, MNIST style) with --json', async () => {
    const images = join(root, 'images.idx3-ubyte.gz');
    const labels = join(root, 'labels.idx1-ubyte.gz');
    await writeFile(images, gzipSync(idxU8([4, 3, 3], Array.from({ length: 36 }, (_, i) => i * 7))));
    await writeFile(labels, gzipSync(idxU8([4], [3, 1, 4, 1])));
    const out = join(root, 'mnist.tds');
    const { code, lines } = await importDataset('--idx', images, labels, '--out', out, '--classes', '10', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(lines.join('\n'))).toMatchObject({ out, count: 4, features: { shape: [3, 3], dtype: 'uint8' }, labels: { dtype: 'uint8', classes: 10 } });
    expect((await readTds(out)).classes).toBe(10);
  });

  it.each([
    [['--out', 'x.tds'], 'Error: give exactly one of --csv FILE or --idx IMAGES LABELS'],
    [['--csv', 'a.csv', '--idx', 'b', 'c', '--out', 'x.tds'], 'Error: give exactly one of --csv FILE or --idx IMAGES LABELS'],
    [['--csv', 'a.csv'], 'Error: missing --out FILE.tds'],
    [['--csv', 'a.csv', '--out', 'x.tds'], 'Error: --csv needs --label-column NAME'],
    [['--idx', 'images', '--out', 'x.tds'], 'Error: --idx needs two files: --idx IMAGES LABELS'],
    [['--csv', '/nonexistent/a.csv', '--label-column', 'y', '--out', 'x.tds'], 'Error: cannot read /nonexistent/a.csv: ENOENT'],
    [['--csv', 'a.csv', '--label-column', 'y', '--classes', 'ten', '--out', 'x.tds'], "Error: invalid --classes 'ten' (expected a positive integer)"],
  ])('%j → %s', async (argv, line) => {
    expect(await importDataset(...argv)).toEqual({ code: 1, lines: [line] });
  });

  it('reports the converter’s error for a bad CSV and an IDX count mismatch', async () => {
    const csv = join(root, 'bad.csv');
    await writeFile(csv, 'a,label\n1,0\nx,1\n');
    expect(await importDataset('--csv', csv, '--label-column', 'label', '--out', join(root, 'bad.tds'))).toEqual({ code: 1, lines: ["Error: line 3, column 'a': 'x' is not a finite number"] });
    const images = join(root, 'i.idx');
    const labels = join(root, 'l.idx');
    await writeFile(images, idxU8([2, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8]));
    await writeFile(labels, idxU8([3], [0, 1, 0]));
    expect(await importDataset('--idx', images, labels, '--out', join(root, 'bad.tds'))).toEqual({ code: 1, lines: ['Error: 2 images but 3 labels'] });
  });
});
