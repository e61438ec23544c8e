/**
 * Chain specs in Substrate's JSON format: name, id, chainType, properties, and the genesis either as a
 * per-pallet patch (`runtimeGenesis.patch`) or raw storage (`raw.top`). Built-in: `dev` and `local`.
 */
import { readFileSync } from 'node:fs';
import { Keyring } from '@polkadot/keyring';
import { hexToU8a, isHex, u8aToHex } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import { z } from 'zod';
import { BlockContext } from '../runtime/framework/context.ts';
import type { Runtime } from '../runtime/runtime.ts';
import { UNIT } from '../runtime/runtime.ts';
import { TREASURY_ACCOUNT } from '../runtime/marketplace.ts';
import { keyBytes, keyString, MemoryState, OverlayState } from '../runtime/state/overlay.ts';

const hexString = z.string().refine((s) => isHex(s), 'expected 0x-prefixed hex');

const ChainSpecSchema = z.object({
  name: z.string().min(1),
  id: z.string().regex(/^[a-z0-9_-]+$/i, 'chain id: letters, digits, - and _'),
  chainType: z.union([z.enum(['Development', 'Local', 'Live']), z.object({ Custom: z.string() })]).default('Live'),
  bootNodes: z.array(z.string()).default([]),
  telemetryEndpoints: z.null().or(z.array(z.unknown())).default(null),
  protocolId: z.string().nullable().default(null),
  properties: z.record(z.string(), z.unknown()).default({}),
  codeSubstitutes: z.record(z.string(), z.unknown()).default({}),
  /** Block authors until the staking pallet keeps the validator set on chain (SS58 sr25519 accounts). */
  authorities: z.array(z.string()).default([]),
  genesis: z.union([
    z.object({ runtimeGenesis: z.object({ patch: z.record(z.string(), z.unknown()) }) }),
    z.object({ raw: z.object({ top: z.record(hexString, hexString), childrenDefault: z.record(z.string(), z.unknown()).default({}) }) }),
  ]),
});
export type ChainSpec = z.infer<typeof ChainSpecSchema>;

export class ChainSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChainSpecError';
  }
}

const DEV_ACCOUNTS = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'] as const;
/** Each dev account gets one million TRAIN. */
export const DEV_ENDOWMENT = 1_000_000n * UNIT;

/** The EIP-155 chain id of `dev` and `local` (Hardhat's and Anvil's, so wallets' dev presets work). */
export const DEV_CHAIN_ID = 31337;
/** The ten Hardhat/Anvil accounts of "test test test test test test test test test test test junk" (m/44'/60'/0'/0/i). */
export const HARDHAT_ACCOUNTS = [
  '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
  '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
  '0x90F79bf6EB2c4f870365E785982E1f101E93b906',
  '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65',
  '0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc',
  '0x976EA74026E726554dB657fA54763abd0C3a0aa9',
  '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955',
  '0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f',
  '0xa0Ee7A142d267C1f36714E4a8F75612F20a79720',
] as const;
/** Each Hardhat account gets 10,000 ether (TRAIN), as Hardhat and Anvil give. */
export const HARDHAT_ENDOWMENT = 10_000n * UNIT;
/** The precompiles' addresses (inference, IModels, IJobs), and the code that makes Solidity's extcodesize check pass (Moonbeam's trick). */
export const INFERENCE_PRECOMPILE = '0x0000000000000000000000000000000000000a11';
export const PRECOMPILE_ADDRESSES = [INFERENCE_PRECOMPILE, '0x0000000000000000000000000000000000000a12', '0x0000000000000000000000000000000000000a13'] as const;
const PRECOMPILE_DUMMY_CODE = '0x60006000fd';

/** The `evm` genesis patch of `dev` and `local`: chain id, //Alice…//Ferdie mapped, Hardhat accounts funded. */
function devEvmGenesis(accounts: { publicKey: string }[]) {
  const alloc: Record<string, { balance?: string; code?: string }> = {};
  for (const a of HARDHAT_ACCOUNTS) alloc[a.toLowerCase()] = { balance: HARDHAT_ENDOWMENT.toString() };
  for (const a of PRECOMPILE_ADDRESSES) alloc[a] = { code: PRECOMPILE_DUMMY_CODE };
  return { chainId: DEV_CHAIN_ID, mappedAccounts: accounts.map((a) => a.publicKey), accounts: alloc };
}

export function devAccounts(): { name: string; address: string; publicKey: string }[] {
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  return DEV_ACCOUNTS.map((name) => {
    const pair = keyring.addFromUri(`//${name}`);
    return { name, address: pair.address, publicKey: u8aToHex(pair.publicKey) };
  });
}

