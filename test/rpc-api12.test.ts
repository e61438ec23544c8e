/**
 * The same user script with @polkadot/api 12.4.2, the version bundled by the public Polkadot.js Apps
 * build (installed as the npm alias `polkadot-api-12`, with its own @polkadot/types 12 nested). It
 * predates the `Metadata_metadata_at_version` runtime API, so it connects through `state_getMetadata`
 * (V14) and builds `api.call` from its own definitions filtered by `runtimeVersion.apis`.
 *
 * Only `polkadot-api-12` and its nested packages are loaded here (no @polkadot/* 16 imports), and the
 * augmentation of the project's @polkadot/api 16 does not reach it, so codecs are read through the
 * small structural types below.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureConsole, unexpectedMessages } from './support/console-capture.ts';
import { type NodeProcess, startNodeProcess } from './support/node-process.ts';
import { RawRpc, type WireResponse } from './support/raw-rpc.ts';

type Api12 = typeof import('polkadot-api-12');
type ApiPromise = InstanceType<Api12['ApiPromise']>;
type Keyring = InstanceType<Api12['Keyring']>;
type KeyringPair = ReturnType<Keyring['addFromUri']>;
type Submittable = ReturnType<ApiPromise['tx']['balances']['transferKeepAlive']>;
type SubmitResult = Parameters<Extract<Parameters<Submittable['signAndSend']>[2], (r: never) => unknown>>[0];

const UNIT = 10n ** 18n;

interface Num {
  toNumber(): number;
  toBigInt(): bigint;
}
interface AccountInfo {
  nonce: Num;
  data: { free: Num; reserved: Num };
}
interface HeaderLike {
  number: Num;
  hash: { toHex(): string };
  parentHash: { toHex(): string };
}

interface Sent {
  statuses: string[];
  result: SubmitResult;
}

function sendAndWait(tx: Submittable, signer: KeyringPair, options: { nonce?: number } = {}): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const statuses: string[] = [];
    tx.signAndSend(signer, options, (result: SubmitResult) => {
      statuses.push(result.status.type);
      if (result.status.isFinalized) resolve({ statuses, result });
      if (result.isError) reject(new Error(`tx failed: ${result.status.type}`));
    }).catch(reject);
  });
}

async function nextHeads(api: ApiPromise, count: number): Promise<HeaderLike[]> {
  const heads: HeaderLike[] = [];
  let unsub: (() => void) | undefined;
  await new Promise<void>((resolve, reject) => {
    api.rpc.chain
      .subscribeNewHeads((h: HeaderLike) => {
        heads.push(h);
        if (heads.length === count) resolve();
      })
      .then((u: () => void) => {
        unsub = u;
      })
      .catch(reject);
  });
  unsub?.();
  return heads;
}

async function account(api: ApiPromise, address: string, at?: ApiPromise['query']): Promise<AccountInfo> {
  return (await (at ?? api.query).system.account(address)) as unknown as AccountInfo;
}

function errorOf(r: WireResponse): { code: number; message: string; data?: unknown } {
  if (!r.error) throw new Error(`expected an error, got ${JSON.stringify(r.result)}`);
  return r.error;
}

describe('@polkadot/api 12.4.2 (the Apps build) against trainchain --dev', () => {
  let lib: Api12;
  let node: NodeProcess;
  let api: ApiPromise;
  let raw: RawRpc;
  let messages: string[] = [];
  let alice: KeyringPair;
  let bob: KeyringPair;
  let charlie: KeyringPair;
  let keyring: Keyring;

  beforeAll(async () => {
    node = await startNodeProcess(['--dev', '--block-time', '300']);
    // Everything the library prints while loading and connecting is checked below.
    const capture = captureConsole();
    try {
      lib = await import('polkadot-api-12');
      api = await lib.ApiPromise.create({ provider: new lib.WsProvider(node.ws) });
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      capture.restore();
    }
    messages = capture.messages;
    keyring = new lib.Keyring({ type: 'sr25519', ss58Format: 42 });
    alice = keyring.addFromUri('//Alice');
    bob = keyring.addFromUri('//Bob');
    charlie = keyring.addFromUri('//Charlie');
    raw = await RawRpc.connect(node.ws);
  });
  afterAll(async () => {
    await raw?.close();
    await api?.disconnect();
    await node?.kill();
  });

  it('is really 12.4.2 with its own @polkadot/types 12', () => {
    // Resolved from inside the alias, as its own modules resolve it: the nested copy, not the project's 16.
    const fromApi12 = createRequire(createRequire(import.meta.url).resolve('polkadot-api-12'));
    const typesEntry = fromApi12.resolve('@polkadot/types');
    expect(typesEntry).toMatch(/polkadot-api-12\/node_modules\/@polkadot\/types\//);
    const typesDir = `${typesEntry.slice(0, typesEntry.indexOf('/@polkadot/types/'))}/@polkadot/types`;
    const typesPkg = JSON.parse(readFileSync(`${typesDir}/package.json`, 'utf8')) as { version: string };
    expect(typesPkg.version).toBe('12.4.2');
    expect(lib.packageInfo.version).toBe('12.4.2');
  });

  it('connects through state_getMetadata (V14) with no options and no warnings about our types', async () => {
    expect(unexpectedMessages(messages)).toEqual([]);
    expect(api.runtimeMetadata.version).toBe(14);
    expect(api.genesisHash.toHex()).toBe(await raw.request('chain_getBlockHash', [0]));
    expect(api.runtimeVersion.specName.toString()).toBe('trainchain');
    expect(api.registry.chainSS58).toBe(42);
    expect(api.registry.chainTokens).toEqual(['TRAIN']);
    expect(api.registry.chainDecimals).toEqual([18]);
    // V14: runtime calls come from the api's own definitions, filtered by runtimeVersion.apis.
    expect(Object.keys(api.call)).toEqual(expect.arrayContaining(['accountNonceApi', 'transactionPaymentApi']));
  });

  it('reads storage, entries, totalIssuance and constants', async () => {
    expect((await account(api, alice.address)).data.free.toBigInt()).toBeGreaterThan(0n);
    const entries = await api.query.system.account.entries();
    expect(entries.length).toBeGreaterThanOrEqual(12);
    const ids = entries.map(([k]) => k.args[0]!.toString());
    expect(ids).toContain(bob.address);
    const sum = entries.reduce((s, [, v]) => {
      const a = v as unknown as AccountInfo;
      return s + a.data.free.toBigInt() + a.data.reserved.toBigInt();
    }, 0n);
    expect(((await api.query.balances.totalIssuance()) as unknown as Num).toBigInt()).toBe(sum);
    expect((api.consts.system.blockHashCount as unknown as Num).toNumber()).toBe(4096);
    expect((api.consts.system.ss58Prefix as unknown as Num).toNumber()).toBe(42);
    expect((api.consts.balances.existentialDeposit as unknown as Num).toBigInt()).toBe(UNIT / 1000n);
    expect((api.consts.transactionPayment.operationalFeeMultiplier as unknown as Num).toNumber()).toBe(5);
  });

  it('signAndSend: ready → inBlock → finalized with decoded events, paymentInfo = fee, api.at reads the past', async () => {
    const amount = 1_234n * UNIT;
    const before = (await api.rpc.chain.getHeader()) as unknown as HeaderLike;
    const bobBefore = (await account(api, bob.address)).data.free.toBigInt();
    const tx = api.tx.balances.transferKeepAlive(bob.address, amount);
    const info = await tx.paymentInfo(alice);
    expect(info.partialFee.toBigInt()).toBeGreaterThan(0n);
    const { statuses, result } = await sendAndWait(tx, alice);
    expect(statuses[0]).toBe('Ready');
    expect(statuses).toContain('InBlock');
    expect(statuses.at(-1)).toBe('Finalized');
    expect(result.dispatchError).toBeUndefined();
    const names = result.events.map(({ event }) => `${event.section}.${event.method}`);
    expect(names).toEqual(expect.arrayContaining(['balances.Transfer', 'transactionPayment.TransactionFeePaid', 'system.ExtrinsicSuccess']));
    const transfer = result.events.find(({ event }) => event.method === 'Transfer')!.event;
    expect(transfer.data[0]!.toString()).toBe(alice.address);
    expect(transfer.data[1]!.toString()).toBe(bob.address);
    expect((transfer.data[2] as unknown as Num).toBigInt()).toBe(amount);
    const fee = result.events.find(({ event }) => event.method === 'TransactionFeePaid')!.event;
    expect((fee.data[1] as unknown as Num).toBigInt()).toBe(info.partialFee.toBigInt());

    const atBefore = await api.at(before.hash.toHex());
    expect((await account(api, bob.address, atBefore.query)).data.free.toBigInt()).toBe(bobBefore);
    const atBlock = await api.at(result.status.asFinalized);
    expect((await account(api, bob.address, atBlock.query)).data.free.toBigInt()).toBe(bobBefore + amount);
  });

  it('signAndSend with nonce -1 (AccountNonceApi, as Apps does) and a failed call decoded with findMetaError', async () => {
    const viaApps = await sendAndWait(api.tx.system.remark('0xabcd'), charlie, { nonce: -1 });
    expect(viaApps.result.dispatchError).toBeUndefined();
    const { result } = await sendAndWait(api.tx.sudo.sudo(api.tx.system.remark('0x00')), charlie, { nonce: -1 });
    expect(result.dispatchError?.isModule).toBe(true);
    const meta = api.registry.findMetaError(result.dispatchError!.asModule);
    expect(`${meta.section}.${meta.name}`).toBe('sudo.RequireSudo');
  });

  it('streams heads to several clients at once and derives the best number', async () => {
    const other = await lib.ApiPromise.create({ provider: new lib.WsProvider(node.ws), noInitWarn: true });
    try {
      const [a, b] = await Promise.all([nextHeads(api, 3), nextHeads(other, 3)]);
      const hashes = new Map<number, string>();
      for (const heads of [a!, b!]) {
        heads.forEach((h, i) => {
          if (i > 0) expect(h.number.toNumber()).toBe(heads[i - 1]!.number.toNumber() + 1);
          const known = hashes.get(h.number.toNumber());
          if (known) expect(h.hash.toHex()).toBe(known);
          else hashes.set(h.number.toNumber(), h.hash.toHex());
        });
      }
      const n1 = ((await api.derive.chain.bestNumber()) as unknown as Num).toNumber();
      await nextHeads(other, 2);
      expect(((await other.derive.chain.bestNumber()) as unknown as Num).toNumber()).toBeGreaterThan(n1);
    } finally {
      await other.disconnect();
    }
  });

  it('gets the pool errors as RpcError with the code', async () => {
    const tx = api.tx.balances.transferKeepAlive(bob.address, 1n);
    await tx.signAsync(alice);
    const bytes = Buffer.from(tx.toHex().slice(2), 'hex');
    const lenPrefix = (bytes[0]! & 3) === 0 ? 1 : (bytes[0]! & 3) === 1 ? 2 : 4;
    bytes[lenPrefix + 1 + 33 + 1 + 5]! ^= 0xff;
    const bad = `0x${bytes.toString('hex')}`;
    await expect(api.rpc.author.submitExtrinsic(bad)).rejects.toThrow(/1010: Invalid Transaction: Transaction has a bad signature/);
    expect(errorOf(await raw.call('author_submitExtrinsic', ['0x00']))).toMatchObject({ code: 1002 });
    expect((await account(api, alice.address)).data.free.toBigInt()).toBeGreaterThan(0n);
  });
});
