import { describe, expect, it } from 'vitest';
import { csvToDataset } from './csv.ts';
import { decodeTds, encodeTds } from './tds.ts';

describe('CSV → TDS', () => {
  it('reads numeric features and integer labels from any column, CRLF and quotes included', () => {
    const csv = 'a,label,"b"\r\n1.5,2,-3\r\n"0",0,1e-3\r\n4,1,  7 \r\n\r\n';
    const ds = csvToDataset(csv, { labelColumn: 'label' });
    expect(ds).toEqual({ count: 3, featureShape: [2], features: Float32Array.of(1.5, -3, 0, 1e-3, 4, 7), labels: Uint8Array.of(2, 0, 1), classes: 3 });
    expect(decodeTds(encodeTds(ds))).toEqual(ds);
  });

  it('numbers string labels in sorted order and keeps the names; honours --classes for integer labels', () => {
    const ds = csvToDataset('x,species\n1,setosa\n2,"virginica"\n3,setosa\n4,versicolor\n', { labelColumn: 'species' });
    expect(ds.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(Array.from(ds.labels)).toEqual([0, 2, 0, 1]);
    expect(csvToDataset('x,y\n1,0\n2,1\n', { labelColumn: 'y', classes: 10 }).classes).toBe(10);
    expect(csvToDataset('x,y\n1,0\n2,300\n', { labelColumn: 'y' }).labels).toBeInstanceOf(Int32Array);
  });

  it.each([
    ['a missing label column', 'a,b\n1,2\n', undefined, /label column 'label' is not in the header \(columns: a, b\)/],
    ['a ragged row', 'a,label\n1,0\n2\n', undefined, /line 3: expected 2 fields, got 1/],
    ['a non-numeric feature', 'a,label\n1,0\nabc,1\n', undefined, /line 3, column 'a': 'abc' is not a finite number/],
    ['an empty feature', 'a,label\n,0\n', undefined, /line 2, column 'a': '' is not a finite number/],
    ['an unterminated quote', 'a,label\n"1,0\n', undefined, /line 2: unterminated quoted field/],
    ['no data rows', 'a,label\n', undefined, /at least one data row/],
    ['a label at or above --classes', 'a,label\n1,5\n', 3, /label 5 is not below --classes 3/],
    ['more label names than --classes', 'a,label\n1,cat\n2,dog\n', 3, /found 2 distinct label names, but --classes is 3/],
  ])('rejects %s', (_name, csv, classes, message) => {
    expect(() => csvToDataset(csv, { labelColumn: 'label', ...(classes ? { classes } : {}) })).toThrow(expect.objectContaining({ code: 'BadCsv', message: expect.stringMatching(message) }));
  });
});
