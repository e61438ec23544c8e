import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, describe, expect, it } from 'vitest';

import { ChainDb } from './chain-db.ts';
import { StorageError } from './errors.ts';
import { decodeHeader } from './fixtures/crash-writer.ts';
import { blake2_256 } from './hash.ts';
import { StateTrie } from './state-trie.ts';
import { hex, makeTempDir, removeTempDirs } from './test-utils.ts';

const WRITER = fileURLToPath(new URL('./fixtures/crash-writer.ts', import.meta.url));

afterAll(removeTempDirs);

/** Starts the writer and resolves once it has reported `minCommits` commits. */
function startWriter(path: string, minCommits: number): Promise<{ child: ChildProcess; lastCommitted: () => number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, path], { stdio: ['ignore', 'pipe', 'pipe'] });
  let last = -1;
  let seen = 0;
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      for (const match of chunk.toString().matchAll(/committed (\d+)/g)) {
        last = Number(match[1]);
        if (++seen === minCommits) resolve({ child, lastCommitted: () => last });
      }
    });
    child.on('exit', (code) => reject(new Error(`writer exited early (${code}): ${stderr}`)));
  });
}

/** Everything the best block needs must be present and consistent. */
async function checkConsistent(path: string): Promise<number> {
  const db = await ChainDb.open(path);
  try {
    const meta = await db.getMeta();
    const headerBytes = (await db.getHeader(meta.bestHash as Uint8Array)) as Uint8Array;
    expect(hex(blake2_256(headerBytes))).toBe(hex(meta.bestHash as Uint8Array));
    const head = decodeHeader(headerBytes);
    expect(meta.bestNumber).toBe(head.number);
    for (let n = 0; n <= head.number; n++) {
      const hash = (await db.getCanonicalHash(n)) as Uint8Array;
      expect(await db.getBody(hash)).toHaveLength(2);
    }
    expect(await db.getCanonicalHash(head.number + 1)).toBeUndefined();
    let keys = 0;
    for await (const _ of new StateTrie(db).entries(head.root)) keys++;
    expect(keys).toBe(head.keys);
    return head.number;
  } finally {
    await db.close();
  }
}

describe('crash safety', () => {
  it('reopens at the last committed block after SIGKILL mid-write, and resumes', async () => {
    const path = join(await makeTempDir('crash'), 'db');
    let previous = -1;
    for (const [cycle, delayMs] of [[0, 3], [1, 17]] as const) {
      const { child, lastCommitted } = await startWriter(path, 6);
      // While the writer lives, another process cannot open the database.
      await expect(ChainDb.open(path)).rejects.toSatisfy((e: unknown) => StorageError.is(e, 'DatabaseLocked'));
      await new Promise((r) => setTimeout(r, delayMs));
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
      const best = await checkConsistent(path);
      // Every commit the writer saw resolve is durable; it may have finished one more.
      expect(best, `cycle ${cycle}`).toBeGreaterThanOrEqual(lastCommitted());
      expect(best).toBeGreaterThan(previous);
      previous = best;
    }
  }, 60_000);
});
