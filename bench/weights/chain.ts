/**
 * A chain without a database for `bench/weights`: the dev genesis, then blocks executed with the real
 * `BlockExecution`, each one's writes flattened into the next one's base (as the node's in-memory best state).
 * Setup dispatches the pallets' own calls; `fork` copies a prepared state so every benchmark starts from it.
 */
import { Keyring } from '@polkadot/keyring';
import { blake2AsU8a, cryptoWaitReady } from '@polkadot/util-crypto';
import { sr25519KeypairFromSeed, sr25519Sign } from '@polkadot/wasm-crypto';
import { genesisStorage, loadChainSpec } from '../../node/chain-spec.ts';
import { BlockExecution } from '../../runtime/executive.ts';
import { BlockContext } from '../../runtime/framework/context.ts';
import type { Origin, RuntimeCall } from '../../runtime/framework/pallet.ts';
import { type Signer, signExtrinsic } from '../../runtime/extrinsic/sign.ts';
import type { DecodedExtrinsic } from '../../runtime/extrinsic/unchecked.ts';
import { createRuntime, type Runtime } from '../../runtime/runtime.ts';
import { MemoryState, OverlayState } from '../../runtime/state/overlay.ts';

/** Where a benchmark runs: a state with its transactional layers and the context calls are given. */
export interface Block {
  readonly state: OverlayState;
  readonly ctx: BlockContext;
}

/** An account that signs extrinsics (a keyring pair, or a bench key). */
export type Account = Signer;

/** A bench account: an sr25519 key from a seed, signing in wasm (the keyring's JS signer is ~8× slower). */
function benchKey(i: number): Account {
  const pair = sr25519KeypairFromSeed(blake2AsU8a(`trainchain bench account ${i}`));
  const secret = pair.slice(0, 64);
  const publicKey = pair.slice(64);
  return { publicKey, type: 'sr25519', sign: (message) => sr25519Sign(publicKey, secret, message) };
}

/** sr25519 keys: the dev accounts (`//Alice` …, from the keyring) and numbered bench accounts, made once. */
export class Keys {
  private readonly keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  private readonly cache = new Map<string | number, Account>();

  /** The key of a dev name (`Alice`) or of bench account `i`. */
  get(name: string | number): Account {
    let key = this.cache.get(name);
    if (!key) {
      key = typeof name === 'number' ? benchKey(name) : this.keyring.addFromUri(`//${name}`);
      this.cache.set(name, key);
    }
    return key;
  }
}

const hashOf = (n: number): Uint8Array => blake2AsU8a(`block ${n}`);

/**
 * The runtime with the block limits lifted, so a block can be filled past what the declared weights admit: the
 * point is to time the path, and to find what the measured time admits. Everything else is the runtime's own.
 */
export function unlimited(runtime: Runtime): Runtime {
  const limits = { ...runtime.limits, maxBlock: 1n << 62n, maxNormal: 1n << 62n, maxExtrinsic: 1n << 62n, maxBlockLength: 1 << 30 };
  return Object.create(runtime, { limits: { value: limits } }) as Runtime;
}

/** The dev chain's state at some block, with the block after it open for dispatching. */
export class BenchChain {
  exec: BlockExecution;

  private constructor(
    readonly runtime: Runtime,
    readonly keys: Keys,
    private base: MemoryState,
    number: number,
  ) {
    this.exec = this.open(number);
  }

  /** The dev genesis (`loadChainSpec('dev')`) with block 1 open. */
  static async genesis(): Promise<BenchChain> {
    await cryptoWaitReady();
    const runtime = createRuntime();
    return new BenchChain(runtime, new Keys(), genesisStorage(loadChainSpec('dev'), runtime), 1);
  }

  /** The number of the open block. */
  get number(): number {
    return this.exec.header.number;
  }

  private open(number: number, runtime = this.runtime): BlockExecution {
    const author = this.keys.get('Alice').publicKey;
    return new BlockExecution(runtime, this.base, { number, parentHash: hashOf(number - 1), digest: [], author });
  }

  /** The open block's writes flattened onto a copy of its base: the state a next block would build on. */
  flatten(): MemoryState {
    const flat = this.base.clone();
    flat.apply(this.exec.state.changes());
    return flat;
  }

  /** Closes the open block and opens block `number + n` (its `on_initialize` hooks run, as in the node). */
  next(n = 1): BlockExecution {
    this.base = this.flatten();
    this.exec = this.open(this.number + n);
    return this.exec;
  }

  /**
   * The open block discarded and opened again over the same base (its hooks run again), with the block limits
   * lifted: rounds of hundreds of timed extrinsics would otherwise exhaust its weight or length.
   */
  reopen(): BlockExecution {
    this.exec = this.open(this.number, unlimited(this.runtime));
    return this.exec;
  }

  /** An independent copy of this chain, its open block closed and the next one open. */
  fork(n = 1): BenchChain {
    return new BenchChain(this.runtime, this.keys, this.flatten(), this.number + n);
  }

  /** Block `number + n` over this state without running any hook, for timing a hook itself. */
  bare(n = 1): Block {
    const state = new OverlayState(this.flatten());
    const ctx = new BlockContext(this.runtime.composed, state, { number: this.number + n, parentHash: hashOf(this.number + n - 1), author: this.keys.get('Alice').publicKey });
    return { state, ctx };
  }

  /** Dispatches `call` in the open block (no fee, no nonce) and throws the decoded error when it fails. */
  dispatch(origin: Origin, call: RuntimeCall): void {
    const r = this.runtime.composed.dispatch(this.exec.ctx, origin, call);
    if (!r.ok) throw new Error(`setup ${call.tag}.${call.value.tag} failed: ${describe(this.runtime, r.error)}`);
  }

  /** Dispatches as the signer of `who`. */
  as(who: Account, call: RuntimeCall): void {
    this.dispatch({ tag: 'Signed', who: who.publicKey }, call);
  }

  /** Dispatches as Root. */
  root(call: RuntimeCall): void {
    this.dispatch({ tag: 'Root' }, call);
  }

  /** `call` signed by `who` at its current nonce (+ `ahead`), decoded as the pool hands it to the executive. */
  signed(who: Account, call: RuntimeCall, ahead = 0): DecodedExtrinsic {
    const nonce = this.runtime.system.accounts.get(this.exec.state, who.publicKey).nonce + ahead;
    return this.runtime.decodeExtrinsic(signExtrinsic(this.runtime, who, call, { nonce }));
  }
}

/** `Jobs.InsufficientBalance`-style text for a dispatch error (module errors by pallet and variant index). */
export function describe(runtime: Runtime, error: { tag: string; value?: unknown }): string {
  if (error.tag !== 'Module') return JSON.stringify(error, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
  const m = error.value as { index: number; error: Uint8Array };
  const entry = runtime.composed.pallets.find((p) => p.index === m.index);
  return `${entry?.pallet.name ?? m.index}.error#${m.error[0]}`;
}

/** `{ tag: pallet, value: { tag: call, value: args } }`. */
export const callOf = (pallet: string, name: string, args: Record<string, unknown> = {}): RuntimeCall => ({ tag: pallet, value: { tag: name, value: args } });
