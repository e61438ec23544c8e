/**
 * `trainchain key generate|inspect`: the output of Substrate's `subkey` / `polkadot key`
 * (sc-cli `print_from_uri` / `print_from_public`), same labels, alignment and JSON field names.
 */
import { parseArgs } from 'node:util';
import { u8aToHex } from '@polkadot/util';
import { allNetworks, base58Decode, checkAddressChecksum, cryptoWaitReady, decodeAddress, encodeAddress, mnemonicGenerate } from '@polkadot/util-crypto';
import { accountIdOf, isMnemonic, keyFromSuri } from '../../runtime/crypto/key-material.ts';
import type { SignatureScheme } from '../../runtime/crypto/verify.ts';
import { runCommand } from './run-command.ts';

const USAGE = [
  'Usage: trainchain key generate [--scheme sr25519|ed25519|ecdsa] [--words 12|15|18|21|24] [--network N] [--password P] [--output-type text|json]',
  '       trainchain key inspect <URI|address> [--scheme ...] [--public] [--network N] [--password P] [--output-type text|json]',
];
const COMMON = {
  scheme: { type: 'string', default: 'sr25519' },
  network: { type: 'string', short: 'n' },
  password: { type: 'string' },
  'output-type': { type: 'string', default: 'text' },
  help: { type: 'boolean', short: 'h' },
} as const;
const WORD_COUNTS = [12, 15, 18, 21, 24] as const;

/** One printable account: labels map to subkey's text lines and JSON keys. */
interface Report {
  kind: 'phrase' | 'secretUri' | 'publicUri' | 'public';
  uri?: string;
  networkId: string;
  seed?: Uint8Array | null;
  publicKey: Uint8Array;
  accountId: Uint8Array;
  ss58PublicKey: string;
  ss58Address: string;
}

function parseScheme(value: string): SignatureScheme {
  const scheme = value.toLowerCase();
  if (scheme === 'sr25519' || scheme === 'ed25519' || scheme === 'ecdsa') return scheme;
  throw new Error(`unknown scheme '${value}' (expected sr25519, ed25519 or ecdsa)`);
}

/** SS58 prefix from a number or a registered network name (e.g. 42 or "substrate"). */
function parseNetwork(value: string): number {
  const named = allNetworks.find((n) => n.network === value.toLowerCase());
  if (named !== undefined) return named.prefix;
  const prefix = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(prefix) || prefix > 16383 || prefix === 46 || prefix === 47) {
    throw new Error(`invalid network '${value}' (an SS58 prefix 0-16383 other than 46/47, or a network name)`);
  }
  return prefix;
}

function networkName(prefix: number): string {
  return allNetworks.find((n) => n.prefix === prefix)?.network ?? String(prefix);
}

function parseOutputType(value: string): 'text' | 'json' {
  const type = value.toLowerCase();
  if (type === 'text' || type === 'json') return type;
  throw new Error(`unknown output type '${value}' (expected text or json)`);
}

function report(kind: Report['kind'], scheme: SignatureScheme, publicKey: Uint8Array, prefix: number, extra: Partial<Report>): Report {
  const accountId = accountIdOf(scheme, publicKey);
  const ss58PublicKey = encodeAddress(publicKey, prefix);
  return { kind, networkId: networkName(prefix), publicKey, accountId, ss58PublicKey, ss58Address: encodeAddress(accountId, prefix), ...extra };
}

function render(r: Report, output: 'text' | 'json'): string[] {
  const seed = r.seed === undefined ? undefined : r.seed === null ? 'n/a' : u8aToHex(r.seed);
  if (output === 'json') {
    // serde_json (no preserve_order) prints object keys sorted, so do we.
    const fields: Record<string, string | undefined> = {
      accountId: u8aToHex(r.accountId),
      networkId: r.networkId,
      publicKey: u8aToHex(r.publicKey),
      publicKeyUri: r.kind === 'publicUri' ? r.uri : undefined,
      secretKeyUri: r.kind === 'secretUri' ? r.uri : undefined,
      secretPhrase: r.kind === 'phrase' ? r.uri : undefined,
      secretSeed: seed,
      ss58Address: r.ss58Address,
      ss58PublicKey: r.ss58PublicKey,
    };
    return JSON.stringify(fields, null, 2).split('\n');
  }
  if (r.kind === 'public' || r.kind === 'publicUri') {
    const lines = [
      `Network ID/Version: ${r.networkId}`,
      `  Public key (hex):   ${u8aToHex(r.publicKey)}`,
      `  Account ID:         ${u8aToHex(r.accountId)}`,
      `  Public key (SS58):  ${r.ss58PublicKey}`,
      `  SS58 Address:       ${r.ss58Address}`,
    ];
    return r.kind === 'public' ? lines : [`Public Key URI \`${r.uri}\` is account:`, `  ${lines[0]}`, ...lines.slice(1)];
  }
  return [
    r.kind === 'phrase' ? `Secret phrase:       ${r.uri}` : `Secret Key URI \`${r.uri}\` is account:`,
    `  Network ID:        ${r.networkId}`,
    `  Secret seed:       ${seed}`,
    `  Public key (hex):  ${u8aToHex(r.publicKey)}`,
    `  Account ID:        ${u8aToHex(r.accountId)}`,
    `  Public key (SS58): ${r.ss58PublicKey}`,
    `  SS58 Address:      ${r.ss58Address}`,
  ];
}

