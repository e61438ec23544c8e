/**
 * The Ethereum JSON-RPC as dapp tooling drives it: a real `trainchain --dev --instant-seal` process, ethers 6 and
 * viem 2 over HTTP, raw WebSocket subscriptions, a contract compiled with solc-js, geth-shaped errors, and a fuzz of
 * random bodies against the `eth_*` methods.
 */
import { Contract, ContractFactory, JsonRpcProvider, parseEther, Wallet, WebSocketProvider } from 'ethers';
import fc from 'fast-check';
import { createPublicClient, createWalletClient, defineChain, http, type PublicClient, webSocket } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ETH_DEV_ACCOUNTS } from '../rpc/eth/dev-accounts.ts';
import { COUNTER_SOURCE, type CompiledContract, compileSolidity } from './support/eth-solc.ts';
import { ethPortOf, post, receiptOf, rpc } from './support/eth-http.ts';
import { type NodeProcess, startNodeProcess } from './support/node-process.ts';
import { RawRpc } from './support/raw-rpc.ts';

/** Codes a well-behaved node answers garbage with (those of test/rpc-fuzz.test.ts, plus 3 for a revert). */
const FUZZ_CODES = new Set([3, -32700, -32600, -32601, -32602, -32000, -32005, -32090]);

describe('Ethereum JSON-RPC on trainchain --dev', () => {
  let node: NodeProcess;
  let ethUrl: string;
  let ethWs: string;
  let provider: JsonRpcProvider;
  let wallet: Wallet;
  let counterArtifact: CompiledContract;
  let counter: Contract;
  let counterAddress: string;
  let deployHash: string;

  beforeAll(async () => {
    counterArtifact = compileSolidity(COUNTER_SOURCE).Counter!;
    node = await startNodeProcess(['--dev', '--instant-seal', '--eth-rpc-port', '0']);
    const port = await ethPortOf(node);
    ethUrl = `http://127.0.0.1:${port}`;
    ethWs = `ws://127.0.0.1:${port}`;
    provider = new JsonRpcProvider(ethUrl, undefined, { cacheTimeout: -1, staticNetwork: true });
    wallet = new Wallet(ETH_DEV_ACCOUNTS[0]!.privateKey, provider);
  });
  afterAll(async () => {
    provider?.destroy();
    await node?.kill();
  });

  it('prints the chain id and the ten dev accounts with their keys', () => {
    expect(node.logs()).toContain('EVM chain id: 31337');
    for (const a of ETH_DEV_ACCOUNTS) expect(node.logs()).toContain(`${a.address} (10000 ETH)  ${a.privateKey}`);
  });

  it('answers chain id, net_version and client version on both ports', async () => {
    expect((await provider.getNetwork()).chainId).toBe(31337n);
    expect((await rpc(ethUrl, 'net_version')).result).toBe('31337');
    expect((await rpc(node.http, 'eth_chainId')).result).toBe('0x7a69');
    expect(String((await rpc(ethUrl, 'web3_clientVersion')).result)).toMatch(/^TrainChain\/v/);
    expect((await rpc(ethUrl, 'eth_accounts')).result).toEqual([]);
    expect((await rpc(ethUrl, 'eth_syncing')).result).toBe(false);
  });

  it('funds the dev accounts with 10,000 ether', async () => {
    for (const a of ETH_DEV_ACCOUNTS.slice(1)) expect(await provider.getBalance(a.address)).toBe(parseEther('10000'));
  });

  it('serves a latest block with every header field and a base fee', async () => {
    const block = (await rpc(ethUrl, 'eth_getBlockByNumber', ['latest', false])).result as Record<string, unknown>;
    for (const f of ['hash', 'parentHash', 'sha3Uncles', 'miner', 'stateRoot', 'transactionsRoot', 'receiptsRoot', 'logsBloom', 'difficulty', 'number', 'gasLimit', 'gasUsed', 'timestamp', 'extraData', 'mixHash', 'nonce', 'baseFeePerGas', 'totalDifficulty', 'size', 'uncles', 'transactions']) {
      expect(block, f).toHaveProperty(f);
    }
    expect(block.baseFeePerGas).toBe('0x3b9aca00');
    expect((await rpc(ethUrl, 'eth_gasPrice')).result).toMatch(/^0x[1-9a-f][0-9a-f]*$/);
  });

  it('deploys a contract with ethers and reads it back', async () => {
    const factory = new ContractFactory(counterArtifact.abi as never[], counterArtifact.bytecode, wallet);
    const deployed = await factory.deploy(41n);
    await deployed.waitForDeployment();
    counter = deployed as unknown as Contract;
    counterAddress = await deployed.getAddress();
    deployHash = deployed.deploymentTransaction()!.hash;
    const receipt = await provider.getTransactionReceipt(deployHash);
    expect(receipt?.status).toBe(1);
    expect(receipt?.contractAddress?.toLowerCase()).toBe(counterAddress.toLowerCase());
    expect((await provider.getCode(counterAddress)).length).toBeGreaterThan(10);
    expect(await counter.getFunction('count')()).toBe(41n);
    expect(await provider.getStorage(counterAddress, 0)).toBe(`0x${41n.toString(16).padStart(64, '0')}`);
  });

  it('sends a transaction, waits for the receipt and finds the log by getLogs and by a filter', async () => {
    const filterId = (await rpc(ethUrl, 'eth_newFilter', [{ address: counterAddress.toLowerCase() }])).result as string;
    const blockFilter = (await rpc(ethUrl, 'eth_newBlockFilter')).result as string;
    const tx = await counter.getFunction('inc')();
    const receipt = await tx.wait();
    expect(receipt.status).toBe(1);
    expect(receipt.logs).toHaveLength(1);
    expect(await counter.getFunction('count')()).toBe(42n);
    const logs = await provider.getLogs({ address: counterAddress, fromBlock: 0, toBlock: 'latest' });
    expect(logs.map((l) => l.transactionHash)).toContain(tx.hash);
    const raw = (await rpc(ethUrl, 'eth_getLogs', [{ address: counterAddress.toUpperCase().replace('0X', '0x'), fromBlock: '0x0' }])).result as Record<string, unknown>[];
    expect(raw[0]).toMatchObject({ removed: false, transactionHash: tx.hash, logIndex: '0x0' });
    expect(raw[0]).toHaveProperty('blockTimestamp');
    const changes = (await rpc(ethUrl, 'eth_getFilterChanges', [filterId])).result as Record<string, unknown>[];
    expect(changes.map((l) => l.transactionHash)).toEqual([tx.hash]);
    expect((await rpc(ethUrl, 'eth_getFilterChanges', [filterId])).result).toEqual([]);
    expect(((await rpc(ethUrl, 'eth_getFilterLogs', [filterId])).result as unknown[]).length).toBeGreaterThan(0);
    expect(((await rpc(ethUrl, 'eth_getFilterChanges', [blockFilter])).result as string[])).toContain(receipt.blockHash);
    expect((await rpc(ethUrl, 'eth_uninstallFilter', [filterId])).result).toBe(true);
    expect((await rpc(ethUrl, 'eth_getFilterChanges', [filterId])).error).toMatchObject({ code: -32000, message: 'filter not found' });
  });

  it('finds blocks and transactions by hash, with receipts per block', async () => {
    const tx = await provider.getTransaction(deployHash);
    expect(tx?.blockHash).toBeTruthy();
    const block = (await rpc(ethUrl, 'eth_getBlockByHash', [tx!.blockHash, true])).result as { transactions: { hash: string }[] };
    expect(block.transactions.map((t) => t.hash)).toContain(deployHash);
    const receipts = (await rpc(ethUrl, 'eth_getBlockReceipts', [tx!.blockHash])).result as { transactionHash: string }[];
    expect(receipts.map((r) => r.transactionHash)).toContain(deployHash);
    expect((await rpc(ethUrl, 'eth_getTransactionByHash', [`0x${'ab'.repeat(32)}`])).result).toBeNull();
  });

  it('works with viem: write, wait, read, full blocks', async () => {
    const chain = defineChain({ id: 31337, name: 'trainchain-dev', nativeCurrency: { name: 'Train', symbol: 'TRAIN', decimals: 18 }, rpcUrls: { default: { http: [ethUrl] } } });
    const account = privateKeyToAccount(ETH_DEV_ACCOUNTS[1]!.privateKey as `0x${string}`);
    const pub = createPublicClient({ chain, transport: http(ethUrl) }) as PublicClient;
    const walletClient = createWalletClient({ account, chain, transport: http(ethUrl) });
    const abi = counterArtifact.abi as readonly unknown[] as never;
    const hash = await walletClient.writeContract({ address: counterAddress as `0x${string}`, abi, functionName: 'inc', args: [] } as never);
    const receipt = await pub.waitForTransactionReceipt({ hash, pollingInterval: 100 });
    expect(receipt.status).toBe('success');
    expect(await pub.readContract({ address: counterAddress as `0x${string}`, abi, functionName: 'count' } as never)).toBe(43n);
    const block = await pub.getBlock({ blockNumber: receipt.blockNumber, includeTransactions: true });
    expect(block.transactions.map((t) => (typeof t === 'string' ? t : t.hash))).toContain(hash);
    const sent = await walletClient.sendTransaction({ to: ETH_DEV_ACCOUNTS[2]!.address as `0x${string}`, value: 1n } as never);
    expect((await pub.waitForTransactionReceipt({ hash: sent, pollingInterval: 100 })).status).toBe('success');
  });

  it('pushes newHeads and logs over WebSocket', async () => {
    const ws = await RawRpc.connect(ethWs);
    try {
      const heads = await ws.subscribe('eth_subscribe', ['newHeads']);
      const logs = await ws.subscribe('eth_subscribe', ['logs', { address: [counterAddress], topics: [null] }]);
      expect(heads).toMatch(/^0x[0-9a-f]{32}$/);
      const tx = await counter.getFunction('inc')();
      await tx.wait();
      const [head] = (await ws.waitFor(heads, 1)) as Record<string, unknown>[];
      expect(head).toHaveProperty('baseFeePerGas');
      const [log] = (await ws.waitFor(logs, 1)) as Record<string, unknown>[];
      expect(log).toMatchObject({ transactionHash: tx.hash, address: counterAddress.toLowerCase() });
      expect(await ws.request('eth_unsubscribe', [heads])).toBe(true);
      expect(await ws.request('eth_unsubscribe', [heads])).toBe(false);
    } finally {
      ws.ws.close();
    }
  });

  it('drives ethers\' WebSocketProvider: block events and contract events', async () => {
    const wsProvider = new WebSocketProvider(ethWs, undefined, { staticNetwork: true });
    try {
      const watched = new Contract(counterAddress, counterArtifact.abi as never[], wsProvider);
      const gotBlock = new Promise<number>((resolve) => void wsProvider.once('block', (n: number) => resolve(n)));
      const gotEvent = new Promise<bigint>((resolve) => void watched.once('Incremented', (_by: string, value: bigint) => resolve(value)));
      await new Promise((r) => setTimeout(r, 300)); // let both eth_subscribe calls land
      const tx = await counter.getFunction('inc')();
      await tx.wait();
      expect(await gotBlock).toBeGreaterThan(0);
      expect(await gotEvent).toBe(await counter.getFunction('count')());
    } finally {
      await wsProvider.destroy();
    }
  });

  it('drives viem over WebSocket: watchBlocks and watchContractEvent', async () => {
    const client = createPublicClient({ transport: webSocket(ethWs) });
    const abi = counterArtifact.abi as never;
    const blocks: bigint[] = [];
    const events: unknown[] = [];
    const unwatchBlocks = client.watchBlocks({ onBlock: (b) => void blocks.push(b.number) });
    const unwatchEvents = client.watchContractEvent({ address: counterAddress as `0x${string}`, abi, eventName: 'Incremented', onLogs: (logs: unknown[]) => void events.push(...logs) } as never);
    try {
      await new Promise((r) => setTimeout(r, 300));
      await (await counter.getFunction('inc')()).wait();
      const deadline = Date.now() + 10_000;
      while ((blocks.length === 0 || events.length === 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(blocks.length).toBeGreaterThan(0);
      expect(events).toHaveLength(1);
    } finally {
      unwatchBlocks();
      unwatchEvents();
      await client.transport.getRpcClient?.().then((c: { close(): void }) => c.close()).catch(() => undefined);
    }
  });

  it('decodes reverts: Error(string), Panic(uint256) and custom errors', async () => {
    const iface = counter.interface;
    const call = (data: string) => rpc(ethUrl, 'eth_call', [{ to: counterAddress, input: data }, 'latest']);
    const failed = await call(iface.encodeFunctionData('fail', ['out of budget']));
    expect(failed.error).toMatchObject({ code: 3, message: 'execution reverted: out of budget' });
    expect(String(failed.error?.data)).toMatch(/^0x08c379a0/);
    const panic = await call(iface.encodeFunctionData('divide', [1, 0]));
    expect(panic.error).toMatchObject({ code: 3, message: 'execution reverted: division or modulo by zero' });
    const custom = await call(iface.encodeFunctionData('custom'));
    expect(custom.error).toMatchObject({ code: 3, message: 'execution reverted' });
    await expect(counter.getFunction('fail').staticCall('nope')).rejects.toMatchObject({ reason: 'nope' });
    const estimate = await rpc(ethUrl, 'eth_estimateGas', [{ from: wallet.address, to: counterAddress, data: iface.encodeFunctionData('fail', ['no']) }]);
    expect(estimate.error).toMatchObject({ code: 3, message: 'execution reverted: no' });
  });

  it('counts pool transactions for the pending nonce and queues a future nonce', async () => {
    const sender = new Wallet(ETH_DEV_ACCOUNTS[3]!.privateKey, provider);
    const nonce = await provider.getTransactionCount(sender.address, 'latest');
    const base = { to: ETH_DEV_ACCOUNTS[4]!.address, value: 1n, gasLimit: 21_000n, maxFeePerGas: 3_000_000_000n, maxPriorityFeePerGas: 1_000_000_000n, chainId: 31337n, type: 2 };
    const later = await sender.signTransaction({ ...base, nonce: nonce + 1 });
    const now = await sender.signTransaction({ ...base, nonce });
    const laterHash = (await rpc(ethUrl, 'eth_sendRawTransaction', [later])).result as string;
    expect(laterHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect((await rpc(ethUrl, 'eth_getTransactionCount', [sender.address, 'pending'])).result).toBe(`0x${nonce.toString(16)}`);
    await provider.broadcastTransaction(now);
    expect(await receiptOf(ethUrl, laterHash)).toMatchObject({ status: '0x1' });
    expect(await provider.getTransactionCount(sender.address, 'latest')).toBe(nonce + 2);
    const again = await rpc(ethUrl, 'eth_sendRawTransaction', [now]);
    expect(again.error).toMatchObject({ code: -32000, message: 'nonce too low' });
  });

  it('rejects bad input with the right codes', async () => {
    expect((await rpc(ethUrl, 'eth_sendRawTransaction', ['0xc3010203'])).error?.code).toBe(-32602);
    expect((await rpc(ethUrl, 'eth_sendRawTransaction', ['0x1234'])).error).toMatchObject({ code: -32000, message: 'transaction type not supported' });
    expect((await rpc(ethUrl, 'eth_sendRawTransaction', ['nothex'])).error?.code).toBe(-32602);
    expect((await rpc(ethUrl, 'eth_fillTransaction', [{}])).error?.code).toBe(-32601);
    expect((await rpc(ethUrl, 'eth_getBalance', ['0x1234', 'latest'])).error?.code).toBe(-32602);
    expect((await rpc(ethUrl, 'eth_getBlockByNumber', ['0xzz', false])).error?.code).toBe(-32602);
    expect((await rpc(ethUrl, 'eth_getBlockByNumber', ['0xffffff', false])).result).toBeNull();
    expect((await rpc(ethUrl, 'eth_getBalance', [wallet.address, '0xffffff'])).error).toMatchObject({ code: -32000, message: 'header not found' });
    const poor = Wallet.createRandom();
    const raw = await poor.signTransaction({ to: wallet.address, value: 1n, gasLimit: 21_000n, maxFeePerGas: 2_000_000_000n, maxPriorityFeePerGas: 0n, nonce: 0, chainId: 31337n, type: 2 });
    expect((await rpc(ethUrl, 'eth_sendRawTransaction', [raw])).error).toMatchObject({ code: -32000, message: 'insufficient funds for gas * price + value' });
    const wrongChain = await wallet.signTransaction({ to: wallet.address, value: 1n, gasLimit: 21_000n, gasPrice: 2_000_000_000n, nonce: 0, chainId: 1n, type: 0 });
    expect((await rpc(ethUrl, 'eth_sendRawTransaction', [wrongChain])).error?.code).toBe(-32000);
  });

  it('mines on evm_mine and moves the clock with evm_increaseTime', async () => {
    const before = Number((await rpc(ethUrl, 'eth_blockNumber')).result);
    const t0 = Number(((await rpc(ethUrl, 'eth_getBlockByNumber', ['latest', false])).result as { timestamp: string }).timestamp);
    expect((await rpc(ethUrl, 'evm_increaseTime', [3600])).result).toBe('0xe10');
    expect((await rpc(ethUrl, 'evm_mine')).result).toBe('0x0');
    const block = (await rpc(ethUrl, 'eth_getBlockByNumber', ['latest', false])).result as { number: string; timestamp: string };
    expect(Number(block.number)).toBe(before + 1);
    expect(Number(block.timestamp)).toBeGreaterThanOrEqual(t0 + 3600);
    expect((await rpc(ethUrl, 'evm_setAutomine', [true])).result).toBe(true);
    expect((await rpc(ethUrl, 'anvil_getAutomine')).result).toBe(true);
  });

  it('evm_snapshot and evm_revert rewind blocks, balances, nonces and receipts, as in Hardhat', async () => {
    const to = Wallet.createRandom().address;
    const id = (await rpc(ethUrl, 'evm_snapshot')).result as string;
    const number = Number((await rpc(ethUrl, 'eth_blockNumber')).result);
    const nonce = await provider.getTransactionCount(wallet.address);
    const sent = await wallet.sendTransaction({ to, value: parseEther('1') });
    await sent.wait();
    expect(await provider.getBalance(to)).toBe(parseEther('1'));

    expect((await rpc(ethUrl, 'evm_revert', [id])).result).toBe(true);
    expect(Number((await rpc(ethUrl, 'eth_blockNumber')).result)).toBe(number);
    expect(await provider.getBalance(to)).toBe(0n);
    expect(await provider.getTransactionCount(wallet.address)).toBe(nonce);
    expect((await rpc(ethUrl, 'eth_getTransactionReceipt', [sent.hash])).result).toBeNull();
    // A snapshot is used up by its revert; the chain goes on from the restored block.
    expect((await rpc(ethUrl, 'evm_revert', [id])).result).toBe(false);
    const again = await wallet.sendTransaction({ to, value: parseEther('2'), nonce });
    expect((await again.wait())!.blockNumber).toBe(number + 1);
    expect(await provider.getBalance(to)).toBe(parseEther('2'));
  });

  it('survives random bodies against eth_ methods with well-formed answers', async () => {
    const methods = ((await rpc(node.http, 'rpc_methods')).result as { methods: string[] }).methods.filter((m) => /^(eth|net|web3|evm)_/.test(m));
    const hexOf = (b: Uint8Array) => `0x${Buffer.from(b).toString('hex')}`;
    const param = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.uint8Array({ maxLength: 40 }).map(hexOf),
      fc.uint8Array({ minLength: 20, maxLength: 20 }).map(hexOf),
      fc.constantFrom('latest', 'pending', 'earliest', '0x0', '0x', '0xzz', -1, 2 ** 53, null, true, {}, { blockHash: '0x00' }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...methods), fc.array(param, { maxLength: 4 }), async (method, params) => {
        const reply = await post(ethUrl, { jsonrpc: '2.0', id: 7, method, params });
        expect(reply.jsonrpc).toBe('2.0');
        expect(reply.id).toBe(7);
        if (reply.error) {
          expect(Number.isInteger(reply.error.code)).toBe(true);
          expect(typeof reply.error.message).toBe('string');
          expect(FUZZ_CODES.has(reply.error.code), JSON.stringify({ method, params, reply })).toBe(true);
        } else {
          expect(reply).toHaveProperty('result');
        }
      }),
      { numRuns: 300 },
    );
    const ws = await RawRpc.connect(ethWs);
    try {
      for (const params of fc.sample(fc.array(param, { maxLength: 3 }), 100)) {
        const r = await ws.call('eth_subscribe', params);
        if (r.error) expect(FUZZ_CODES.has(r.error.code), JSON.stringify({ params, r })).toBe(true);
        else expect(r.result).toMatch(/^0x[0-9a-f]{32}$/);
      }
    } finally {
      ws.ws.close();
    }
    expect((await rpc(ethUrl, 'eth_chainId')).result).toBe('0x7a69');
  });
});
