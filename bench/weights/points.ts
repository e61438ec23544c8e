/**
 * Shorthands for the cases: fork the world, let the case set its state up with the pallets' own calls, move to
 * the next block (as a transaction would land after its setup), and hand back what to time.
 */
import type { RuntimeCall } from '../../runtime/framework/pallet.ts';
import type { Account, BenchChain, Block } from './chain.ts';
import type { Prepared } from './runner.ts';
import type { World } from './world.ts';

/** A state-setting step run on the fork before the timed block. */
export type Setup = (chain: BenchChain) => void;

/** Blocks between the setup and the timed block (1 unless a call needs time to pass, e.g. a heartbeat). */
export interface PointOptions {
  setup?: Setup;
  gap?: number;
  /** For hooks: the block to run at, given the chain after the setup (instead of `gap`). */
  at?: (chain: BenchChain) => number;
}

function prepared(w: World, opts: PointOptions): BenchChain {
  const chain = w.chain.fork();
  opts.setup?.(chain);
  chain.next(opts.gap ?? 1);
  return chain;
}

/** `who` signs `call` (given the state after the setup, so it may name what the setup created). */
export function signedPoint(w: World, who: Account | ((chain: BenchChain) => Account), call: RuntimeCall | ((chain: BenchChain) => RuntimeCall), opts: PointOptions = {}): Prepared {
  const chain = prepared(w, opts);
  const signer = typeof who === 'function' ? who(chain) : who;
  const c = typeof call === 'function' ? call(chain) : call;
  return { block: chain.exec, call: c, origin: { tag: 'Signed', who: signer.publicKey }, ext: chain.signed(signer, c), reopen: () => chain.reopen() };
}

/** A Root call (dispatched by sudo in practice; sudo's own overhead is its own benchmark). */
export function rootPoint(w: World, call: RuntimeCall | ((chain: BenchChain) => RuntimeCall), opts: PointOptions = {}): Prepared {
  const chain = prepared(w, opts);
  return { block: chain.exec, call: typeof call === 'function' ? call(chain) : call, origin: { tag: 'Root' } };
}

/** An unsigned (None origin) call, as inherents are dispatched. */
export function nonePoint(w: World, call: RuntimeCall, opts: PointOptions = {}): Prepared {
  const chain = prepared(w, opts);
  return { block: chain.exec, call, origin: { tag: 'None' } };
}

/**
 * A hook or API function at block `number + gap` of the setup, over a bare context (no hook has run in it yet),
 * with its declared weight.
 */
export function hookPoint(w: World, run: (block: Block, chain: BenchChain) => void, declared: bigint | ((chain: BenchChain) => bigint), opts: PointOptions = {}): Prepared {
  const chain = w.chain.fork();
  opts.setup?.(chain);
  const block = chain.bare(opts.at ? opts.at(chain) - chain.number : (opts.gap ?? 1));
  return { block, run: (b) => run(b, chain), declared: typeof declared === 'function' ? declared(chain) : declared };
}

/** An API function timed inside the open block after the setup (e.g. `Staking.lock` called by Jobs). */
export function apiPoint(w: World, run: (block: Block, chain: BenchChain) => void, declared: bigint, opts: PointOptions = {}): Prepared {
  const chain = prepared(w, opts);
  return { block: chain.exec, run: (b) => run(b, chain), declared };
}
