/**
 * CSV → dataset: the first row names the columns; one column holds the label, every other column is a numeric
 * feature (float32). Labels that are all non-negative integers are class ids (classes = max + 1 unless given);
 * any other labels are class names, numbered in sorted order and kept in the header. Fields may be quoted
 * ("a, b" with "" for a quote) but may not span lines.
 */
import { DatasetError } from './errors.ts';
import type { TensorDataset } from './tds.ts';

/** Options of {@link csvToDataset}. */
export interface CsvImportOptions {
  /** Name of the label column (from the header row). */
  labelColumn: string;
  /** Number of classes; default: max label + 1 (numeric labels) or the number of distinct names. */
  classes?: number;
}

const fail = (message: string): DatasetError => new DatasetError('BadCsv', message);

function splitQuoted(line: string, lineNo: number): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') fields.push(field), (field = '');
    else field += c;
  }
  if (quoted) throw fail(`line ${lineNo}: unterminated quoted field (fields may not span lines)`);
  fields.push(field);
  return fields;
}

// Most numeric CSVs have no quotes at all; String#split is then several times faster than the scanner.
const splitLine = (line: string, lineNo: number): string[] => (line.includes('"') ? splitQuoted(line, lineNo) : line.split(','));

function classIds(raw: string[], given: number | undefined): { ids: number[]; classes: number; names?: string[] } {
  if (raw.every((r) => /^\d+$/.test(r.trim()))) {
    const ids = raw.map((r) => Number(r.trim()));
    const max = ids.reduce((a, b) => Math.max(a, b), 0);
    const classes = given ?? max + 1;
    if (max >= classes) throw fail(`label ${max} is not below --classes ${classes}`);
    return { ids, classes };
  }
  const names = [...new Set(raw)].sort();
  if (given !== undefined && given !== names.length) throw fail(`found ${names.length} distinct label names, but --classes is ${given}`);
  const index = new Map(names.map((n, i) => [n, i]));
  return { ids: raw.map((r) => index.get(r)!), classes: names.length, names };
}

/** Converts CSV text to a float32 dataset; throws {@link DatasetError} `BadCsv` with the line and column. */
export function csvToDataset(text: string, options: CsvImportOptions): TensorDataset {
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  if (lines.length < 2) throw fail('CSV needs a header row and at least one data row');
  const header = splitLine(lines[0]!, 1).map((h) => h.trim());
  const labelAt = header.indexOf(options.labelColumn);
  if (labelAt < 0) throw fail(`label column '${options.labelColumn}' is not in the header (columns: ${header.join(', ')})`);
  const width = header.length - 1;
  if (width === 0) throw fail('CSV has no feature columns besides the label');
  const count = lines.length - 1;
  const features = new Float32Array(count * width);
  const rawLabels: string[] = [];
  for (let r = 0; r < count; r++) {
    const lineNo = r + 2;
    const fields = splitLine(lines[r + 1]!, lineNo);
    if (fields.length !== header.length) throw fail(`line ${lineNo}: expected ${header.length} fields, got ${fields.length}`);
    let j = 0;
    fields.forEach((field, c) => {
      if (c === labelAt) return void rawLabels.push(field.trim());
      const value = field.trim() === '' ? NaN : Number(field);
      if (!Number.isFinite(value)) throw fail(`line ${lineNo}, column '${header[c]}': '${field}' is not a finite number`);
      features[r * width + j++] = value;
    });
  }
  const { ids, classes, names } = classIds(rawLabels, options.classes);
  const labels = classes <= 256 ? Uint8Array.from(ids) : Int32Array.from(ids);
  return { count, featureShape: [width], features, labels, classes, ...(names ? { classNames: names } : {}) };
}
