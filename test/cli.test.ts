/** The `trainchain` command as users run it: tools, chain specs, and clear errors for bad input. */
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, startNodeProcess } from './support/node-process.ts';

const tmp = mkdtempSync(join(tmpdir(), 'trainchain-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('trainchain CLI', () => {
  it('key inspect //Alice prints the well-known account', async () => {
    const { code, stdout } = await runCli(['key', 'inspect', '//Alice']);
    expect(code).toBe(0);
    expect(stdout).toContain('0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d');
    expect(stdout).toContain('5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY');
  });

  it('build-spec prints a Substrate chain spec, and its raw form starts the same chain', async () => {
    const plain = await runCli(['build-spec', '--chain', 'dev']);
    expect(plain.code).toBe(0);
    const spec = JSON.parse(plain.stdout);
    expect(spec).toMatchObject({ name: 'Development', id: 'dev', chainType: 'Development', properties: { tokenSymbol: 'TRAIN', tokenDecimals: 18, ss58Format: 42 } });
    expect(Object.keys(spec.genesis.runtimeGenesis.patch)).toEqual(['balances', 'sudo', 'evm', 'staking']);
    const raw = await runCli(['build-spec', '--chain', 'dev', '--raw']);
    const rawSpec = JSON.parse(raw.stdout);
    expect(rawSpec.genesis.raw.top['0x26aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da9de1e86a9a8c739864cf3cc5ec2bea59fd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d']).toBeDefined();
    const file = join(tmp, 'raw.json');
    writeFileSync(file, raw.stdout);
    // Same genesis from the raw spec as from the built-in one.
    const fromRaw = await startNodeProcess(['--chain', file, '--alice', '--tmp', '--manual-seal']);
    const fromDev = await startNodeProcess(['--dev', '--manual-seal']);
    const genesisOf = (logs: string) => /header-hash: (0x[0-9a-f]+…[0-9a-f]+)/.exec(logs)?.[1];
    expect(genesisOf(fromRaw.logs())).toBeDefined();
    expect(genesisOf(fromRaw.logs())).toBe(genesisOf(fromDev.logs()));
    await fromRaw.kill();
    await fromDev.kill();
  });

  it.each([
    [['--chain', '/nonexistent/spec.json'], /cannot read chain spec/],
    [['--no-such-flag'], /Unknown option '--no-such-flag'/],
    [['--rpc-port', 'abc'], /--rpc-port/],
    [['--instant-seal', '--manual-seal', '--dev'], /choose one of/],
    [['frobnicate'], /unknown command "frobnicate"/],
  ])('rejects bad input %j with one clear line', async (args, message) => {
    const { code, stderr } = await runCli(args as string[]);
    expect(code).toBe(1);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('rejects an invalid chain spec file naming the bad field', async () => {
    const file = join(tmp, 'bad.json');
    writeFileSync(file, JSON.stringify({ name: 'x', id: 'has space', genesis: {} }));
    const { code, stderr } = await runCli(['--chain', file]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/invalid chain spec .*id/);
  });

  it('refuses a second node on a locked database and a port in use, then purges the chain', async () => {
    const base = join(tmp, 'locked');
    const first = await startNodeProcess(['--dev', '--base-path', base, '--manual-seal']);
    const second = await runCli(['--dev', '--base-path', base, '--rpc-port', '0']);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/another trainchain process|locked/i);
    const busy = await runCli(['--dev', '--rpc-port', String(first.port)]);
    expect(busy.code).toBe(1);
    expect(busy.stderr).toMatch(/already in use/);
    await first.kill();
    const purge = await runCli(['purge-chain', '--chain', 'dev', '--base-path', base, '-y']);
    expect(purge.code).toBe(0);
    expect(existsSync(join(base, 'chains', 'dev', 'db'))).toBe(false);
  });
});
