import { DEV_PHRASE, Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { runKeyCommand } from './key.ts';

const ALICE = {
  publicKey: '0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d',
  ss58: '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY',
  polkadot: '15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5',
  seed: '0xe5be9a5092b81bca64be81d212e7f2f9eba183bb7a90954f7b76361f6edb5c0a',
};

async function key(...argv: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await runKeyCommand(argv, (line) => lines.push(line));
  return { code, lines };
}

beforeAll(async () => {
  await cryptoWaitReady();
});

describe('trainchain key inspect (text, as subkey prints it)', () => {
  it.each([
    {
      argv: ['inspect', '//Alice'],
      lines: [
        'Secret Key URI `//Alice` is account:',
        '  Network ID:        substrate',
        `  Secret seed:       ${ALICE.seed}`,
        `  Public key (hex):  ${ALICE.publicKey}`,
        `  Account ID:        ${ALICE.publicKey}`,
        `  Public key (SS58): ${ALICE.ss58}`,
        `  SS58 Address:      ${ALICE.ss58}`,
      ],
    },
    {
      argv: ['inspect', '//Alice//stash'],
      lines: [
        'Secret Key URI `//Alice//stash` is account:',
        '  Network ID:        substrate',
        '  Secret seed:       0x3c881bc4d45926680c64a7f9315eeda3dd287f8d598f3653d7c107799c5422b3',
        '  Public key (hex):  0xbe5ddb1579b72e84524fc29e78609e3caf42e85aa118ebfe0b0ad404b5bdd25f',
        '  Account ID:        0xbe5ddb1579b72e84524fc29e78609e3caf42e85aa118ebfe0b0ad404b5bdd25f',
        '  Public key (SS58): 5GNJqTPyNqANBkUVMN1LPPrxXnFouWXoe2wNSmmEoLctxiZY',
        '  SS58 Address:      5GNJqTPyNqANBkUVMN1LPPrxXnFouWXoe2wNSmmEoLctxiZY',
      ],
    },
    {
      argv: ['inspect', DEV_PHRASE],
      lines: [
        `Secret phrase:       ${DEV_PHRASE}`,
        '  Network ID:        substrate',
        '  Secret seed:       0xfac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e',
        '  Public key (hex):  0x46ebddef8cd9bb167dc30878d7113b7e168e6f0646beffd77d69d39bad76b47a',
        '  Account ID:        0x46ebddef8cd9bb167dc30878d7113b7e168e6f0646beffd77d69d39bad76b47a',
        '  Public key (SS58): 5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV',
        '  SS58 Address:      5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV',
      ],
    },
    {
      argv: ['inspect', ALICE.ss58, '--public', '--network', '0'],
      lines: [
        'Network ID/Version: polkadot',
        `  Public key (hex):   ${ALICE.publicKey}`,
        `  Account ID:         ${ALICE.publicKey}`,
        `  Public key (SS58):  ${ALICE.polkadot}`,
        `  SS58 Address:       ${ALICE.polkadot}`,
      ],
    },
    {
      argv: ['inspect', ALICE.polkadot],
      lines: [
        `Public Key URI \`${ALICE.polkadot}\` is account:`,
        '  Network ID/Version: polkadot',
        `  Public key (hex):   ${ALICE.publicKey}`,
        `  Account ID:         ${ALICE.publicKey}`,
        `  Public key (SS58):  ${ALICE.polkadot}`,
        `  SS58 Address:       ${ALICE.polkadot}`,
      ],
    },
    {
      argv: ['inspect', '//Alice', '--scheme', 'ecdsa'],
      lines: [
        'Secret Key URI `//Alice` is account:',
        '  Network ID:        substrate',
        '  Secret seed:       0xcb6df9de1efca7a3998a8ead4e02159d5fa99c3e0d4fd6432667390bb4726854',
        '  Public key (hex):  0x020a1091341fe5664bfa1782d5e04779689068c916b04cb365ec3153755684d9a1',
        '  Account ID:        0x01e552298e47454041ea31273b4b630c64c104e4514aa3643490b8aaca9cf8ed',
        '  Public key (SS58): KW39r9CJjAVzmkf9zQ4YDb2hqfAVGdRqn53eRqyruqpxAP5YL',
        '  SS58 Address:      5C7C2Z5sWbytvHpuLTvzKunnnRwQxft1jiqrLD5rhucQ5S9X',
      ],
    },
  ])('key $argv', async ({ argv, lines }) => {
    expect(await key(...argv)).toEqual({ code: 0, lines });
  });
});

describe('derived keys match @polkadot/keyring', () => {
  const uris = ['//Alice', '//Bob//stash', `${DEV_PHRASE}//1//2`, `${DEV_PHRASE}///pass`, '0x' + '11'.repeat(32) + '//x'];
  const softUris = ['//Alice/soft', '//Alice/1//hard'];
  it.each([
    ...(['sr25519', 'ed25519', 'ecdsa'] as const).flatMap((scheme) => uris.map((uri) => ({ scheme, uri }))),
    ...softUris.map((uri) => ({ scheme: 'sr25519' as const, uri })),
  ])('$scheme $uri', async ({ scheme, uri }) => {
    const { code, lines } = await key('inspect', uri, '--scheme', scheme, '--output-type', 'json');
    expect(code).toBe(0);
    const json = JSON.parse(lines.join('\n')) as Record<string, string>;
    const pair = new Keyring({ type: scheme, ss58Format: 42 }).addFromUri(uri);
    expect(json['publicKey']).toBe(u8aToHex(pair.publicKey));
    expect(json['accountId']).toBe(u8aToHex(pair.addressRaw));
    expect(json['ss58Address']).toBe(pair.address);
    expect(json['secretSeed']).toMatch(softUris.includes(uri) ? /^n\/a$/ : /^0x[0-9a-f]{64}$/);
  });
});

describe('trainchain key generate', () => {
  it.each([
    { words: '12', scheme: 'sr25519' },
    { words: '24', scheme: 'ed25519' },
    { words: '15', scheme: 'ecdsa' },
  ])('$words words, $scheme, JSON round-trips through inspect', async ({ words, scheme }) => {
    const generated = await key('generate', '--words', words, '--scheme', scheme, '--output-type', 'json');
    expect(generated.code).toBe(0);
    const json = JSON.parse(generated.lines.join('\n')) as Record<string, string>;
    expect(Object.keys(json)).toEqual(['accountId', 'networkId', 'publicKey', 'secretPhrase', 'secretSeed', 'ss58Address', 'ss58PublicKey']);
    expect(json['secretPhrase']!.split(' ')).toHaveLength(Number(words));
    const inspected = await key('inspect', json['secretPhrase']!, '--scheme', scheme, '--output-type', 'json');
    expect(JSON.parse(inspected.lines.join('\n'))).toEqual(json);
  });

  it('prints the text form with --network', async () => {
    const { code, lines } = await key('generate', '--network', 'kusama');
    expect(code).toBe(0);
    expect(lines[0]).toMatch(/^Secret phrase: {7}(\w+ ){11}\w+$/);
    expect(lines[1]).toBe('  Network ID:        kusama');
    expect(lines.map((l) => l.split(':')[0])).toEqual(['Secret phrase', '  Network ID', '  Secret seed', '  Public key (hex)', '  Account ID', '  Public key (SS58)', '  SS58 Address']);
  });
});

describe('bad input: one "Error: " line and exit code 1', () => {
  it.each([
    [[]],
    [['frobnicate']],
    [['inspect']],
    [['inspect', '//Alice', 'extra']],
    [['inspect', 'not a valid phrase']],
    [['inspect', '0x1234']],
    [['inspect', '//Alice/soft', '--scheme', 'ed25519']],
    [['inspect', '//Alice', '--scheme', 'rsa']],
    [['inspect', '//Alice', '--network', '46']],
    [['inspect', '//Alice', '--network', 'atlantis']],
    [['inspect', '//Alice', '--output-type', 'yaml']],
    [['inspect', ALICE.ss58, '--public', '--scheme', 'ecdsa']],
    [['inspect', 'zzz', '--public']],
    [['inspect', '--bogus']],
    [['generate', '--words', '13']],
    [['generate', '--public']],
    [['generate', 'extra']],
  ])('key %j', async (argv) => {
    const { code, lines } = await key(...argv);
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Error: \S/);
    expect(lines[0]).not.toMatch(/\n|\s{2}at /);
  });
});
