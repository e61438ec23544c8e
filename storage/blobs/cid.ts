/**
 * Content ids exactly as `ipfs add --cid-version 1 --raw-leaves` prints them: UnixFS with fixed 256 KiB
 * chunks, a balanced DAG of at most 174 links per node, raw leaves, CIDv1 and sha2-256. A blob of one
 * chunk (or none) is a single raw block (`bafkrei…`); larger blobs have a dag-pb root (`bafybei…`).
 */
import { createHash } from 'node:crypto';
import * as dagPb from '@ipld/dag-pb';
import { importFile, type ImporterOptions, type WritableStorage } from 'ipfs-unixfs-importer';
import { fixedSize } from 'ipfs-unixfs-importer/chunker';
import { balanced } from 'ipfs-unixfs-importer/layout';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { sha256 } from 'multiformats/hashes/sha2';
import { BlobError } from './errors.ts';

/** Bytes per leaf: kubo's default `size-262144` chunker. */
export const CHUNK_SIZE = 262_144;
/** Links per dag-pb node: kubo's balanced layout (`helpers.DefaultLinksPerBlock`). */
export const MAX_CHILDREN = 174;

/** What a blob can be added from: bytes, a Node stream, or any (async) iterable of byte chunks. */
export type ByteSource = Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

/** A blob's id and its content length in bytes. */
export interface BlobInfo {
  cid: string;
  size: number;
}

/** Importer settings of `ipfs add --cid-version 1 --raw-leaves` (spelled out so a library default change cannot move our CIDs). */
function ipfsAddOptions(blockWriteConcurrency: number): ImporterOptions {
  return {
    cidVersion: 1,
    rawLeaves: true,
    reduceSingleLeafToSelf: true,
    chunker: fixedSize({ chunkSize: CHUNK_SIZE }),
    layout: balanced({ maxChildrenPerNode: MAX_CHILDREN }),
    fieldOrder: 'links-first',
    // Bounds memory: at most this many 256 KiB chunks are hashed and written at once.
    blockWriteConcurrency,
  };
}

/**
 * Chunks, hashes and hands every block of `source` to `blockstore.put`; returns the root CID and the
 * content length. Throws `TooLarge` as soon as more than `maxBytes` bytes have been read.
 */
export async function importBlob(source: ByteSource, blockstore: WritableStorage, opts: { maxBytes?: number; concurrency?: number } = {}): Promise<BlobInfo> {
  const counter = { bytes: 0 };
  const content = countBytes(source, opts.maxBytes ?? Number.MAX_SAFE_INTEGER, counter);
  const result = await importFile({ content }, blockstore, ipfsAddOptions(opts.concurrency ?? 16));
  return { cid: result.cid.toV1().toString(), size: counter.bytes };
}

/** The CID `ipfs add --cid-version 1 --raw-leaves` would print for `source`, without storing anything. */
export async function computeCid(source: ByteSource, opts: { maxBytes?: number } = {}): Promise<BlobInfo> {
  const discard: WritableStorage = { put: (cid: CID) => cid };
  return importBlob(source, discard, opts);
}

async function* countBytes(source: ByteSource, max: number, counter: { bytes: number }): AsyncGenerator<Uint8Array> {
  const chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array> = source instanceof Uint8Array ? [source] : source;
  for await (const chunk of chunks) {
    // A stream in string mode would otherwise be hashed as UTF-16 code units by accident.
    if (!(chunk instanceof Uint8Array)) throw new TypeError('blob content must be bytes (Uint8Array chunks)');
    counter.bytes += chunk.byteLength;
    if (counter.bytes > max) throw BlobError.tooLarge(max);
    yield chunk;
  }
}

/**
 * Parses a CID the store can serve (raw or dag-pb, sha2-256) and normalises it to CIDv1, so a
 * CIDv0 `Qm…` and its `bafybei…` name the same blob. Throws `InvalidCid` otherwise.
 */
export function parseCid(text: string): CID {
  let cid: CID;
  try {
    cid = CID.parse(text.trim());
  } catch (e) {
    throw BlobError.invalidCid(text, (e as Error).message, e);
  }
  if (cid.code !== raw.code && cid.code !== dagPb.code) throw BlobError.invalidCid(text, `codec 0x${cid.code.toString(16)} is not raw (0x55) or dag-pb (0x70)`);
  if (cid.multihash.code !== sha256.code) throw BlobError.invalidCid(text, `hash 0x${cid.multihash.code.toString(16)} is not sha2-256 (0x12)`);
  return cid.toV1();
}

/** True when `bytes` hash (sha2-256) to the digest in `cid`: the integrity check of every block read. */
export function blockMatches(cid: CID, bytes: Uint8Array): boolean {
  const digest = createHash('sha256').update(bytes).digest();
  const expected = cid.multihash.digest;
  return digest.length === expected.length && digest.equals(expected);
}
