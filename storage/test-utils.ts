import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Temp directories made by {@link makeTempDir}, removed by {@link removeTempDirs}. */
const made: string[] = [];

/** A fresh directory under os.tmpdir() for one test. */
export async function makeTempDir(label = 'storage'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `trainchain-${label}-`));
  made.push(dir);
  return dir;
}

/** Deletes every directory made so far (call from afterAll/afterEach). */
export async function removeTempDirs(): Promise<void> {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** Lower-case hex without prefix, for comparisons and map keys in tests. */
export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/** Bytes from a short string, for readable table-driven cases. */
export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
