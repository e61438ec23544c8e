import { describe, expect, it } from 'vitest';
import { ConfigError, resolveConfig } from '../node/config.ts';
import { parseNodeFlags } from './main.ts';

describe('node flags', () => {
  it('applies what --dev implies, and --no-<flag> turns a boolean off', () => {
    const dev = resolveConfig(parseNodeFlags(['--dev']));
    expect(dev).toMatchObject({ chain: 'dev', tmp: true, validator: true, authorKey: '//Alice', exposeUnsafe: true, cors: 'all', 'check-invariants': true });
    expect(dev.authoring).toEqual({ kind: 'interval', ms: 2000 });
    expect(resolveConfig(parseNodeFlags(['--dev', '--no-check-invariants']))['check-invariants']).toBe(false);
    expect(resolveConfig(parseNodeFlags(['--chain', 'local', '--bob', '--base-path', '/x'])).authorKey).toBe('//Bob');
  });

  it.each([
    [['--rpc-port', '70000']],
    [['--block-time', '0']],
    [['--rpc-methods', 'all']],
    [['--no-such-flag']],
    [['--no-rpc-port']],
  ])('rejects %j', (args) => {
    expect(() => parseNodeFlags(args as string[])).toThrow(ConfigError);
  });

  it('refuses two authoring modes or two keys', () => {
    expect(() => resolveConfig(parseNodeFlags(['--dev', '--instant-seal', '--block-time', '5']))).toThrow(/choose one/);
    expect(() => resolveConfig(parseNodeFlags(['--alice', '--bob']))).toThrow(/choose one/);
  });
});
