/**
 * Test support for the pallet precompiles: the real runtime on the `dev` genesis (`TestChain`) with
 * `createPalletPrecompiles` installed and the dummy code Solidity's extcodesize check needs at 0x…0a12/0a13,
 * plus helpers to deploy, send and `eth_call` with a Hardhat dev key and read a block's events.
 */
import { bigIntToUnpaddedBytes, bytesToHex, generateAddress, hexToBytes, privateToAddress } from '@ethereumjs/util';
import { Interface, type InterfaceAbi } from 'ethers';
import { readFileSync } from 'node:fs';
import { fallbackAccountId } from '../../pallets/evm/address.ts';
import { setCode } from '../../pallets/evm/ledger.ts';
import { compileContract } from '../../pallets/evm/testing/solc.ts';
import { DEV_KEYS, signed1559, TestChain } from '../../pallets/evm/testing/chain.ts';
import { rawCidOf } from '../../pallets/common/cid.ts';
import { BlockExecution } from '../../runtime/executive.ts';
import type { EventRecordValue } from '../../runtime/framework/context.ts';
import type { DispatchResult, Origin, RuntimeCall } from '../../runtime/framework/pallet.ts';
import { OverlayState } from '../../runtime/state/overlay.ts';
import { createPalletPrecompiles } from '../pallet-precompiles.ts';
import { JOBS_ADDRESS } from '../jobs/precompile.ts';
import { MODELS_ADDRESS } from './precompile.ts';

export { DEV_KEYS };
export const UNIT = 10n ** 18n;
export const MODELS = hexToBytes(MODELS_ADDRESS);
export const JOBS = hexToBytes(JOBS_ADDRESS);
/** Hardhat dev key 0's address and the account it maps to (`h160 ‖ 0xEE×12`). */
export const DEV = privateToAddress(DEV_KEYS[0]!);
export const DEV_ACCOUNT = fallbackAccountId(DEV);
export const cid = (name: string): Uint8Array => rawCidOf(new TextEncoder().encode(name));

/** The interfaces' sources, SPDX lines dropped, so a test contract can be compiled in one file with them. */
export function interfaceSource(...names: string[]): string {
  return names.map((n) => readFileSync(new URL(`../../contracts/${n}.sol`, import.meta.url), 'utf8').replace(/^\/\/ SPDX.*$/m, '')).join('\n');
}

/** A compiled contract: its ABI as an ethers Interface and its creation code. */
export function compile(source: string, name: string): { iface: Interface; bytecode: Uint8Array } {
  const c = compileContract(`// SPDX-License-Identifier: MIT\n${source}`, name);
  return { iface: new Interface(c.abi as InterfaceAbi), bytecode: c.bytecode };
}

/** One transaction's outcome: its `Ethereum.Executed` event and every event of its block. */
export interface Sent {
  ok: boolean;
  exit: string;
  /** Revert data when it failed. */
  extra: Uint8Array;
  events: EventRecordValue[];
}

export class PalletChain extends TestChain {
  constructor() {
    super();
    this.runtime.evm.setPrecompiles(createPalletPrecompiles(() => this.runtime));
    const overlay = new OverlayState(this.state);
    for (const a of [MODELS, JOBS]) setCode(overlay, a, hexToBytes('0x60006000fd'));
    this.state.apply(overlay.changes());
  }

  nonce(key = DEV_KEYS[0]!): bigint {
    return this.runtime.evm.api.account(this.state, privateToAddress(key)).nonce;
  }

  /** Sends one transaction in its own block. */
  async send(to: Uint8Array | undefined, data: Uint8Array, opts: { value?: bigint; gasLimit?: bigint; key?: Uint8Array } = {}): Promise<Sent> {
    const key = opts.key ?? DEV_KEYS[0]!;
    const tx = signed1559(key, { nonce: this.nonce(key), to, data, value: opts.value, gasLimit: opts.gasLimit ?? 3_000_000n });
    const { exec } = await this.block([tx.serialize()]);
    const events = exec.ctx.events;
    const executed = events.find((e) => e.event.tag === 'Ethereum');
    if (!executed) throw new Error('the transaction was not included');
    const v = (executed.event.value as { value: { exit_reason: { tag: string }; extra_data: Uint8Array } }).value;
    return { ok: v.exit_reason.tag === 'Succeed', exit: v.exit_reason.tag, extra: v.extra_data, events };
  }

  /** Deploys creation code (constructor arguments appended) and returns the contract's address. */
  async deploy(code: Uint8Array, value = 0n): Promise<Uint8Array> {
    const nonce = this.nonce();
    const r = await this.send(undefined, code, { value });
    if (!r.ok) throw new Error(`deployment failed: ${r.exit}`);
    return generateAddress(DEV, bigIntToUnpaddedBytes(nonce));
  }

  /** Dispatches calls with any origin (Root included) in one block; returns their results and the block's events. */
  async dispatch(calls: { origin: Origin; call: RuntimeCall }[]): Promise<{ results: DispatchResult[]; events: EventRecordValue[] }> {
    this.number += 1;
    this.timestamp += 6_000n;
    const exec = new BlockExecution(this.runtime, this.state, { number: this.number, parentHash: new Uint8Array(32).fill(this.number), digest: [], author: this.author });
    exec.applyInherents({ timestamp: this.timestamp });
    const results: DispatchResult[] = [];
    for (const c of calls) results.push(await this.runtime.composed.dispatchAsync(exec.ctx, c.origin, c.call));
    const { changes } = exec.finalize();
    const next = this.state.clone();
    next.apply(changes);
    this.state = next;
    return { results, events: exec.ctx.events };
  }

  /** `eth_call` against the current state. */
  call(to: Uint8Array, data: Uint8Array, opts: { from?: Uint8Array; value?: bigint; gas?: bigint } = {}) {
    const env = { number: BigInt(this.number), timestamp: this.timestamp / 1000n, coinbase: new Uint8Array(20) };
    return this.runtime.evm.api.call(this.state, env, { from: opts.from ?? DEV, to, data, value: opts.value, gas: opts.gas });
  }

  /** Free balance of an account. */
  free(account: Uint8Array): bigint {
    return this.runtime.system.accounts.get(this.state, account).data.free;
  }

  reserved(account: Uint8Array): bigint {
    return this.runtime.system.accounts.get(this.state, account).data.reserved;
  }
}

/** `pallet.Event` names of a block's events, in order (`Models.ModelRegistered`). */
export const eventNames = (events: EventRecordValue[]): string[] =>
  events.map((e) => `${e.event.tag}.${(e.event.value as { tag: string }).tag}`);

export const hex = (b: Uint8Array): string => bytesToHex(b);
export const bytes = (h: string): Uint8Array => hexToBytes(h as `0x${string}`);
