/**
 * Conformance with the latest installable @polkadot/api (16.5.6; 17.0.1 is published but its
 * @polkadot/types 17.0.1 is not, so it cannot be installed): a real `trainchain --dev` process driven
 * the way scripts and Polkadot.js Apps drive a Substrate node, with no custom types or options.
 * Covers connecting without warnings, storage, entries, api.at, constants, signAndSend with events,
 * paymentInfo, module errors, head subscriptions with several clients at once, the pool's error codes,
 * the wire shapes of headers, blocks and the runtime version, and the generated `trainchain/api-augment`.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import '@polkadot/api-augment';
import { ApiPromise, Keyring, WsProvider } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { Header } from '@polkadot/types/interfaces';
import type { FrameSystemAccountInfo } from '@polkadot/types/lookup';
import type { ISubmittableResult } from '@polkadot/types/types';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { blake2AsHex, cryptoWaitReady } from '@polkadot/util-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAugmentation, staleFiles } from '../scripts/typegen.ts';
import { captureConsole, unexpectedMessages } from './support/console-capture.ts';
import { type NodeProcess, startNodeProcess } from './support/node-process.ts';
import { RawRpc, type WireResponse } from './support/raw-rpc.ts';
import { headerShape, wireShape } from './support/wire-shape.ts';

const UNIT = 10n ** 18n;
const ROOT = fileURLToPath(new URL('..', import.meta.url));

type Signer = Parameters<SubmittableExtrinsic<'promise'>['signAndSend']>[0];

interface Sent {
  statuses: string[];
  result: ISubmittableResult;
}

/** signAndSend until Finalized; rejects on a pool error or a dropped/invalid status. */
function sendAndWait(tx: SubmittableExtrinsic<'promise'>, signer: Signer, options: { nonce?: number } = {}): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const statuses: string[] = [];
    tx.signAndSend(signer, options, (result) => {
      statuses.push(result.status.type);
      if (result.status.isFinalized) resolve({ statuses, result });
      if (result.isError) reject(new Error(`tx failed: ${result.status.type}`));
    }).catch(reject);
  });
}

/** The next `count` headers of `api.rpc.chain.subscribeNewHeads`. */
async function nextHeads(api: ApiPromise, count: number): Promise<Header[]> {
  const heads: Header[] = [];
  let unsub: (() => void) | undefined;
  await new Promise<void>((resolve, reject) => {
    api.rpc.chain
      .subscribeNewHeads((h) => {
        heads.push(h);
        if (heads.length === count) resolve();
      })
      .then((u) => {
        unsub = u;
      })
      .catch(reject);
  });
  unsub?.();
  return heads;
}

function errorOf(r: WireResponse): { code: number; message: string; data?: unknown } {
  if (!r.error) throw new Error(`expected an error, got ${JSON.stringify(r.result)}`);
  return r.error;
}

