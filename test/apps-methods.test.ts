/**
 * Every JSON-RPC method Polkadot.js Apps was seen calling (shared/notes/polkadot-compat.md §2.1), plus the
 * "cheap and worth having" ones, answered over a raw WebSocket with the shape Apps decodes. A signed
 * transaction is built with @polkadot/api; everything else is plain JSON-RPC.
 */
import '@polkadot/api-augment';
import { ApiPromise, Keyring, WsProvider } from '@polkadot/api';
import type { KeyringPair } from '@polkadot/keyring/types';
import { u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsHex, cryptoWaitReady, decodeAddress, xxhashAsHex } from '@polkadot/util-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NodeProcess, startNodeProcess } from './support/node-process.ts';
import { RawRpc } from './support/raw-rpc.ts';
import { headerShape } from './support/wire-shape.ts';

/** Observed from the built Apps (§2.1); the pubsub pairs are listed by their subscribe name. */
const APPS_METHODS = [
  'chain_getBlockHash', 'chain_getHeader', 'chain_getBlock', 'chain_getFinalizedHead', 'chain_subscribeNewHead',
  'chain_subscribeFinalizedHeads', 'state_getMetadata', 'state_getRuntimeVersion', 'state_subscribeRuntimeVersion',
  'state_subscribeStorage', 'state_unsubscribeStorage', 'state_getStorage', 'state_call', 'system_chain',
  'system_chainType', 'system_name', 'system_version', 'system_properties', 'system_health', 'system_peers',
  'rpc_methods', 'author_pendingExtrinsics', 'author_submitAndWatchExtrinsic', 'author_unwatchExtrinsic',
] as const;
/** Not observed from Apps, but recommended in §2.1 and used by other tools. */
const RECOMMENDED = [
  'system_localPeerId', 'system_nodeRoles', 'system_localListenAddresses', 'system_syncState', 'system_accountNextIndex',
  'state_getStorageHash', 'state_getStorageSize', 'state_queryStorageAt', 'payment_queryInfo', 'state_getKeysPaged',
  'chain_unsubscribeNewHead', 'chain_unsubscribeFinalizedHeads', 'state_unsubscribeRuntimeVersion', 'author_submitExtrinsic',
] as const;

const HASH = /^0x[0-9a-f]{64}$/;
const HEADER = {
  parentHash: '<H256>',
  number: expect.stringMatching(/^0x[0-9a-f]+$/),
  stateRoot: '<H256>',
  extrinsicsRoot: '<H256>',
  digest: { logs: expect.arrayContaining(['PreRuntime(pow_)']) },
};