function builtin(id: 'dev' | 'local'): ChainSpec {
  const accounts = devAccounts();
  const endowed = [...accounts.map((a) => a.address), ...accounts.map((a) => new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri(`//${a.name}//stash`).address)];
  return ChainSpecSchema.parse({
    name: id === 'dev' ? 'Development' : 'Local Testnet',
    id,
    chainType: id === 'dev' ? 'Development' : 'Local',
    properties: { tokenSymbol: 'TRAIN', tokenDecimals: 18, ss58Format: 42 },
    authorities: id === 'dev' ? [accounts[0]!.address] : [accounts[0]!.address, accounts[1]!.address],
    genesis: {
      runtimeGenesis: {
        patch: {
          balances: { balances: [...endowed.map((a) => [a, DEV_ENDOWMENT.toString()]), [u8aToHex(TREASURY_ACCOUNT), UNIT.toString()]] },
          sudo: { key: accounts[0]!.address },
          evm: devEvmGenesis(accounts),
          // The authorities bond as validators, so the staking pallet's validator set matches who authors.
          staking: { stakers: (id === 'dev' ? accounts.slice(0, 1) : accounts.slice(0, 2)).map((a) => [a.address, (100_000n * UNIT).toString(), ['validator']]) },
        },
      },
    },
  });
}

/** Resolves `--chain`: `dev`, `local`, or a path to a JSON spec. */
export function loadChainSpec(chain: string): ChainSpec {
  if (chain === 'dev' || chain === 'local') return builtin(chain);
  let text: string;
  try {
    text = readFileSync(chain, 'utf8');
  } catch (e) {
    throw new ChainSpecError(`cannot read chain spec ${chain}: ${(e as Error).message} (use --chain dev, local or a path to a JSON spec)`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ChainSpecError(`chain spec ${chain} is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = ChainSpecSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ChainSpecError(`invalid chain spec ${chain}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  for (const a of parsed.data.authorities) checkAddress(a, 'authorities');
  return parsed.data;
}

function checkAddress(a: string, where: string): Uint8Array {
  try {
    return decodeAddress(a);
  } catch {
    throw new ChainSpecError(`invalid account ${a} in ${where}`);
  }
}

export function authoritiesOf(spec: ChainSpec): Uint8Array[] {
  return spec.authorities.map((a) => checkAddress(a, 'authorities'));
}

/** The genesis storage of a spec: runs every pallet's genesis builder on the patch, or takes the raw `top`. */
export function genesisStorage(spec: ChainSpec, runtime: Runtime): MemoryState {
  if ('raw' in spec.genesis) {
    const entries = new Map<string, Uint8Array>();
    for (const [k, v] of Object.entries(spec.genesis.raw.top)) entries.set(keyString(hexToU8a(k)), hexToU8a(v));
    return new MemoryState(entries);
  }
  const patch = spec.genesis.runtimeGenesis.patch;
  const known = new Set(runtime.composed.pallets.map((p) => lowerFirst(p.pallet.name)));
  for (const key of Object.keys(patch)) {
    if (!known.has(key)) throw new ChainSpecError(`genesis patch names an unknown pallet "${key}" (known: ${[...known].join(', ')})`);
  }
  const state = new OverlayState(new MemoryState());
  const ctx = new BlockContext(runtime.composed, state, { number: 0, parentHash: new Uint8Array(32), author: undefined });
  runtime.system.buildGenesis(ctx);
  for (const { pallet } of runtime.composed.pallets) {
    if (!pallet.genesis) continue;
    const raw = patch[lowerFirst(pallet.name)] ?? {};
    const parsed = pallet.genesis.schema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ChainSpecError(`invalid genesis config for ${pallet.name}: ${issue.path.join('.')}: ${issue.message}`);
    }
    try {
      pallet.genesis.build(state, parsed.data);
    } catch (e) {
      throw new ChainSpecError(`genesis of ${pallet.name}: ${(e as Error).message}`);
    }
  }
  const out = new MemoryState();
  out.apply(state.changes());
  return out;
}

/** The raw form of a spec (`build-spec --raw`). */
export function toRawSpec(spec: ChainSpec, runtime: Runtime): ChainSpec {
  const state = genesisStorage(spec, runtime);
  const top: Record<string, string> = {};
  for (const k of [...state.entries.keys()].sort()) top[u8aToHex(keyBytes(k))] = u8aToHex(state.entries.get(k)!);
  return { ...spec, genesis: { raw: { top: top as Record<`0x${string}`, `0x${string}`>, childrenDefault: {} } } };
}

const lowerFirst = (s: string) => s[0]!.toLowerCase() + s.slice(1);
