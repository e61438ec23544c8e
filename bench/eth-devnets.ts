/**
 * Ethereum devnets side by side, in one run on this machine: our node (`--dev --instant-seal`), Anvil,
 * Hardhat 2's node and Ganache 7, all from npm, driven by the same client code over HTTP JSON-RPC.
 *
 * For each node: deploy an ERC-20 (compiled with solc-js for `shanghai`, which every node here runs), then
 * - presigned `transfer`s, sequential: `eth_sendRawTransaction`, then poll `eth_getTransactionReceipt`;
 * - 32 senders side by side, each sending its own presigned transfers one after another (32 in flight);
 * - `eth_call` of `balanceOf`: median and p99 latency of sequential calls.
 * Goal (issue 5): ahead of Ganache and Hardhat's node, and at least 80% of Anvil pipelined.
 *
 *   node --import tsx bench/eth-devnets.ts [--transfers 300] [--calls 300] [--only trainchain,anvil,hardhat,ganache]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Contract, ContractFactory, type HDNodeWallet, Interface, JsonRpcProvider, Wallet } from 'ethers';
import { compileSource } from '../contracts/compile.ts';
import { freePort } from '../test/support/node-process.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'node_modules', '.bin');
const MNEMONIC = 'test test test test test test test test test test test junk';
const DEV_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const CHAIN_ID = 31337;

const TOKEN_SOURCE = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;
contract BenchToken {
  mapping(address => uint256) public balanceOf;
  event Transfer(address indexed from, address indexed to, uint256 value);
  constructor(uint256 supply) { balanceOf[msg.sender] = supply; emit Transfer(address(0), msg.sender, supply); }
  function transfer(address to, uint256 value) external returns (bool) {
    uint256 b = balanceOf[msg.sender];
    require(b >= value, "balance too low");
    unchecked { balanceOf[msg.sender] = b - value; }
    balanceOf[to] += value;
    emit Transfer(msg.sender, to, value);
    return true;
  }
}`;

function compileToken(): { abi: unknown[]; bytecode: string } {
  return compileSource(TOKEN_SOURCE, 'shanghai').BenchToken!;
}

interface Devnet {
  name: string;
  url: string;
  stop(): Promise<void>;
}

async function waitForRpc(url: string, child: ChildProcess, log: () => string, ms = 90_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}:\n${log()}`);
    try {
      const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' });
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no RPC at ${url} after ${ms} ms:\n${log()}`);
}

async function startDevnet(name: string): Promise<Devnet> {
  const port = await freePort();
  // Hardhat only runs from inside a project that installs it: keep its directory under ours.
  const base = name === 'hardhat' ? join(ROOT, 'node_modules', '.cache') : tmpdir();
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base, `bench-${name}-`));
  let cmd: string;
  let args: string[];
  if (name === 'trainchain') {
    cmd = process.execPath;
    const rpcPort = await freePort();
    args = [...(process.env.TRAINCHAIN_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.TRAINCHAIN_PROF}`] : []), join(ROOT, 'bin', 'trainchain.js'), '--dev', '--instant-seal', '--no-check-invariants', '--rpc-port', String(rpcPort), '--eth-rpc-port', String(port), '--base-path', dir];
  } else if (name === 'anvil') {
    cmd = join(BIN, 'anvil');
    args = ['--port', String(port), '--chain-id', String(CHAIN_ID), '--mnemonic', MNEMONIC, '--silent'];
  } else if (name === 'hardhat') {
    writeFileSync(join(dir, 'hardhat.config.cjs'), `module.exports = { networks: { hardhat: { chainId: ${CHAIN_ID} } } };\n`);
    cmd = join(BIN, 'hardhat');
    args = ['--config', join(dir, 'hardhat.config.cjs'), 'node', '--port', String(port)];
  } else if (name === 'ganache') {
    cmd = join(BIN, 'ganache');
    args = ['--port', String(port), '--chain.chainId', String(CHAIN_ID), '--wallet.mnemonic', MNEMONIC, '--logging.quiet', '--chain.hardfork', 'shanghai'];
  } else {
    throw new Error(`unknown devnet ${name}`);
  }
  const child = spawn(cmd, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-4000)));
  child.stderr!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  await waitForRpc(url, child, () => out);
  return {
    name,
    url,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Minimal JSON-RPC over fetch (keep-alive), the same for every node so the client costs the same. */
