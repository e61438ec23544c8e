/**
 * The block explorer served by `trainchain --dev` at /explorer: its JSON API shows a transfer made with
 * @polkadot/api exactly as the chain holds it (call, signer, outcome, fee, events, balances) and an Ethereum
 * transaction sent with ethers as Ethereum tools show it, browses any
 * pallet's storage, and answers unknown blocks and accounts with 404.
 */
import '@polkadot/api-augment';
import { ApiPromise, Keyring, WsProvider } from '@polkadot/api';
import { JsonRpcProvider, Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ETH_DEV_ACCOUNTS } from '../rpc/eth/dev-accounts.ts';
import { type NodeProcess, startNodeProcess } from './support/node-process.ts';

const UNIT = 10n ** 18n;

interface ExplorerBlock {
  number: number;
  hash: string;
  author: string;
  extrinsics: { index: number; call: string; signer: string | null; success: boolean | null; error: unknown; fee: string | null; args: { value?: string }; ethereum: Record<string, unknown> | null }[];
  events: { phase: unknown; pallet: string; name: string }[];
}
interface StorageAnswer {
  entries: { key: unknown[]; value: unknown }[];
}

describe('explorer', () => {
  let node: NodeProcess;
  let api: ApiPromise;
  let base: string;
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const alice = keyring.addFromUri('//Alice');
  const bob = keyring.addFromUri('//Bob');
  const get = async <T = Record<string, unknown>>(path: string): Promise<{ status: number; type: string | null; body: T }> => {
    const r = await fetch(`${base}${path}`);
    return { status: r.status, type: r.headers.get('content-type'), body: (r.headers.get('content-type')?.includes('json') ? await r.json() : await r.text()) as T };
  };

  beforeAll(async () => {
    node = await startNodeProcess(['--dev', '--block-time', '300']);
    api = await ApiPromise.create({ provider: new WsProvider(node.ws), noInitWarn: true });
    base = node.ws.replace('ws://', 'http://');
  });
  afterAll(async () => {
    await api?.disconnect();
    await node?.kill();
  });

  it('serves the page', async () => {
    const page = await get<string>('/explorer');
    expect(page.status).toBe(200);
    expect(page.type).toContain('text/html');
    expect(page.body).toContain('TrainChain explorer');
    expect(page.body).toContain('/explorer/api/');
  });

  it('shows a signed transfer with its signer, outcome, fee and events, and the accounts it touched', async () => {
    const blockHash = await new Promise<string>((resolve, reject) => {
      api.tx.balances.transferKeepAlive(bob.address, 7n * UNIT).signAndSend(alice, (r) => {
        if (r.status.isInBlock) resolve(r.status.asInBlock.toHex());
        if (r.isError) reject(new Error(r.status.type));
      }).catch(reject);
    });
    const block = (await get<ExplorerBlock>(`/explorer/api/block/${blockHash}`)).body;
    const number = (await api.rpc.chain.getHeader(blockHash)).number.toNumber();
    expect(block.number).toBe(number);
    expect(block.hash).toBe(blockHash);
    expect(block.author).toBe(alice.address);
    expect(block.extrinsics[0].call).toBe('Timestamp.set');
    const transfer = block.extrinsics.find((x) => x.call === 'Balances.transfer_keep_alive')!;
    expect(transfer).toMatchObject({ signer: alice.address, success: true, error: null });
    expect(BigInt(transfer.fee!)).toBeGreaterThan(0n);
    expect(transfer.args.value).toBe((7n * UNIT).toString());
    const events = block.events.filter((e) => JSON.stringify(e.phase) === JSON.stringify({ ApplyExtrinsic: transfer.index }));
    expect(events.map((e) => `${e.pallet}.${e.name}`)).toContain('Balances.Transfer');
    // The same block by number, and in the recent list.
    expect((await get<ExplorerBlock>(`/explorer/api/block/${number}`)).body.hash).toBe(blockHash);
    const head = (await get<{ chain: string; best: number }>('/explorer/api/head')).body;
    expect(head.chain).toBe('Development');
    expect(head.best).toBeGreaterThanOrEqual(number);

    // Bob starts with the dev endowment and only receives this transfer.
    const account = (await get<{ address: string; accountId: string; nonce: number; free: string }>(`/explorer/api/account/${bob.address}`)).body;
    expect(account).toMatchObject({ address: bob.address, accountId: `0x${Buffer.from(bob.publicKey).toString('hex')}`, nonce: 0, free: (1_000_007n * UNIT).toString() });
    expect((await get<{ free: string }>(`/explorer/api/account/0x${Buffer.from(bob.publicKey).toString('hex')}`)).body.free).toBe(account.free);
  });

  it('shows an Ethereum transaction as Ethereum tools do: its hash, sender, recipient and value', async () => {
    const provider = new JsonRpcProvider(node.http, 31337, { cacheTimeout: -1, staticNetwork: true, pollingInterval: 100 });
    try {
      const wallet = new Wallet(ETH_DEV_ACCOUNTS[1]!.privateKey, provider);
      const to = Wallet.createRandom().address;
      const receipt = (await (await wallet.sendTransaction({ to, value: 12345n })).wait())!;
      const hash = await api.rpc.chain.getBlockHash(receipt.blockNumber);
      const block = (await get<ExplorerBlock>(`/explorer/api/block/${hash.toHex()}`)).body;
      const tx = block.extrinsics.find((x) => x.call === 'Ethereum.transact')!;
      expect(tx.ethereum).toMatchObject({ hash: receipt.hash, from: wallet.address.toLowerCase(), to: to.toLowerCase(), value: '12345', nonce: 0 });
      expect(tx.success).toBe(true);
    } finally {
      provider.destroy();
    }
  });

  it('browses any pallet\'s storage with decoded keys and values', async () => {
    const index = (await get<{ pallet: string; items: { name: string }[] }[]>('/explorer/api/storage')).body;
    expect(index.map((p) => p.pallet)).toEqual(expect.arrayContaining(['System', 'Balances', 'Models', 'Datasets', 'Jobs', 'Workers']));
    const issuance = (await get<StorageAnswer>('/explorer/api/storage/Balances/TotalIssuance')).body;
    expect(BigInt(issuance.entries[0]!.value as string)).toBe((await api.query.balances.totalIssuance()).toBigInt());
    const accounts = (await get<StorageAnswer>('/explorer/api/storage/System/Account?limit=3')).body;
    expect(accounts.entries).toHaveLength(3);
    for (const e of accounts.entries) expect(e.key[0]).toMatch(/^0x[0-9a-f]{64}$/);
  });

  it('answers unknown blocks, accounts and routes with 404 and a message', async () => {
    for (const path of ['/explorer/api/block/99999999', `/explorer/api/block/0x${'ab'.repeat(32)}`, '/explorer/api/account/not-an-address', '/explorer/api/storage/Nope/Nothing', '/explorer/api/frobnicate']) {
      const r = await get<{ error: string }>(path);
      expect(r.status, path).toBe(404);
      expect(r.body.error).toBe('NotFound');
    }
  });
});
