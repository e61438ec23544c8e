/**
 * CIDs against known IPFS vectors, and multi-chunk DAGs re-derived by hand (sha-256 of each leaf, the
 * dag-pb/UnixFS nodes built with @ipld/dag-pb + ipfs-unixfs following kubo's balanced layout), so the
 * check does not rest on the importer we are testing.
 */
import { createHash } from 'node:crypto';
import * as dagPb from '@ipld/dag-pb';
import { UnixFS } from 'ipfs-unixfs';
import { CID } from 'multiformats/cid';
import * as Digest from 'multiformats/hashes/digest';
import { describe, expect, it } from 'vitest';
import { CHUNK_SIZE, MAX_CHILDREN, blockMatches, computeCid, parseCid } from './cid.ts';
import { BlobError } from './errors.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest();
const cidOf = (codec: number, bytes: Uint8Array) => CID.createV1(codec, Digest.create(0x12, sha256(bytes)));

/** A DAG node as kubo's builder sees it: its CID, its content length, and Tsize (its block plus everything below). */
interface Built {
  cid: CID;
  size: bigint;
  tsize: number;
}

function leaf(bytes: Uint8Array): Built {
  return { cid: cidOf(0x55, bytes), size: BigInt(bytes.length), tsize: bytes.length };
}

function fileNode(children: Built[]): Built {
  const data = new UnixFS({ type: 'file', blockSizes: children.map((c) => c.size) }).marshal();
  const block = dagPb.encode({ Data: data, Links: children.map((c) => ({ Hash: c.cid, Name: '', Tsize: c.tsize })) });
  const size = children.reduce((a, c) => a + c.size, 0n);
  return { cid: cidOf(0x70, block), size, tsize: block.length + children.reduce((a, c) => a + c.tsize, 0) };
}

/** go-unixfs `balanced.Layout`: grow the root one level at a time, filling each level depth-first. */
function balancedRoot(leaves: Built[]): Built {
  if (leaves.length === 1) return leaves[0]!;
  let next = 0;
  const fill = (first: Built | null, depth: number): Built => {
    const children = first ? [first] : [];
    while (children.length < MAX_CHILDREN && next < leaves.length) children.push(depth === 1 ? leaves[next++]! : fill(null, depth - 1));
    return fileNode(children);
  };
  let root = leaves[next++]!;
  for (let depth = 1; next < leaves.length; depth++) root = fill(root, depth);
  return root;
}

/** `n` bytes where every chunk differs from every other (so leaf order matters). */
function pattern(n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i % 251) ^ (Math.floor(i / CHUNK_SIZE) & 0xff);
  return out;
}

function chunks(bytes: Uint8Array): Built[] {
  const out: Built[] = [];
  for (let o = 0; o < bytes.length; o += CHUNK_SIZE) out.push(leaf(bytes.subarray(o, o + CHUNK_SIZE)));
  return out;
}

describe('computeCid matches `ipfs add --cid-version 1 --raw-leaves`', () => {
  it.each([
    ['the empty file', '', 'bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku'],
    ['"hello world" (no newline)', 'hello world', 'bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e'],
    // `echo hello world | ipfs add …`: sha-256 a948904f…a447 as a raw CID.
    ['"hello world\\n"', 'hello world\n', 'bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4'],
  ])('%s', async (_name, text, expected) => {
    expect(await computeCid(utf8(text))).toEqual({ cid: expected, size: utf8(text).length });
  });

  it('one full chunk is still a single raw block; one byte more makes a dag-pb root over two leaves', async () => {
    const full = pattern(CHUNK_SIZE);
    expect((await computeCid(full)).cid).toBe(leaf(full).cid.toString());
    const over = pattern(CHUNK_SIZE + 1);
    const root = fileNode(chunks(over));
    expect((await computeCid(over)).cid).toBe(root.cid.toString());
  });

  it('1 MiB: a bafybei… root over 4 raw leaves, re-derived independently', async () => {
    const data = pattern(1024 * 1024);
    const leaves = chunks(data);
    expect(leaves).toHaveLength(4);
    const expected = fileNode(leaves).cid.toString();
    expect(expected).toMatch(/^bafybei/);
    expect(await computeCid(data)).toEqual({ cid: expected, size: data.length });
  });

  it('175 chunks: the balanced layout grows a second level (174 + 1 leaves)', async () => {
    const data = pattern(MAX_CHILDREN * CHUNK_SIZE + 1000);
    const root = balancedRoot(chunks(data));
    // Streamed in odd-sized pieces, which the chunker must re-cut at 256 KiB boundaries.
    async function* pieces(): AsyncGenerator<Uint8Array> {
      for (let o = 0; o < data.length; o += 1_000_003) yield data.subarray(o, o + 1_000_003);
    }
    expect(await computeCid(pieces())).toEqual({ cid: root.cid.toString(), size: data.length });
  });
});

describe('parseCid', () => {
  it('normalises CIDv0 to CIDv1 and keeps CIDv1', () => {
    const v0 = 'QmWATWQ7fVPP2EFGu71UkfnqhYXDYH566qy47CnJDgvs8u';
    expect(parseCid(v0).toString()).toBe(CID.parse(v0).toV1().toString());
    expect(parseCid(' bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku\n').toString()).toBe('bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku');
  });

  it.each([
    ['not a cid', /invalid CID/],
    ['', /invalid CID/],
    // dag-cbor (0x71) is a valid CID but not a UnixFS file.
    ['bafyreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku', /codec 0x71/],
  ])('rejects %j with InvalidCid', (text, message) => {
    expect(() => parseCid(text)).toThrow(message);
    try {
      parseCid(text);
    } catch (e) {
      expect(BlobError.is(e, 'InvalidCid')).toBe(true);
    }
  });

  it('rejects hashes other than sha2-256', () => {
    const identity = CID.createV1(0x55, Digest.create(0x00, utf8('hi'))).toString();
    expect(() => parseCid(identity)).toThrow(/hash 0x0 is not sha2-256/);
  });
});

describe('blockMatches', () => {
  it('accepts a block under its own CID and rejects one changed byte', () => {
    const bytes = utf8('hello world');
    const cid = parseCid('bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e');
    expect(blockMatches(cid, bytes)).toBe(true);
    expect(blockMatches(cid, utf8('hello worle'))).toBe(false);
  });
});
