/**
 * Writes downloaded blob bytes to a file only if they are the blob that was asked for: the bytes go to a
 * temporary file beside the target while their CID is computed in the same pass, and the file is renamed
 * into place only when that CID matches. A wrong, short or interrupted download leaves the target as it was.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { type BlobInfo, computeCid, parseCid } from './cid.ts';
import { BlobError } from './errors.ts';

/**
 * Saves `source` to `out` if it hashes to `cid` (and, when given, has `expectedSize` bytes); returns the
 * CID and size. Throws `CidMismatch` (or the source's own error) after removing the temporary file.
 */
export async function saveVerified(source: AsyncIterable<Uint8Array>, cid: string, out: string, expectedSize?: number): Promise<BlobInfo> {
  const wanted = parseCid(cid).toString();
  // Same directory as the target, so the final rename is atomic (never across file systems).
  const tmp = join(dirname(out), `.${basename(out)}.${randomBytes(4).toString('hex')}.part`);
  const fh = await open(tmp, 'wx');
  let renamed = false;
  try {
    let info: BlobInfo;
    try {
      info = await computeCid(tee(source, (chunk) => fh.write(chunk).then(() => undefined)));
      await fh.sync();
    } finally {
      await fh.close();
    }
    if (expectedSize !== undefined && info.size !== expectedSize) {
      throw new Error(`download of ${wanted} ended after ${info.size} of ${expectedSize} bytes; ${out} left untouched`);
    }
    if (info.cid !== wanted) throw BlobError.mismatch(wanted, info.cid);
    await rename(tmp, out);
    renamed = true;
    return info;
  } finally {
    if (!renamed) await unlink(tmp).catch(() => undefined);
  }
}

/** Passes every chunk on after `write` has taken it, so the file keeps pace with hashing (bounded memory). */
async function* tee(source: AsyncIterable<Uint8Array>, write: (chunk: Uint8Array) => Promise<void>): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    await write(chunk);
    yield chunk;
  }
}
