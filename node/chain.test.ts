/**
 * Block import re-executes: a block authored on one node imports on another with the same state root and hash;
 * a tampered state root, seal or extrinsic signature is rejected; the same block executed twice gives the same root.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cryptoReady } from '../runtime/crypto/verify.ts';
import { signExtrinsic, transferCall } from '../runtime/extrinsic/sign.ts';
import { decodeHeader, encodeHeader, ENGINE_POUW, hashHeader, type Header, seal } from '../runtime/header.ts';
import { createRuntime, UNIT } from '../runtime/runtime.ts';
import { ChainDb } from '../storage/chain-db.ts';
import { Chain } from './chain.ts';
import { authoritiesOf, genesisStorage, loadChainSpec } from './chain-spec.ts';
import { createLogger } from './log.ts';

const dirs: string[] = [];
const dbs: ChainDb[] = [];

async function openChain(): Promise<Chain> {
  const dir = mkdtempSync(join(tmpdir(), 'trainchain-chain-'));
  dirs.push(dir);
  const db = await ChainDb.open(join(dir, 'db'));
  dbs.push(db);
  const runtime = createRuntime();
  const spec = loadChainSpec('dev');
  return Chain.open({ runtime, db, genesis: genesisStorage(spec, runtime), authorities: authoritiesOf(spec), log: createLogger('error'), instantFinality: true });
}

describe('block import', () => {
  let author: Chain;
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const alice = keyring.addFromUri('//Alice');
  const bob = keyring.addFromUri('//Bob');
  const blocks: { header: Uint8Array; body: Uint8Array[]; timestamp: bigint }[] = [];

  beforeAll(async () => {
    await Promise.all([cryptoWaitReady(), cryptoReady()]);
    author = await openChain();
    let nonce = 0;
    for (let b = 0; b < 3; b++) {
      const txs = Array.from({ length: 5 }, () => author.runtime.decodeExtrinsic(signExtrinsic(author.runtime, alice, transferCall(bob.publicKey, UNIT), { nonce: nonce++ })));
      const timestamp = BigInt(1_700_000_000_000 + b * 1000);
      const { block, rejected } = await author.author(txs, { timestamp }, alice);
      expect(rejected).toEqual([]);
      expect(block.extrinsics.length).toBe(6); // the timestamp inherent and five transfers
      blocks.push({ header: block.header, body: block.extrinsics, timestamp });
    }
  });
  afterAll(async () => {
    for (const db of dbs) await db.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('imports on a second node with identical hashes and state roots, twice', async () => {
    for (let run = 0; run < 2; run++) {
      const importer = await openChain();
      expect(u8aToHex(importer.genesisHash)).toBe(u8aToHex(author.genesisHash));
      for (const b of blocks) {
        const imported = await importer.importBlock(b.header, b.body, { timestamp: b.timestamp + 500n });
        expect(u8aToHex(imported.hash)).toBe(u8aToHex(hashHeader(decodeHeader(b.header))));
      }
      expect(u8aToHex(importer.best().stateRoot)).toBe(u8aToHex(author.best().stateRoot));
    }
  });

  it('rejects a block whose header does not match its execution', async () => {
    const importer = await openChain();
    const header = decodeHeader(blocks[0]!.header);
    const wrongRoot: Header = { ...header, state_root: new Uint8Array(32).fill(1) };
    // The seal covers the root: tampering without the key fails the seal check.
    await expect(importer.importBlock(encodeHeader(wrongRoot), blocks[0]!.body, { timestamp: blocks[0]!.timestamp })).rejects.toMatchObject({ code: 'BadSeal' });
    // Re-sealed by the authority itself, the executed root is what gives it away.
    const pre: Header = { ...wrongRoot, digest: { logs: header.digest.logs.slice(0, -1) } };
    const resealed: Header = { ...pre, digest: { logs: [...pre.digest.logs, seal(ENGINE_POUW, alice.sign(hashHeader(pre)))] } };
    await expect(importer.importBlock(encodeHeader(resealed), blocks[0]!.body, { timestamp: blocks[0]!.timestamp })).rejects.toMatchObject({ code: 'StateRootMismatch' });
    expect(importer.best().number).toBe(0);
  });

  it('rejects a block carrying an extrinsic with a forged signature', async () => {
    const importer = await openChain();
    const body = blocks[0]!.body.map((b) => b.slice());
    // Byte 40 of a signed transfer lies inside its sr25519 signature (after length, version and address).
    body[1]![40]! ^= 1;
    await expect(importer.importBlock(blocks[0]!.header, body, { timestamp: blocks[0]!.timestamp })).rejects.toMatchObject({ code: 'InvalidBlock' });
    expect(importer.best().number).toBe(0);
  });

  it('rejects a block from an account that is not an authority', async () => {
    const importer = await openChain();
    const header = decodeHeader(blocks[0]!.header);
    const pre: Header = { ...header, digest: { logs: [{ tag: 'PreRuntime', value: [new TextEncoder().encode('pow_'), bob.publicKey] }, header.digest.logs[1]!] } };
    const forged: Header = { ...pre, digest: { logs: [...pre.digest.logs, seal(ENGINE_POUW, bob.sign(hashHeader(pre)))] } };
    await expect(importer.importBlock(encodeHeader(forged), blocks[0]!.body, { timestamp: blocks[0]!.timestamp })).rejects.toMatchObject({ code: 'UnknownAuthority' });
  });
});
