/**
 * Reads a UnixFS file DAG back into its bytes, checking everything on the way: each block against its
 * CID's hash, each dag-pb node's UnixFS header, and each child's length against the size its parent
 * declares. Any disagreement stops the stream with `Corrupted`, so a damaged blob can never be read as
 * shorter or different content. Works for DAGs with raw leaves (ours) and with dag-pb leaves (older IPFS).
 */
import * as dagPb from '@ipld/dag-pb';
import { UnixFS } from 'ipfs-unixfs';
import type { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import type { BlockFiles } from './block-files.ts';
import { BlobError } from './errors.ts';

/** Raw leaves fetched ahead of the one being yielded, so disk reads overlap with the consumer. */
const READ_AHEAD = 4;

/** The decoded dag-pb node of a UnixFS file: its own data, then its children in order with their sizes. */
interface FileNode {
  data: Uint8Array;
  links: CID[];
  sizes: bigint[];
}

/**
 * Streams the content of blob `root`, verifying as it goes (see the module doc). `expectedSize` is the
 * length recorded when the blob was added; the stream fails rather than end short of it.
 */
export async function* readDag(files: BlockFiles, root: CID, expectedSize: number): AsyncGenerator<Uint8Array, void, undefined> {
  const blob = root.toString();
  const load = async (cid: CID): Promise<Uint8Array> => {
    const bytes = await files.readBlock(cid, blob);
    if (bytes === null) throw BlobError.corrupted(blob, cid.toString(), 'block is missing from the store');
    return bytes;
  };

  async function* walk(cid: CID, bytes: Uint8Array, size: bigint): AsyncGenerator<Uint8Array, void, undefined> {
    if (cid.code === raw.code) {
      if (BigInt(bytes.length) !== size) throw BlobError.corrupted(blob, cid.toString(), `leaf has ${bytes.length} bytes, its parent says ${size}`);
      if (bytes.length > 0) yield bytes;
      return;
    }
    const node = decodeFileNode(blob, cid, bytes);
    const total = node.sizes.reduce((a, b) => a + b, BigInt(node.data.length));
    if (total !== size) throw BlobError.corrupted(blob, cid.toString(), `node holds ${total} bytes, expected ${size}`);
    if (node.data.length > 0) yield node.data;
    // Start reading the next few children before they are needed; a failed read surfaces in order.
    const pending: Promise<Uint8Array>[] = [];
    let next = 0;
    for (let i = 0; i < node.links.length; i++) {
      while (next < node.links.length && next <= i + READ_AHEAD) pending.push(guard(load(node.links[next++]!)));
      yield* walk(node.links[i]!, await pending.shift()!, node.sizes[i]!);
    }
  }

  yield* walk(root, await load(root), BigInt(expectedSize));
}

/** Keeps a rejected read-ahead from being reported as unhandled before its turn comes. */
function guard(p: Promise<Uint8Array>): Promise<Uint8Array> {
  p.catch(() => undefined);
  return p;
}

/** Decodes a dag-pb block as a UnixFS file (or raw) node; anything else is corruption. */
function decodeFileNode(blob: string, cid: CID, bytes: Uint8Array): FileNode {
  let pb: dagPb.PBNode;
  let fs: UnixFS;
  try {
    pb = dagPb.decode(bytes);
    if (pb.Data === undefined) throw new Error('no UnixFS data');
    fs = UnixFS.unmarshal(pb.Data);
  } catch (e) {
    throw BlobError.corrupted(blob, cid.toString(), `not a UnixFS dag-pb node (${(e as Error).message})`);
  }
  if (fs.type !== 'file' && fs.type !== 'raw') throw BlobError.corrupted(blob, cid.toString(), `UnixFS ${fs.type} is not a file`);
  if (fs.blockSizes.length !== pb.Links.length) {
    throw BlobError.corrupted(blob, cid.toString(), `${pb.Links.length} links but ${fs.blockSizes.length} block sizes`);
  }
  return { data: fs.data ?? new Uint8Array(0), links: pb.Links.map((l) => l.Hash.toV1()), sizes: fs.blockSizes };
}