async function rpc<T>(url: string, method: string, params: unknown[]): Promise<T> {
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
  const body = (await r.json()) as { result?: T; error?: { code: number; message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.code} ${body.error.message}`);
  return body.result as T;
}

async function sendAndWait(url: string, raw: string): Promise<void> {
  const hash = await rpc<string>(url, 'eth_sendRawTransaction', [raw]);
  for (let i = 0; ; i++) {
    const receipt = await rpc<{ status: string } | null>(url, 'eth_getTransactionReceipt', [hash]);
    if (receipt) {
      if (receipt.status !== '0x1') throw new Error(`transfer ${hash} failed`);
      return;
    }
    if (i > 5000) throw new Error(`no receipt for ${hash}`);
    await new Promise((r) => setTimeout(r, i < 20 ? 1 : 5));
  }
}

/**
 * Transactions per second for `lanes`, sent side by side: each lane sends its transactions one after another,
 * waiting for each receipt. One lane is the sequential figure; 32 lanes of 32 senders (own nonces, so no node
 * ever sees a nonce gap) the pipelined one.
 */
async function throughput(url: string, lanes: string[][]): Promise<number> {
  const started = performance.now();
  await Promise.all(lanes.map(async (raws) => {
    for (const raw of raws) await sendAndWait(url, raw);
  }));
  return lanes.reduce((n, l) => n + l.length, 0) / ((performance.now() - started) / 1000);
}

async function benchDevnet(net: Devnet, token: { abi: unknown[]; bytecode: string }, transfers: number, calls: number) {
  const provider = new JsonRpcProvider(net.url, CHAIN_ID, { cacheTimeout: -1, staticNetwork: true });
  const wallet = new Wallet(DEV_KEY, provider);
  const factory = new ContractFactory(token.abi as never, token.bytecode, wallet);
  const deployed = await factory.deploy(10n ** 30n, { gasLimit: 1_000_000n });
  await deployed.waitForDeployment();
  const address = await deployed.getAddress();
  const iface = new Interface(token.abi as never);
  const feeData = { maxFeePerGas: 20_000_000_000n, maxPriorityFeePerGas: 1_000_000_000n };
  const transfer = (from: Wallet | HDNodeWallet, nonce: number) => from.signTransaction({
    type: 2, chainId: CHAIN_ID, nonce, to: address, gasLimit: 80_000n, ...feeData,
    data: iface.encodeFunctionData('transfer', [Wallet.createRandom().address, 1n]),
  });
  // 32 senders, funded (ether and tokens) before measuring.
  const senders = Array.from({ length: 32 }, () => Wallet.createRandom().connect(provider));
  const erc20 = new Contract(address, iface, wallet);
  for (const w of senders) {
    await (await wallet.sendTransaction({ to: w.address, value: 10n ** 18n })).wait();
    await ((await erc20.getFunction('transfer')(w.address, BigInt(transfers))) as { wait(): Promise<unknown> }).wait();
  }
  const nonce = await provider.getTransactionCount(wallet.address, 'pending');
  const sequential = await throughput(net.url, [await Promise.all(Array.from({ length: transfers }, (_, i) => transfer(wallet, nonce + i)))]);
  const perLane = Math.ceil(transfers / senders.length);
  const pipelined = await throughput(net.url, await Promise.all(senders.map((w) => Promise.all(Array.from({ length: perLane }, (_, i) => transfer(w, i))))));
  const data = iface.encodeFunctionData('balanceOf', [wallet.address]);
  const latencies: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t = performance.now();
    await rpc(net.url, 'eth_call', [{ to: address, data }, 'latest']);
    latencies.push(performance.now() - t);
  }
  latencies.sort((a, b) => a - b);
  const balance = (await new Contract(address, token.abi as never, provider).getFunction('balanceOf')(wallet.address)) as bigint;
  if (balance !== 10n ** 30n - BigInt(transfers * (1 + senders.length))) throw new Error(`${net.name}: balance ${balance} after the transfers`);
  provider.destroy();
  return { sequential, pipelined, callP50: latencies[Math.floor(calls / 2)]!, callP99: latencies[Math.floor(calls * 0.99)]! };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { transfers: { type: 'string', default: '300' }, calls: { type: 'string', default: '300' }, only: { type: 'string', default: 'trainchain,anvil,hardhat,ganache' } } });
  const token = compileToken();
  const rows: Record<string, Awaited<ReturnType<typeof benchDevnet>>> = {};
  for (const name of values.only.split(',')) {
    let net: Devnet | undefined;
    try {
      net = await startDevnet(name);
      rows[name] = await benchDevnet(net, token, Number(values.transfers), Number(values.calls));
      const r = rows[name]!;
      console.log(`${name.padEnd(11)} sequential ${r.sequential.toFixed(0).padStart(5)} tx/s   32 in flight ${r.pipelined.toFixed(0).padStart(5)} tx/s   eth_call p50 ${r.callP50.toFixed(2)} ms  p99 ${r.callP99.toFixed(2)} ms`);
    } catch (e) {
      console.log(`${name.padEnd(11)} failed: ${(e as Error).message.split('\n')[0]}`);
    } finally {
      await net?.stop();
    }
  }
  const ours = rows.trainchain;
  if (ours) {
    for (const [name, r] of Object.entries(rows)) {
      if (name === 'trainchain') continue;
      console.log(`trainchain / ${name}: sequential ${(ours.sequential / r.sequential).toFixed(2)}×, 32 in flight ${(ours.pipelined / r.pipelined).toFixed(2)}×, eth_call p50 ${(r.callP50 / ours.callP50).toFixed(2)}× as fast`);
    }
  }
}

await main();
