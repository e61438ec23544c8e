import { base58Decode } from '@polkadot/util-crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CID_CODEC, CID_HASH, CidError, type CidErrorKind, cidFromString, cidToString, isValidCid, makeCid, MAX_CID_LENGTH, rawCidOf, validateCid } from './cid.ts';

const ascii = (s: string) => new TextEncoder().encode(s);
const hex = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));
const kindOf = (f: () => unknown): CidErrorKind | undefined => {
  try {
    f();
    return undefined;
  } catch (e) {
    if (e instanceof CidError) return e.kind;
    throw e;
  }
};

describe('known vectors (what `ipfs add --cid-version 1 --raw-leaves` prints)', () => {
  it('the empty raw block', () => {
    const cid = rawCidOf(new Uint8Array());
    expect(cidToString(cid)).toBe('bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku');
    expect(validateCid(cid)).toEqual({
      version: 1,
      codec: CID_CODEC.Raw,
      hashCode: CID_HASH.Sha2_256,
      digest: hex('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'),
    });
  });

  it('"hello world" and "hello world\\n"', () => {
    // bafkreifzjut3… carries sha2-256("hello world") = b94d27b9…, without the newline.
    expect(cidToString(rawCidOf(ascii('hello world')))).toBe('bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e');
    expect(cidToString(rawCidOf(ascii('hello world\n')))).toBe('bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4');
    expect(cidFromString('bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e')).toEqual(
      hex('01551220b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9'),
    );
  });

  it('the dag-pb CIDv1 of a CIDv0, as the IPFS docs convert it', () => {
    const multihash = base58Decode('QmbWqxBEKC3P8tqsKc98xmWNzrzDtRLMiMPL8wBuTGsMnR');
    const cid = makeCid(multihash.slice(2), CID_CODEC.DagPb, CID_HASH.Sha2_256);
    expect(cidToString(cid)).toBe('bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi');
  });

  it('blake2b-256 uses the 3-byte multihash varint (Filecoin\'s `bafk2bza…` prefix)', () => {
    const cid = makeCid(new Uint8Array(32), CID_CODEC.Raw, CID_HASH.Blake2b_256);
    expect([...cid.slice(0, 6)]).toEqual([0x01, 0x55, 0xa0, 0xe4, 0x02, 0x20]);
    expect(cidToString(cid).startsWith('bafk2bza')).toBe(true);
    expect(validateCid(cid).hashCode).toBe(0xb220);
  });
});

describe('validateCid rejects', () => {
  const sha = new Uint8Array(32).fill(9);
  const ok = [0x01, 0x55, 0x12, 0x20, ...sha];
  it.each<[string, number[], CidErrorKind]>([
    ['no bytes', [], 'Empty'],
    ['a CIDv0 (bare multihash)', [0x12, 0x20, ...sha], 'UnsupportedVersion'],
    ['version 2', [0x02, 0x55, 0x12, 0x20, ...sha], 'UnsupportedVersion'],
    ['a dag-cbor codec', [0x01, 0x71, 0x12, 0x20, ...sha], 'UnsupportedCodec'],
    ['an identity multihash', [0x01, 0x55, 0x00, 0x04, 1, 2, 3, 4], 'UnsupportedHash'],
    ['sha2-512 (checked before its digest)', [0x01, 0x55, 0x13, 0x40, ...sha], 'UnsupportedHash'],
    ['a short sha2-256 digest length', [0x01, 0x55, 0x12, 0x1f, ...sha.slice(1)], 'BadDigestLength'],
    ['a truncated digest', ok.slice(0, -1), 'Truncated'],
    ['a truncated varint', [0x01, 0x55, 0xa0], 'Truncated'],
    ['trailing bytes', [...ok, 0], 'TrailingBytes'],
    ['a non-minimal version varint', [0x81, 0x00, 0x55, 0x12, 0x20, ...sha], 'BadVarint'],
    ['a 10-byte varint', [0x01, ...new Array<number>(9).fill(0xff), 0x01], 'BadVarint'],
    ['65 bytes', new Array<number>(MAX_CID_LENGTH + 1).fill(1), 'TooLong'],
  ])('%s', (_, bytes, kind) => {
    expect(kindOf(() => validateCid(Uint8Array.from(bytes)))).toBe(kind);
    expect(isValidCid(Uint8Array.from(bytes))).toBe(false);
  });
});

describe('cidFromString rejects', () => {
  const good = 'bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku';
  it.each<[string, string]>([
    ['another multibase (base58btc `z…`)', `z${good.slice(1)}`],
    ['upper case', good.toUpperCase()],
    ['a CIDv0 string', 'QmbWqxBEKC3P8tqsKc98xmWNzrzDtRLMiMPL8wBuTGsMnR'],
    ['a character outside base32', `${good.slice(0, -1)}1`],
    ['non-zero padding bits', `${good.slice(0, -1)}v`],
    ['an impossible length', `${good}a`],
  ])('%s', (_, s) => {
    expect(kindOf(() => cidFromString(s))).toBe('BadMultibase');
  });

  it('a well-formed string of an unsupported CID, with the CID\'s own error', () => {
    const dagCbor = Uint8Array.from([0x01, 0x71, 0x12, 0x20, ...new Uint8Array(32)]);
    expect(kindOf(() => cidToString(dagCbor))).toBe('UnsupportedCodec');
  });
});

describe('properties', () => {
  const supported = fc.record({
    digest: fc.uint8Array({ minLength: 32, maxLength: 32 }),
    codec: fc.constantFrom(CID_CODEC.Raw, CID_CODEC.DagPb),
    hash: fc.constantFrom(CID_HASH.Sha2_256, CID_HASH.Blake2b_256),
  });

  it('every supported CID round-trips through its string and parses back to its parts', () => {
    fc.assert(
      fc.property(supported, ({ digest, codec, hash }) => {
        const cid = makeCid(digest, codec, hash);
        const s = cidToString(cid);
        expect(s).toMatch(/^b[a-z2-7]+$/);
        expect(cidFromString(s)).toEqual(cid);
        expect(validateCid(cid)).toEqual({ version: 1, codec, hashCode: hash, digest });
      }),
    );
  });

  it('arbitrary bytes either parse or fail with a CidError, never anything else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        const kind = kindOf(() => validateCid(bytes));
        expect(kind === undefined).toBe(isValidCid(bytes));
      }),
      { numRuns: 2_000 },
    );
  });
});