/** Decodes an SS58 string, returning the key bytes and the address's own prefix, or null. */
function fromSs58(value: string): { bytes: Uint8Array; prefix: number } | null {
  try {
    const bytes = decodeAddress(value);
    const [, , , prefix] = checkAddressChecksum(base58Decode(value));
    return { bytes, prefix };
  } catch {
    return null;
  }
}

function expectKeyLength(scheme: SignatureScheme, key: Uint8Array, what: string): Uint8Array {
  const want = scheme === 'ecdsa' ? 33 : 32;
  if (key.length !== want) throw new Error(`${what} is ${key.length} bytes, but ${scheme} public keys are ${want}`);
  return key;
}

function inspectPublic(input: string, scheme: SignatureScheme, network: number | undefined): Report {
  const hex = input.startsWith('0x') ? input.slice(2) : input;
  if (/^[0-9a-fA-F]*$/.test(hex) && hex.length % 2 === 0 && hex.length > 0) {
    const key = expectKeyLength(scheme, Uint8Array.from(Buffer.from(hex, 'hex')), 'the hex public key');
    return report('public', scheme, key, network ?? 42, {});
  }
  const decoded = fromSs58(input);
  if (decoded === null) throw new Error(`'${input}' is neither a hex public key nor an SS58 address`);
  return report('public', scheme, expectKeyLength(scheme, decoded.bytes, 'the address'), network ?? decoded.prefix, {});
}

function inspectUri(uri: string, scheme: SignatureScheme, network: number | undefined, password: string | undefined): Report {
  const prefix = network ?? 42;
  if (isMnemonic(uri)) {
    const key = keyFromSuri(uri, scheme, password);
    return report('phrase', scheme, key.publicKey, prefix, { uri, seed: key.seed });
  }
  try {
    const key = keyFromSuri(uri, scheme, password);
    return report('secretUri', scheme, key.publicKey, prefix, { uri, seed: key.seed });
  } catch (error) {
    const decoded = fromSs58(uri);
    if (decoded === null) throw error;
    return report('publicUri', scheme, expectKeyLength(scheme, decoded.bytes, 'the address'), network ?? decoded.prefix, { uri });
  }
}

async function run(argv: string[], out: (line: string) => void): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h') {
    USAGE.forEach((line) => out(line));
    return 0;
  }
  if (command === undefined) throw new Error('missing subcommand (expected generate or inspect; see --help)');
  if (command !== 'generate' && command !== 'inspect') throw new Error(`unknown key subcommand '${command}' (expected generate or inspect)`);
  const options = command === 'generate' ? { ...COMMON, words: { type: 'string', default: '12' } } as const : { ...COMMON, public: { type: 'boolean' } } as const;
  const { values, positionals } = parseArgs({ args: rest, options, strict: true, allowPositionals: true });
  if (values.help === true) {
    USAGE.forEach((line) => out(line));
    return 0;
  }
  const scheme = parseScheme(values.scheme);
  const network = values.network === undefined ? undefined : parseNetwork(values.network);
  const output = parseOutputType(values['output-type']);
  await cryptoWaitReady();
  let result: Report;
  if (command === 'generate') {
    if (positionals.length > 0) throw new Error(`unexpected argument '${positionals[0]}'`);
    const words = Number('words' in values ? values.words : '12');
    if (!WORD_COUNTS.some((n) => n === words)) throw new Error(`invalid --words '${String(words)}' (expected 12, 15, 18, 21 or 24)`);
    result = inspectUri(mnemonicGenerate(words as (typeof WORD_COUNTS)[number]), scheme, network, values.password);
  } else {
    if (positionals.length !== 1) throw new Error(positionals.length === 0 ? 'missing URI or address to inspect' : `unexpected argument '${positionals[1]}'`);
    const input = positionals[0]!;
    result = 'public' in values && values.public === true ? inspectPublic(input, scheme, network) : inspectUri(input, scheme, network, values.password);
  }
  render(result, output).forEach((line) => out(line));
  return 0;
}

/**
 * Runs `trainchain key …`; `argv` starts at the subcommand (`['inspect', '//Alice']`).
 * Output goes to `out` line by line. Returns the exit code: 0, or 1 after a one-line `Error: …`.
 */
export async function runKeyCommand(argv: string[], out: (line: string) => void): Promise<number> {
  return runCommand(run, argv, out);
}
