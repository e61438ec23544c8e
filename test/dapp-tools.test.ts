/**
 * The node as Solidity developers' tools see it, with the real binaries from npm: Foundry's `forge create`
 * (compiling with solc-js through a wrapper, offline) and `cast send|call|balance|logs|receipt`, and a Hardhat 2
 * script on `networks.localhost` that signs with a configured dev key, all against `trainchain --dev`.
 */
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ETH_DEV_ACCOUNTS } from '../rpc/eth/dev-accounts.ts';
import { ethPortOf, rpc } from './support/eth-http.ts';
import { type NodeProcess, startNodeProcess } from './support/node-process.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'node_modules', '.bin');
const KEY = ETH_DEV_ACCOUNTS[0]!.privateKey;
const run = promisify(execFile);
// Foundry comes as optional linux-x64 packages (its npm wrappers reference platform builds this registry lacks):
// elsewhere its tests are skipped, Hardhat's still run.
const HAS_FOUNDRY = existsSync(join(BIN, 'cast')) && existsSync(join(BIN, 'forge'));

const COUNTER = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;
contract Counter {
  uint256 public number;
  event Set(uint256 value);
  function set(uint256 v) external { require(v != 13, "unlucky"); number = v; emit Set(v); }
}
`;

/** A Foundry project whose `solc` is solc-js behind a wrapper, so `forge` never downloads a compiler. */
function foundryProject(dir: string): void {
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'src', 'Counter.sol'), COUNTER);
  const wrapper = join(dir, 'solc.sh');
  writeFileSync(wrapper, [
    '#!/bin/sh',
    'for a in "$@"; do if [ "$a" = "--version" ]; then echo "solc, the solidity compiler commandline interface"; echo "Version: 0.8.37+commit.f401782d.Linux.g++"; exit 0; fi; done',
    `exec "${process.execPath}" "${join(ROOT, 'node_modules', 'solc', 'solc.js')}" --standard-json | grep -v "^>>>"`,
    '',
  ].join('\n'));
  chmodSync(wrapper, 0o755);
  writeFileSync(join(dir, 'foundry.toml'), `[profile.default]\nsrc = "src"\nout = "out"\nsolc = "${wrapper}"\noffline = true\nevm_version = "prague"\n`);
}

describe('Foundry and Hardhat against trainchain --dev', () => {
  let node: NodeProcess;
  let url: string;
  let dir: string;
  let counter: string;
  const cast = async (...args: string[]) => (await run(join(BIN, 'cast'), [...args, '--rpc-url', url], { cwd: dir, timeout: 60_000 })).stdout.trim();

  beforeAll(async () => {
    node = await startNodeProcess(['--dev', '--instant-seal', '--eth-rpc-port', '0']);
    url = `http://127.0.0.1:${await ethPortOf(node)}`;
    dir = mkdtempSync(join(tmpdir(), 'trainchain-foundry-'));
    foundryProject(dir);
  }, 60_000);
  afterAll(async () => {
    await node?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!HAS_FOUNDRY)('forge create compiles with solc-js and deploys', async () => {
    const { stdout } = await run(join(BIN, 'forge'), ['create', 'src/Counter.sol:Counter', '--rpc-url', url, '--private-key', KEY, '--broadcast'], { cwd: dir, timeout: 120_000 });
    const deployed = /Deployed to: (0x[0-9a-fA-F]{40})/.exec(stdout)?.[1];
    expect(deployed, stdout).toBeDefined();
    counter = deployed!;
    expect(await cast('code', counter)).toMatch(/^0x[0-9a-f]{20,}$/);
  }, 120_000);

  it.skipIf(!HAS_FOUNDRY)('cast send, call, receipt, logs and balance', async () => {
    const sent = JSON.parse(await cast('send', '--json', '--private-key', KEY, counter, 'set(uint256)', '42')) as { status: string; transactionHash: string; logs: unknown[] };
    expect(sent.status).toBe('0x1');
    expect(sent.logs).toHaveLength(1);
    expect(await cast('call', counter, 'number()(uint256)')).toBe('42');
    expect(await cast('receipt', sent.transactionHash, 'status')).toMatch(/^(1|true)/);
    expect(await cast('logs', '--json', '--address', counter, 'Set(uint256)')).toContain('0x000000000000000000000000000000000000000000000000000000000000002a');
    expect(await cast('balance', ETH_DEV_ACCOUNTS[9]!.address)).toBe('10000000000000000000000');
  }, 120_000);

  it.skipIf(!HAS_FOUNDRY)('cast shows a revert with its reason, as it does against anvil', async () => {
    // cast 1.7 prints the RPC error on stderr (and may exit 0).
    const failed = await run(join(BIN, 'cast'), ['call', counter, 'set(uint256)', '13', '--rpc-url', url], { cwd: dir, timeout: 60_000 }).then((r) => r.stderr, (e: { stderr: string }) => e.stderr);
    expect(failed).toContain('execution reverted: unlucky, data: "0x08c379a0');
  }, 60_000);

  it('a Hardhat 2 script on networks.localhost signs with its configured key and gets a receipt', async () => {
    // Hardhat only runs inside a project that installs it: keep the project under ours.
    const base = join(ROOT, 'node_modules', '.cache');
    mkdirSync(base, { recursive: true });
    const project = mkdtempSync(join(base, 'hardhat-'));
    try {
      writeFileSync(join(project, 'hardhat.config.cjs'), `module.exports = { networks: { localhost: { url: ${JSON.stringify(url)}, accounts: [${JSON.stringify(KEY)}] } } };\n`);
      writeFileSync(join(project, 'send.cjs'), `
const hre = require('hardhat');
async function main() {
  const p = hre.network.provider;
  const [from] = await p.request({ method: 'eth_accounts' });
  const chainId = await p.request({ method: 'eth_chainId' });
  const hash = await p.request({ method: 'eth_sendTransaction', params: [{ from, to: ${JSON.stringify(ETH_DEV_ACCOUNTS[5]!.address)}, value: '0xde0b6b3a7640000' }] });
  let receipt = null;
  for (let i = 0; !receipt && i < 200; i++) { receipt = await p.request({ method: 'eth_getTransactionReceipt', params: [hash] }); if (!receipt) await new Promise((r) => setTimeout(r, 50)); }
  console.log(JSON.stringify({ from, chainId, status: receipt && receipt.status }));
}
main().catch((e) => { console.error(e); process.exit(1); });
`);
      const { stdout } = await run(join(BIN, 'hardhat'), ['--config', join(project, 'hardhat.config.cjs'), 'run', join(project, 'send.cjs'), '--network', 'localhost'], { cwd: project, timeout: 120_000 });
      const out = JSON.parse(stdout.trim().split('\n').at(-1)!) as { from: string; chainId: string; status: string };
      expect(out).toEqual({ from: ETH_DEV_ACCOUNTS[0]!.address.toLowerCase(), chainId: '0x7a69', status: '0x1' });
      const balance = (await rpc(url, 'eth_getBalance', [ETH_DEV_ACCOUNTS[5]!.address, 'latest'])).result as string;
      expect(BigInt(balance)).toBe(10_001n * 10n ** 18n);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  }, 120_000);
});
