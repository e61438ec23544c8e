/**
 * The devnet as its users drive it: a real `trainchain --dev` process, the real @polkadot/api, signed transfers,
 * events, failures decoded from metadata, and persistence across SIGKILL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '@polkadot/api-augment';
import { ApiPromise, Keyring, WsProvider } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { Header } from '@polkadot/types/interfaces';
import type { ISubmittableResult } from '@polkadot/types/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NodeProcess, startNodeProcess } from './support/node-process.ts';

const UNIT = 10n ** 18n;

async function connect(url: string): Promise<ApiPromise> {
  return ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true });
}

function sendAndWait(tx: SubmittableExtrinsic<'promise'>, signer: Parameters<SubmittableExtrinsic<'promise'>['signAndSend']>[0]): Promise<{ statuses: string[]; result: ISubmittableResult }> {
  return new Promise((resolve, reject) => {
    const statuses: string[] = [];
    tx.signAndSend(signer, (result) => {
      statuses.push(result.status.type);
      if (result.status.isFinalized) resolve({ statuses, result });
      if (result.isError) reject(new Error(`tx failed: ${result.status.type}`));
    }).catch(reject);
  });
}

describe('trainchain --dev with @polkadot/api', () => {
  let node: NodeProcess;
  let api: ApiPromise;
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const alice = keyring.addFromUri('//Alice');
  const bob = keyring.addFromUri('//Bob');

  beforeAll(async () => {
    node = await startNodeProcess(['--dev', '--block-time', '300']);
    api = await connect(node.ws);
  });
  afterAll(async () => {
    await api?.disconnect();
    await node?.kill();
  });

  it('looks like a Substrate node: chain, properties, runtime version, metadata', async () => {
    expect((await api.rpc.system.chain()).toString()).toBe('Development');
    const props = await api.rpc.system.properties();
    expect(props.tokenSymbol.unwrap()[0]!.toString()).toBe('TRAIN');
    expect(props.tokenDecimals.unwrap()[0]!.toNumber()).toBe(18);
    expect(api.runtimeVersion.specName.toString()).toBe('trainchain');
    expect(api.consts.system.ss58Prefix.toNumber()).toBe(42);
    expect(api.consts.balances.existentialDeposit.toBigInt()).toBe(UNIT / 1000n);
    expect(api.runtimeMetadata.version).toBe(15);
  });

  it('transfers with signAndSend: ready → inBlock → finalized, events and balances to the unit', async () => {
    const before = await api.query.system.account(bob.address);
    const aliceBefore = await api.query.system.account(alice.address);
    const amount = 12_345n * UNIT;
    const tx = api.tx.balances.transferKeepAlive(bob.address, amount);
    const info = await tx.paymentInfo(alice);
    const { statuses, result } = await sendAndWait(tx, alice);
    expect(statuses).toContain('Ready');
    expect(statuses).toContain('InBlock');
    expect(statuses.at(-1)).toBe('Finalized');
    const names = result.events.map((e) => `${e.event.section}.${e.event.method}`);
    expect(names).toContain('balances.Transfer');
    expect(names).toContain('system.ExtrinsicSuccess');
    const feeEvent = result.events.find((e) => e.event.method === 'TransactionFeePaid');
    expect(feeEvent).toBeDefined();
    const fee = (feeEvent!.event.data[1] as unknown as { toBigInt(): bigint }).toBigInt();
    expect(fee).toBe(info.partialFee.toBigInt());
    const after = await api.query.system.account(bob.address);
    expect(after.data.free.toBigInt() - before.data.free.toBigInt()).toBe(amount);
    const aliceAfter = await api.query.system.account(alice.address);
    // Alice authors every dev block, so the fee she pays comes back to her as the author.
    expect(aliceBefore.data.free.toBigInt() - aliceAfter.data.free.toBigInt()).toBe(amount);
    expect(aliceAfter.nonce.toNumber()).toBe(aliceBefore.nonce.toNumber() + 1);
  });

  it('reports failed calls with a dispatchError, charging only the fee and the nonce', async () => {
    const charlie = keyring.addFromUri('//Charlie');
    const before = await api.query.system.account(charlie.address);
    const { result } = await sendAndWait(api.tx.balances.transferKeepAlive(bob.address, 2_000_000n * UNIT), charlie);
    // FRAME's balances report a lack of funds as `Token(FundsUnavailable)`.
    expect(result.dispatchError?.isToken).toBe(true);
    expect(result.dispatchError!.asToken.type).toBe('FundsUnavailable');
    const after = await api.query.system.account(charlie.address);
    const feePaid = (result.events.find((e) => e.event.method === 'TransactionFeePaid')!.event.data[1] as unknown as { toBigInt(): bigint }).toBigInt();
    expect(feePaid).toBeGreaterThan(0n);
    expect(before.data.free.toBigInt() - after.data.free.toBigInt()).toBe(feePaid);
    expect(after.nonce.toNumber()).toBe(before.nonce.toNumber() + 1);

    // A pallet error decodes through the metadata: only the sudo key may call sudo.
    const { result: sudoResult } = await sendAndWait(api.tx.sudo.sudo(api.tx.system.remark('0x00')), charlie);
    expect(sudoResult.dispatchError?.isModule).toBe(true);
    const meta = api.registry.findMetaError(sudoResult.dispatchError!.asModule);
    expect(`${meta.section}.${meta.name}`).toBe('sudo.RequireSudo');
    expect(meta.docs.join(' ')).toMatch(/sudo/i);
  });

  it('rejects a bad signature with 1010', async () => {
    const tx = api.tx.balances.transferKeepAlive(bob.address, 1n);
    await tx.signAsync(alice);
    const hex = tx.toHex();
    // Flip one byte of the signature (after the 0x84, address 0x00+32 bytes, and signature type byte).
    const bytes = Buffer.from(hex.slice(2), 'hex');
    const lenPrefix = bytes[0]! & 3 ? ((bytes[0]! & 3) === 1 ? 2 : 4) : 1;
    bytes[lenPrefix + 1 + 33 + 1 + 5] ^= 0xff;
    await expect(api.rpc.author.submitExtrinsic(`0x${bytes.toString('hex')}`)).rejects.toThrow(/1010.*bad signature/);
  });

  it('queries entries, constants and past state with api.at', async () => {
    const entries = await api.query.system.account.entries();
    expect(entries.length).toBeGreaterThanOrEqual(12);
    const head = await api.rpc.chain.getHeader();
    const at = await api.at(head.parentHash);
    const number = await at.query.system.number();
    expect(number.toNumber()).toBe(head.number.toNumber() - 1);
    const issuance = await api.query.balances.totalIssuance();
    const sum = entries.reduce((s, [, v]) => s + v.data.free.toBigInt() + v.data.reserved.toBigInt(), 0n);
    expect(issuance.toBigInt()).toBe(sum);
  });

  it('streams new heads with the author and pouw digests', async () => {
    const header = await new Promise<Header>((resolve) => {
      let unsub: (() => void) | undefined;
      void api.rpc.chain.subscribeNewHeads((h: Header) => {
        unsub?.();
        resolve(h);
      }).then((u) => (unsub = u));
    });
    const engines = header.digest.logs.map((l) => (l.isPreRuntime ? l.asPreRuntime[0].toUtf8() : l.isSeal ? `seal:${l.asSeal[0].toUtf8()}` : l.type));
    expect(engines).toEqual(['pow_', 'pouw', 'seal:pouw']);
    const author = header.digest.logs[0]!.asPreRuntime[1].toU8a(true);
    expect(Buffer.from(author).toString('hex')).toBe(Buffer.from(alice.publicKey).toString('hex'));
  });
});

describe('persistence', () => {
  it('continues at the same height and state root after SIGKILL', async () => {
    const base = mkdtempSync(join(tmpdir(), 'trainchain-persist-'));
    try {
      const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
      const alice = keyring.addFromUri('//Alice');
      const dave = keyring.addFromUri('//Dave');
      let node = await startNodeProcess(['--dev', '--base-path', base, '--block-time', '200']);
      let api = await connect(node.ws);
      for (let i = 0; i < 3; i++) await sendAndWait(api.tx.balances.transferKeepAlive(dave.address, UNIT), alice);
      // Let a few more blocks land, then kill mid-production.
      await new Promise((r) => setTimeout(r, 500));
      await api.disconnect();
      await node.kill('SIGKILL');

      node = await startNodeProcess(['--dev', '--base-path', base, '--manual-seal'], { port: node.port });
      api = await connect(node.ws);
      const head = await api.rpc.chain.getHeader();
      expect(head.number.toNumber()).toBeGreaterThanOrEqual(3);
      const daveAccount = await api.query.system.account(dave.address);
      expect(daveAccount.data.free.toBigInt()).toBe(1_000_003n * UNIT);
      const block = await api.rpc.chain.getBlock(head.hash);
      expect(block.block.header.stateRoot.toHex()).toBe(head.stateRoot.toHex());
      // The chain goes on from there.
      await (api as unknown as { _rpcCore: { provider: WsProvider } })._rpcCore.provider.send('dev_newBlock', []);
      expect((await api.rpc.chain.getHeader()).number.toNumber()).toBe(head.number.toNumber() + 1);
      await api.disconnect();
      await node.kill();
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});