describe('@polkadot/api 16 against trainchain --dev', () => {
  let node: NodeProcess;
  let api: ApiPromise;
  let raw: RawRpc;
  let initMessages: string[] = [];
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  let alice: KeyringPair;
  let bob: KeyringPair;
  let charlie: KeyringPair;

  beforeAll(async () => {
    await cryptoWaitReady();
    alice = keyring.addFromUri('//Alice');
    bob = keyring.addFromUri('//Bob');
    charlie = keyring.addFromUri('//Charlie');
    node = await startNodeProcess(['--dev', '--block-time', '300']);
    const capture = captureConsole();
    try {
      api = await ApiPromise.create({ provider: new WsProvider(node.ws) });
      // Warnings about unknown types or runtime APIs come after `create` resolves, while decorating.
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      capture.restore();
    }
    initMessages = capture.messages;
    raw = await RawRpc.connect(node.ws);
    // Some checks read block-built state (the timestamp): wait for the first finalized block.
    const deadline = Date.now() + 30_000;
    while ((await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber() < 1) {
      if (Date.now() > deadline) throw new Error('no block finalized in 30 s');
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  afterAll(async () => {
    await raw?.close();
    await api?.disconnect();
    await node?.kill();
  });

  it('connects with no options, V15 metadata via the runtime API, and no warnings about our types', async () => {
    expect(unexpectedMessages(initMessages)).toEqual([]);
    expect(api.runtimeMetadata.version).toBe(15);
    expect(api.genesisHash.toHex()).toBe(await raw.request('chain_getBlockHash', [0]));
    expect(api.runtimeVersion.specName.toString()).toBe('trainchain');
    expect(api.registry.chainSS58).toBe(42);
    expect(api.registry.chainTokens).toEqual(['TRAIN']);
    expect(api.registry.chainDecimals).toEqual([18]);
    // Every runtime API the metadata lists is decorated (V15: api.call comes only from the metadata).
    expect(Object.keys(api.call).sort()).toEqual(expect.arrayContaining(['accountNonceApi', 'core', 'metadata', 'transactionPaymentApi']));
    expect(api.registry.signedExtensions).toEqual(expect.arrayContaining(['CheckSpecVersion', 'CheckTxVersion', 'CheckGenesis', 'CheckMortality', 'CheckNonce', 'ChargeTransactionPayment']));
  });

  it('reads storage: system.account, .entries(), totalIssuance and constants', async () => {
    const account = await api.query.system.account(alice.address);
    expect(account.data.free.toBigInt()).toBeGreaterThan(0n);
    const entries = await api.query.system.account.entries();
    expect(entries.length).toBeGreaterThanOrEqual(12);
    const ids = entries.map(([k]) => k.args[0]!.toString());
    expect(ids).toContain(alice.address);
    expect(ids).toContain(bob.address);
    const issuance = (await api.query.balances.totalIssuance()).toBigInt();
    const sum = entries.reduce((s, [, v]) => s + v.data.free.toBigInt() + v.data.reserved.toBigInt(), 0n);
    expect(issuance).toBe(sum);
    // Paged keys: a page size of 2 walks the same keys in the same order.
    const paged = await api.query.system.account.entriesPaged({ args: [], pageSize: 2 });
    expect(paged).toHaveLength(2);
    expect(paged.map(([k]) => k.toHex())).toEqual(entries.slice(0, 2).map(([k]) => k.toHex()));

    expect(api.consts.system.blockHashCount.toNumber()).toBe(4096);
    expect(api.consts.system.ss58Prefix.toNumber()).toBe(42);
    expect(api.consts.balances.existentialDeposit.toBigInt()).toBe(UNIT / 1000n);
    expect(api.consts.transactionPayment.operationalFeeMultiplier.toNumber()).toBe(5);
    expect(api.consts.timestamp.minimumPeriod.toBigInt()).toBeGreaterThan(0n);
    expect(api.consts.system.version.specName.toString()).toBe('trainchain');
    expect(api.consts.system.blockWeights.maxBlock.refTime.toBigInt()).toBeGreaterThan(0n);
    const now = (await api.query.timestamp.now()).toNumber();
    expect(Math.abs(now - Date.now())).toBeLessThan(60_000);
  });

  it('signAndSend reports ready → inBlock → finalized with decoded events; paymentInfo is the fee charged; api.at reads the past', async () => {
    const amount = 4_321n * UNIT;
    const before = await api.rpc.chain.getHeader();
    const bobBefore = (await api.query.system.account(bob.address)).data.free.toBigInt();
    const tx = api.tx.balances.transferKeepAlive(bob.address, amount);
    const info = await tx.paymentInfo(alice);
    expect(info.partialFee.toBigInt()).toBeGreaterThan(0n);
    expect(info.class.isNormal).toBe(true);
    expect(info.weight.refTime.toBigInt()).toBeGreaterThan(0n);

    const { statuses, result } = await sendAndWait(tx, alice);
    expect(statuses[0]).toBe('Ready');
    expect(statuses).toContain('InBlock');
    expect(statuses.indexOf('InBlock')).toBeLessThan(statuses.indexOf('Finalized'));
    expect(statuses.at(-1)).toBe('Finalized');
    expect(result.dispatchError).toBeUndefined();
    const names = result.events.map(({ event }) => `${event.section}.${event.method}`);
    expect(names).toEqual(expect.arrayContaining(['balances.Withdraw', 'balances.Transfer', 'transactionPayment.TransactionFeePaid', 'system.ExtrinsicSuccess']));
    const transfer = result.events.find(({ event }) => api.events.balances.Transfer.is(event))!.event;
    if (!api.events.balances.Transfer.is(transfer)) throw new Error('unreachable');
    expect(transfer.data.from.toString()).toBe(alice.address);
    expect(transfer.data.to.toString()).toBe(bob.address);
    expect(transfer.data.amount.toBigInt()).toBe(amount);
    const feePaid = result.events.find(({ event }) => api.events.transactionPayment.TransactionFeePaid.is(event))!.event;
    if (!api.events.transactionPayment.TransactionFeePaid.is(feePaid)) throw new Error('unreachable');
    expect(feePaid.data.actualFee.toBigInt()).toBe(info.partialFee.toBigInt());
    // Every event of the tx is attributed to its index in the block (Phase::ApplyExtrinsic(i)).
    const inBlock = result.status.asFinalized;
    const block = await api.rpc.chain.getBlock(inBlock);
    const index = block.block.extrinsics.findIndex((x) => x.hash.eq(tx.hash));
    expect(index).toBeGreaterThan(0);
    expect(result.events.every((e) => e.phase.isApplyExtrinsic && e.phase.asApplyExtrinsic.toNumber() === index)).toBe(true);

    // api.at: the state of the block before the transfer, and of the block that holds it.
    const atBefore = await api.at(before.hash);
    expect((await atBefore.query.system.account(bob.address)).data.free.toBigInt()).toBe(bobBefore);
    expect((await atBefore.query.system.number()).toNumber()).toBe(before.number.toNumber());
    const atBlock = await api.at(inBlock);
    expect((await atBlock.query.system.account(bob.address)).data.free.toBigInt()).toBe(bobBefore + amount);
    const events = await atBlock.query.system.events();
    expect(events.some(({ event }) => event.section === 'balances' && event.method === 'Transfer')).toBe(true);
  });

  it('signAndSend the way Apps does (nonce -1: AccountNonceApi) in a pipeline of several txs', async () => {
    const before = (await api.query.system.account(charlie.address)).nonce.toNumber();
    const txs = [1n, 2n, 3n].map((n) => api.tx.balances.transferKeepAlive(bob.address, n * UNIT));
    // Sequential signing with nonce -1 gives consecutive nonces only when the pool counts pending txs:
    // sign explicitly with consecutive nonces from the runtime API, as pipelining clients do.
    const next = (await api.call.accountNonceApi.accountNonce(charlie.address)).toNumber();
    expect(next).toBe(before);
    const sent = await Promise.all(txs.map((tx, i) => sendAndWait(tx, charlie, { nonce: next + i })));
    for (const s of sent) expect(s.statuses.at(-1)).toBe('Finalized');
    expect((await api.query.system.account(charlie.address)).nonce.toNumber()).toBe(before + 3);
    const viaApps = await sendAndWait(api.tx.system.remark('0x1234'), charlie, { nonce: -1 });
    expect(viaApps.result.dispatchError).toBeUndefined();
    expect((await api.rpc.system.accountNextIndex(charlie.address)).toNumber()).toBe(before + 4);
  });

  it('failed calls carry a dispatchError that registry.findMetaError decodes', async () => {
    const { result } = await sendAndWait(api.tx.sudo.sudo(api.tx.system.remark('0x00')), bob);
    expect(result.dispatchError?.isModule).toBe(true);
    const meta = api.registry.findMetaError(result.dispatchError!.asModule);
    expect(`${meta.section}.${meta.name}`).toBe('sudo.RequireSudo');
    expect(meta.docs.join(' ')).not.toBe('');
    expect(api.errors.sudo.RequireSudo.is(result.dispatchError!.asModule)).toBe(true);
    const failed = result.events.find(({ event }) => api.events.system.ExtrinsicFailed.is(event));
    expect(failed).toBeDefined();

    // A balances failure as FRAME reports it: Token(FundsUnavailable), or a balances module error.
    const poor = keyring.addFromUri('//Poor');
    await sendAndWait(api.tx.balances.transferKeepAlive(poor.address, UNIT), alice);
    const { result: r2 } = await sendAndWait(api.tx.balances.transferKeepAlive(bob.address, 10n * UNIT), poor);
    expect(r2.dispatchError).toBeDefined();
    const e = r2.dispatchError!;
    const described = e.isModule ? `${api.registry.findMetaError(e.asModule).section}.${api.registry.findMetaError(e.asModule).name}` : `${e.type}.${e.isToken ? e.asToken.type : ''}`;
    expect(described).toMatch(/^(Token\.FundsUnavailable|balances\.\w+)$/);
  });

  it('streams heads to several clients at once: subscribeNewHeads, derive.chain.bestNumber, finalized heads and storage', async () => {
    const others = await Promise.all([0, 1].map(() => ApiPromise.create({ provider: new WsProvider(node.ws), noInitWarn: true })));
    const sockets = await Promise.all([0, 1, 2].map(() => RawRpc.connect(node.ws)));
    try {
      const subs = await Promise.all(sockets.map((s) => s.subscribe('chain_subscribeNewHead')));
      const fin = await sockets[0]!.subscribe('chain_subscribeFinalizedHeads');
      const all = await sockets[1]!.subscribe('chain_subscribeAllHeads');
      const [a, b, c] = await Promise.all([api, ...others].map((x) => nextHeads(x, 4)));
      const byNumber = new Map<number, string>();
      for (const heads of [a!, b!, c!]) {
        heads.forEach((h, i) => {
          if (i > 0) expect(h.number.toNumber()).toBe(heads[i - 1]!.number.toNumber() + 1);
          const known = byNumber.get(h.number.toNumber());
          if (known) expect(h.hash.toHex()).toBe(known);
          else byNumber.set(h.number.toNumber(), h.hash.toHex());
        });
      }
      await Promise.all(sockets.map((s, i) => s.waitFor(subs[i]!, 3)));
      for (const [i, s] of sockets.entries()) {
        const heads = s.received(subs[i]!) as { number: string; parentHash: string }[];
        for (let k = 1; k < heads.length; k++) expect(BigInt(heads[k]!.number)).toBe(BigInt(heads[k - 1]!.number) + 1n);
      }
      await sockets[0]!.waitFor(fin, 2);
      await sockets[1]!.waitFor(all, 2);

      const best1 = (await api.derive.chain.bestNumber()).toNumber();
      await nextHeads(api, 2);
      const best2 = (await others[0]!.derive.chain.bestNumber()).toNumber();
      expect(best2).toBeGreaterThan(best1);

      // A storage subscription on two clients: the initial value at once, then the change.
      const seen: bigint[][] = [[], []];
      const unsubs: (() => void)[] = [];
      for (const [i, x] of [api, others[0]!].entries()) {
        unsubs.push(await x.query.system.account(bob.address, (acc: FrameSystemAccountInfo) => void seen[i]!.push(acc.data.free.toBigInt())));
      }
      const t0 = Date.now();
      while (seen.some((s) => s.length === 0) && Date.now() - t0 < 5000) await new Promise((r) => setTimeout(r, 20));
      await sendAndWait(api.tx.balances.transferKeepAlive(bob.address, 7n * UNIT), alice);
      while (seen.some((s) => s.length < 2) && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 20));
      for (const u of unsubs) u();
      for (const s of seen) {
        expect(s.length).toBeGreaterThanOrEqual(2);
        expect(s.at(-1)! - s[0]!).toBe(7n * UNIT);
      }
      for (const [i, s] of sockets.entries()) expect(await s.request('chain_unsubscribeNewHead', [subs[i]])).toBe(true);
      expect(await sockets[0]!.request('chain_unsubscribeFinalizedHeads', [fin])).toBe(true);
      expect(await sockets[0]!.request('chain_unsubscribeFinalizedHeads', [fin])).toBe(false);
    } finally {
      await Promise.all(others.map((x) => x.disconnect()));
      await Promise.all(sockets.map((s) => s.close()));
    }
  });

  it("rejects invalid extrinsics with Substrate's codes (1002, 1010, 1011, 1012, 1013, 1014) and keeps serving", async () => {
    const submit = (hex: string) => raw.call('author_submitExtrinsic', [hex]);
    // 1002: bytes that do not decode as an extrinsic.
    expect(errorOf(await submit('0x1234'))).toMatchObject({ code: 1002, message: 'Verification Error' });
    expect(errorOf(await submit('0xzz'))).toMatchObject({ code: 1002 });

    // 1010 bad signature, then 1012 for the same bytes (banned).
    const good = api.tx.balances.transferKeepAlive(bob.address, 1n);
    await good.signAsync(alice);
    const bytes = hexToU8a(good.toHex());
    const lenPrefix = (bytes[0]! & 3) === 0 ? 1 : (bytes[0]! & 3) === 1 ? 2 : 4;
    bytes[lenPrefix + 1 + 33 + 1 + 5]! ^= 0xff;
    const bad = u8aToHex(bytes);
    expect(errorOf(await submit(bad))).toEqual({ code: 1010, message: 'Invalid Transaction', data: 'Transaction has a bad signature' });
    expect(errorOf(await submit(bad))).toMatchObject({ code: 1012, message: 'Transaction is temporarily banned' });
    // The api surfaces the code in its error.
    await expect(api.rpc.author.submitExtrinsic(bad)).rejects.toThrow(/1012/);

    // 1010 stale nonce.
    const stale = api.tx.balances.transferKeepAlive(bob.address, 1n);
    await stale.signAsync(charlie, { nonce: 0 });
    expect(errorOf(await submit(stale.toHex()))).toEqual({ code: 1010, message: 'Invalid Transaction', data: 'Transaction is outdated' });

    // 1010 payment: an account with nothing cannot pay the fee.
    const nobody = keyring.addFromUri('//Nobody');
    const unpaid = api.tx.balances.transferKeepAlive(bob.address, 1n);
    await unpaid.signAsync(nobody, { nonce: 0 });
    expect(errorOf(await submit(unpaid.toHex()))).toMatchObject({ code: 1010, data: expect.stringMatching(/Inability to pay some fees/) });

    // 1011: an unsigned call that has no unsigned validator.
    const unsigned = api.tx.balances.transferKeepAlive(bob.address, 1n).toHex();
    expect(errorOf(await submit(unsigned))).toMatchObject({ code: 1011, message: 'Unknown Transaction Validity' });

    // 1013 and 1014 with a transaction held in the future queue (nonce far ahead).
    const dave = keyring.addFromUri('//Dave');
    const daveNonce = (await api.query.system.account(dave.address)).nonce.toNumber();
    const future = api.tx.balances.transferKeepAlive(bob.address, 1n);
    await future.signAsync(dave, { nonce: daveNonce + 1000, era: 0 });
    expect(await raw.request('author_submitExtrinsic', [future.toHex()])).toBe(future.hash.toHex());
    expect(errorOf(await submit(future.toHex()))).toMatchObject({ code: 1013, message: 'Transaction Already Imported' });
    const sameNonce = api.tx.balances.transferKeepAlive(bob.address, 2n);
    await sameNonce.signAsync(dave, { nonce: daveNonce + 1000, era: 0 });
    expect(errorOf(await submit(sameNonce.toHex()))).toMatchObject({ code: 1014, message: 'Priority is too low' });
    expect(await raw.request<string[]>('author_pendingExtrinsics')).toContain(future.toHex());
    // The same bytes submitted several times at once: one is imported, the others are 1013 (not 1014).
    const twice = api.tx.balances.transferKeepAlive(bob.address, 3n);
    await twice.signAsync(dave, { nonce: daveNonce + 1001, era: 0 });
    const answers = await Promise.all([0, 1, 2].map(() => submit(twice.toHex())));
    expect(answers.filter((a) => a.result === twice.hash.toHex())).toHaveLength(1);
    expect(answers.filter((a) => a.error).map((a) => a.error)).toEqual([1, 2].map(() => expect.objectContaining({ code: 1013, message: 'Transaction Already Imported' })));

    // -32602 for a param that is not a string; the node still answers.
    expect(errorOf(await raw.call('author_submitExtrinsic', [42]))).toMatchObject({ code: -32602 });
    expect((await api.rpc.system.health()).isSyncing.isFalse).toBe(true);
  });

  it('answers with the wire shapes Substrate uses: header, block, runtime version, notifications', async () => {
    const header = await raw.request<Record<string, unknown>>('chain_getHeader');
    const HEADER_SHAPE = {
      parentHash: '<H256>',
      number: expect.stringMatching(/^0x[0-9a-f]+$/),
      stateRoot: '<H256>',
      extrinsicsRoot: '<H256>',
      // The author (`pow_` is read by Apps as the author's account id), the PoUW digest, the seal.
      digest: { logs: ['PreRuntime(pow_)', 'PreRuntime(pouw)', 'Seal(pouw)'] },
    };
    expect(headerShape(header)).toEqual(HEADER_SHAPE);
    expect((header.digest as { logs: string[] }).logs[0]).toBe(`0x06706f775f80${u8aToHex(alice.publicKey).slice(2)}`);
    expect(header.number).toMatch(/^0x[1-9a-f][0-9a-f]*$/);

    const hash = await raw.request<string>('chain_getBlockHash', [header.number]);
    const block = await raw.request<{ block: { header: unknown; extrinsics: string[] }; justifications: unknown }>('chain_getBlock', [hash]);
    expect(Object.keys(block).sort()).toEqual(['block', 'justifications']);
    expect(block.justifications).toBeNull();
    expect(block.block.header).toEqual(header);
    // The first extrinsic is the timestamp inherent: unsigned v4 (0x04), timestamp.set (pallet 1, call 0).
    expect(block.block.extrinsics[0]).toMatch(/^0x[0-9a-f]{2}040100/);
    expect(await raw.request('chain_getBlock', [`0x${'ee'.repeat(32)}`])).toBeNull();
    expect(await raw.request('chain_getBlockHash', [99_999_999])).toBeNull();
    expect(await raw.request('chain_getBlockHash', ['0x0'])).toBe(api.genesisHash.toHex());

    const version = await raw.request('state_getRuntimeVersion');
    expect(version).toEqual({
      specName: 'trainchain',
      implName: expect.any(String),
      authoringVersion: expect.any(Number),
      specVersion: api.runtimeVersion.specVersion.toNumber(),
      implVersion: expect.any(Number),
      apis: expect.arrayContaining([
        [blake2AsHex('Core', 64), expect.any(Number)],
        [blake2AsHex('Metadata', 64), 2],
        [blake2AsHex('AccountNonceApi', 64), expect.any(Number)],
        [blake2AsHex('TransactionPaymentApi', 64), expect.any(Number)],
      ]),
      transactionVersion: api.runtimeVersion.transactionVersion.toNumber(),
      systemVersion: expect.any(Number),
      stateVersion: expect.any(Number),
    });

    expect(await raw.request('system_health')).toEqual({ peers: 0, isSyncing: false, shouldHavePeers: false });
    expect(await raw.request('system_properties')).toEqual({ ss58Format: 42, tokenDecimals: 18, tokenSymbol: 'TRAIN' });
    expect(await raw.request('system_chainType')).toBe('Development');

    // Metadata: V14 through state_getMetadata (api ≤ 13, the Apps build), V14/V15 through the runtime API.
    const meta = await raw.request<string>('state_getMetadata');
    expect(meta.slice(0, 12)).toBe('0x6d6574610e');
    expect(await raw.request('state_call', ['Metadata_metadata_versions', '0x'])).toBe('0x080e0000000f000000');
    const v15 = await raw.request<string>('state_call', ['Metadata_metadata_at_version', '0x0f000000']);
    expect(v15.slice(0, 2 + 2)).toBe('0x01');
    expect(await raw.request('state_call', ['Metadata_metadata_at_version', '0x10000000'])).toBe('0x00');

    // Storage replies: StorageChangeSet with the block hash, null for a missing key.
    const accountKey = api.query.system.account.key(alice.address);
    const missing = `0x${'ab'.repeat(40)}`;
    const sets = await raw.request<unknown[]>('state_queryStorageAt', [[accountKey, missing]]);
    expect(wireShape(sets, 81)).toEqual([{ block: '<H256>', changes: [[accountKey, expect.stringMatching(/^0x[0-9a-f]{160}$/)], [missing, null]] }]);

    // A notification frame, exactly.
    const frames: unknown[] = [];
    const sock = await RawRpc.connect(node.ws);
    sock.ws.on('message', (d) => frames.push(JSON.parse(String(d))));
    const subId = await sock.subscribe('chain_subscribeNewHeads');
    expect(subId).toMatch(/^[A-Za-z0-9]{16}$/);
    await sock.waitFor(subId, 1);
    const note = frames.find((f) => (f as { method?: string }).method === 'chain_newHead');
    const { params, ...frame } = note as { params: { subscription: string; result: unknown } };
    expect(frame).toEqual({ jsonrpc: '2.0', method: 'chain_newHead' });
    expect(Object.keys(params).sort()).toEqual(['result', 'subscription']);
    expect(params.subscription).toBe(subId);
    expect(headerShape(params.result)).toEqual(HEADER_SHAPE);
    await sock.close();
  });
});

describe('trainchain/api-augment', () => {
  it('is up to date with the runtime (run `npm run typegen` when pallets change)', async () => {
    const generated = await generateAugmentation();
    expect(generated.get('augment-api-tx.ts')).toMatch(/transferKeepAlive: AugmentedSubmittable</);
    expect(staleFiles(generated)).toEqual([]);
  });

  it('type-checks a typed client (api-augment/check.ts) with tsc', async () => {
    const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
    const child = spawn(process.execPath, [tsc, '--noEmit', '-p', 'api-augment/tsconfig.json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(out).toBe('');
    expect(code).toBe(0);
  }, 120_000);
});
