/**
 * A model directory as one blob, so a job can name it by a single CID. The container is canonical JSON:
 * `{"format":"trainchain-model-pack/1","files":{"<name>":"<base64>",…}}` with file names sorted, no
 * whitespace, and a trailing newline. The same directory therefore always packs to the same bytes and CID.
 * Only plain file names (no `/`, no `..`) are accepted, so unpacking cannot write outside its directory.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PACKAGE_FILES } from '../training/manifest.ts';

/** The `format` tag of a packed model. */
export const PACK_FORMAT = 'trainchain-model-pack/1';

/** File name → contents. */
export type PackedFiles = Map<string, Uint8Array>;

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Packs named files into the canonical container. */
export function packFiles(files: PackedFiles): Uint8Array {
  const names = [...files.keys()].sort();
  for (const n of names) if (!SAFE_NAME.test(n)) throw new Error(`cannot pack file name ${JSON.stringify(n)}`);
  const body = Object.fromEntries(names.map((n) => [n, Buffer.from(files.get(n)!).toString('base64')]));
  return new TextEncoder().encode(`${JSON.stringify({ format: PACK_FORMAT, files: body })}\n`);
}

/** Unpacks a container; throws on anything that is not one. */
export function unpackFiles(bytes: Uint8Array): PackedFiles {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new Error('model pack is not JSON');
  }
  const { format, files } = (parsed ?? {}) as { format?: unknown; files?: unknown };
  if (format !== PACK_FORMAT || typeof files !== 'object' || files === null) throw new Error(`model pack format is not ${PACK_FORMAT}`);
  const out: PackedFiles = new Map();
  for (const [name, b64] of Object.entries(files)) {
    if (!SAFE_NAME.test(name) || typeof b64 !== 'string') throw new Error(`model pack entry ${JSON.stringify(name)} is invalid`);
    out.set(name, new Uint8Array(Buffer.from(b64, 'base64')));
  }
  return out;
}

/** Packs the four files of a model directory (model-package.ts); other files in `dir` are left out. */
export async function packModel(dir: string): Promise<Uint8Array> {
  const files: PackedFiles = new Map();
  for (const name of Object.values(PACKAGE_FILES)) files.set(name, new Uint8Array(await readFile(join(dir, name))));
  return packFiles(files);
}

/** Unpacks a model pack into `dir` (created if needed), where `readModelPackage` can verify it. */
export async function unpackModel(bytes: Uint8Array, dir: string): Promise<void> {
  const files = unpackFiles(bytes);
  // Checked before writing so that a partial pack never leaves a half-replaced directory behind.
  const missing = Object.values(PACKAGE_FILES).filter((n) => !files.has(n));
  if (missing.length > 0) throw new Error(`model pack lacks ${missing.join(', ')}`);
  await mkdir(dir, { recursive: true });
  for (const [name, data] of files) await writeFile(join(dir, name), data);
}