describe("Polkadot.js Apps' RPC method set", () => {
  let node: NodeProcess;
  let rpc: RawRpc;
  let api: ApiPromise;
  let alice: KeyringPair;
  let bob: KeyringPair;
  let accountKey: string;

  beforeAll(async () => {
    await cryptoWaitReady();
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    alice = keyring.addFromUri('//Alice');
    bob = keyring.addFromUri('//Bob');
    node = await startNodeProcess(['--dev', '--block-time', '300']);
    rpc = await RawRpc.connect(node.ws);
    api = await ApiPromise.create({ provider: new WsProvider(node.ws), noInitWarn: true });
    // System.Account(alice) = twox128("System") ++ twox128("Account") ++ blake2_128(id) ++ id
    const id = decodeAddress(alice.address);
    accountKey = u8aToHex(u8aConcat(xxhashAsHex('System', 128), xxhashAsHex('Account', 128), blake2AsHex(id, 128), id));
    // Headers are checked for the author's digest, which the genesis header has not: wait for a finalized block.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const fin = await rpc.request<string>('chain_getFinalizedHead');
      const header = await rpc.request<{ number: string }>('chain_getHeader', [fin]);
      if (BigInt(header.number) >= 1n) break;
      if (Date.now() > deadline) throw new Error('no block finalized in 30 s');
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  afterAll(async () => {
    await api?.disconnect();
    await rpc?.close();
    await node?.kill();
  });

  it('lists every method in rpc_methods', async () => {
    const { version, methods } = await rpc.request<{ version: number; methods: string[] }>('rpc_methods');
    expect(version).toBe(1);
    expect(methods).toEqual([...methods].sort());
    for (const m of [...APPS_METHODS, ...RECOMMENDED]) expect(methods, m).toContain(m);
  });

  it('system_*: chain, chainType, name, version, properties, health, peers and the rest', async () => {
    expect(await rpc.request('system_chain')).toEqual(expect.any(String));
    expect(await rpc.request('system_chainType')).toBe('Development');
    expect(await rpc.request('system_name')).toEqual(expect.any(String));
    expect(await rpc.request('system_version')).toMatch(/^\d+\.\d+\.\d+/);
    expect(await rpc.request('system_properties')).toEqual({ ss58Format: 42, tokenDecimals: 18, tokenSymbol: 'TRAIN' });
    expect(await rpc.request('system_health')).toEqual({ peers: 0, isSyncing: false, shouldHavePeers: false });
    expect(await rpc.request('system_peers')).toEqual([]);
    expect(await rpc.request('system_localPeerId')).toMatch(/^12D3KooW[1-9A-HJ-NP-Za-km-z]+$/);
    expect(await rpc.request('system_nodeRoles')).toEqual(['Authority']);
    expect(await rpc.request('system_localListenAddresses')).toEqual(expect.any(Array));
    const sync = await rpc.request<Record<string, number>>('system_syncState');
    expect(sync).toEqual({ startingBlock: expect.any(Number), currentBlock: expect.any(Number), highestBlock: expect.any(Number) });
    expect(sync.highestBlock).toBe(sync.currentBlock);
    expect(await rpc.request('system_accountNextIndex', [alice.address])).toEqual(expect.any(Number));
  });

  it('chain_*: block hash, header, block, finalized head', async () => {
    const genesis = await rpc.request<string>('chain_getBlockHash', [0]);
    expect(genesis).toMatch(HASH);
    const best = await rpc.request<string>('chain_getBlockHash');
    expect(best).toMatch(HASH);
    const header = await rpc.request<{ number: string; parentHash: string }>('chain_getHeader', [best]);
    expect(headerShape(header)).toEqual(HEADER);
    expect(await rpc.request('chain_getHeader', [`0x${'00'.repeat(32)}`])).toBeNull();
    const block = await rpc.request<{ block: { header: unknown; extrinsics: string[] }; justifications: null }>('chain_getBlock', [best]);
    expect(block.block.header).toEqual(header);
    expect(block.justifications).toBeNull();
    expect(block.block.extrinsics.every((x) => /^0x[0-9a-f]+$/.test(x))).toBe(true);
    const finalized = await rpc.request<string>('chain_getFinalizedHead');
    expect(finalized).toMatch(HASH);
    expect(await rpc.request('chain_getHeader', [finalized])).not.toBeNull();
    // By number as hex, as Apps' block search sends it.
    expect(await rpc.request('chain_getBlockHash', [header.number])).toBe(best);
  });

  it('state_*: metadata, runtime version, storage, storage hash/size, queryStorageAt, keysPaged', async () => {
    expect(await rpc.request<string>('state_getMetadata')).toMatch(/^0x6d6574610e/);
    const version = await rpc.request<{ specName: string; apis: [string, number][] }>('state_getRuntimeVersion');
    expect(version.specName).toBe('trainchain');
    expect(version.apis.every(([id, v]) => /^0x[0-9a-f]{16}$/.test(id) && Number.isInteger(v))).toBe(true);
    const value = await rpc.request<string>('state_getStorage', [accountKey]);
    expect(value).toMatch(/^0x[0-9a-f]{160}$/);
    expect(await rpc.request('state_getStorage', [`${accountKey.slice(0, -2)}00`])).toBeNull();
    expect(await rpc.request('state_getStorageHash', [accountKey])).toBe(blake2AsHex(value, 256));
    expect(await rpc.request('state_getStorageSize', [accountKey])).toBe(80);
    const [set] = await rpc.request<{ block: string; changes: [string, string | null][] }[]>('state_queryStorageAt', [[accountKey]]);
    expect(set).toEqual({ block: expect.stringMatching(HASH), changes: [[accountKey, value]] });
    const prefix = accountKey.slice(0, 66);
    const keys = await rpc.request<string[]>('state_getKeysPaged', [prefix, 3, prefix]);
    expect(keys).toHaveLength(3);
    expect([...keys].sort()).toEqual(keys);
  });

  it('state_call: AccountNonceApi_account_nonce and TransactionPaymentApi_query_info', async () => {
    const nonce = await rpc.request<string>('state_call', ['AccountNonceApi_account_nonce', u8aToHex(decodeAddress(alice.address))]);
    expect(nonce).toMatch(/^0x[0-9a-f]{8}$/);
    expect(api.registry.createType('u32', nonce).toNumber()).toBe(await rpc.request('system_accountNextIndex', [alice.address]));

    const tx = api.tx.balances.transferKeepAlive(bob.address, 1n);
    await tx.signAsync(alice);
    const bytes = tx.toU8a();
    const len = new Uint8Array(4);
    new DataView(len.buffer).setUint32(0, bytes.length, true);
    const out = await rpc.request<string>('state_call', ['TransactionPaymentApi_query_info', u8aToHex(u8aConcat(bytes, len))]);
    const info = api.registry.createType('RuntimeDispatchInfo', out);
    expect(info.partialFee.toBigInt()).toBeGreaterThan(0n);
    expect(info.weight.refTime.toBigInt()).toBeGreaterThan(0n);
    expect(await rpc.request('payment_queryInfo', [tx.toHex()])).toEqual({
      weight: { refTime: info.weight.refTime.toNumber(), proofSize: info.weight.proofSize.toNumber() },
      class: 'normal',
      partialFee: info.partialFee.toString(),
    });
    const unknown = await rpc.call('state_call', ['NoSuchApi_method', '0x']);
    expect(unknown.error).toMatchObject({ code: 4003 });
  });

  it('subscriptions: new heads, finalized heads, runtime version, storage, each with its unsubscribe', async () => {
    const heads = await rpc.subscribe('chain_subscribeNewHead');
    const fin = await rpc.subscribe('chain_subscribeFinalizedHeads');
    const ver = await rpc.subscribe('state_subscribeRuntimeVersion');
    const store = await rpc.subscribe('state_subscribeStorage', [[accountKey]]);
    const [h1, h2] = (await rpc.waitFor(heads, 2)) as { number: string }[];
    expect(BigInt(h2!.number)).toBe(BigInt(h1!.number) + 1n);
    expect(headerShape(h1)).toEqual(HEADER);
    expect(headerShape((await rpc.waitFor(fin, 1))[0])).toEqual(HEADER);
    expect((await rpc.waitFor(ver, 1))[0]).toMatchObject({ specName: 'trainchain' });
    expect((await rpc.waitFor(store, 1))[0]).toEqual({ block: expect.stringMatching(HASH), changes: [[accountKey, expect.stringMatching(/^0x[0-9a-f]{160}$/)]] });
    expect(await rpc.request('chain_unsubscribeNewHead', [heads])).toBe(true);
    expect(await rpc.request('chain_unsubscribeFinalizedHeads', [fin])).toBe(true);
    expect(await rpc.request('state_unsubscribeRuntimeVersion', [ver])).toBe(true);
    expect(await rpc.request('state_unsubscribeStorage', [store])).toBe(true);
    expect(await rpc.request('state_unsubscribeStorage', [store])).toBe(false);
    const count = rpc.received(heads).length;
    await new Promise((r) => setTimeout(r, 800));
    expect(rpc.received(heads).length).toBe(count);
  });

  it('author_*: submitAndWatchExtrinsic → ready, inBlock, finalized; pendingExtrinsics; unwatchExtrinsic', async () => {
    const tx = api.tx.balances.transferKeepAlive(bob.address, 5n);
    await tx.signAsync(alice, { nonce: await rpc.request<number>('system_accountNextIndex', [alice.address]) });
    const pending = await rpc.request<string[]>('author_pendingExtrinsics');
    expect(Array.isArray(pending)).toBe(true);
    const id = await rpc.subscribe('author_submitAndWatchExtrinsic', [tx.toHex()]);
    const statuses = await rpc.waitFor(id, 3);
    expect(statuses[0]).toBe('ready');
    expect(statuses[1]).toEqual({ inBlock: expect.stringMatching(HASH) });
    expect(statuses[2]).toEqual({ finalized: expect.stringMatching(HASH) });
    // Finalized is final: the node ended the subscription itself, so unwatching finds nothing.
    expect(await rpc.request('author_unwatchExtrinsic', [id])).toBe(false);
    const block = await rpc.request<{ block: { extrinsics: string[] } }>('chain_getBlock', [(statuses[1] as { inBlock: string }).inBlock]);
    expect(block.block.extrinsics).toContain(tx.toHex());

    // Unwatching a live watch: a tx held in the future queue stays there.
    const future = api.tx.balances.transferKeepAlive(bob.address, 6n);
    await future.signAsync(alice, { nonce: 1_000_000, era: 0 });
    const fid = await rpc.subscribe('author_submitAndWatchExtrinsic', [future.toHex()]);
    expect(await rpc.waitFor(fid, 1)).toEqual(['future']);
    expect(await rpc.request<string[]>('author_pendingExtrinsics')).toContain(future.toHex());
    expect(await rpc.request('author_unwatchExtrinsic', [fid])).toBe(true);
  });
});
