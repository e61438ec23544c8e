/** The Ethereum RPC flags: a second port on 8545 with --dev, `--eth-rpc-port`, and `--no-eth-rpc`. */
import { describe, expect, it } from 'vitest';
import { parseNodeFlags } from '../cli/main.ts';
import { resolveConfig } from '../node/config.ts';

const ethRpc = (argv: string[]) => resolveConfig(parseNodeFlags(argv)).ethRpc;

describe('Ethereum RPC flags', () => {
  it.each([
    [['--dev'], { port: 8545, fallback: true }],
    [['--dev', '--eth-rpc-port', '0'], { port: 0, fallback: false }],
    [['--eth-rpc-port', '9545'], { port: 9545, fallback: false }],
    [['--dev', '--no-eth-rpc'], undefined],
    [['--dev', '--no-eth-rpc', '--eth-rpc-port', '9545'], undefined],
    [[], undefined],
  ])('%j → %j', (argv, want) => {
    expect(ethRpc(argv)).toEqual(want);
  });

  it('refuses ports out of range', () => {
    expect(() => ethRpc(['--eth-rpc-port', '70000'])).toThrow(/eth-rpc-port/);
  });
});
