/**
 * Declaring a pallet: calls with explicit indices and weights, past-tense events with named fields, PascalCase
 * errors with docs, constants, hooks and genesis. `composeRuntime` assembles pallets; the metadata is derived
 * from these declarations and nothing else.
 */
import type { z } from 'zod';
import type { AccountId, DispatchClassName, DispatchError, Weight } from '../primitives.ts';
import { type AnyCodec, type Codec, encode } from '../scale/codec.ts';
import { type EnumValue, enumeration, type Fields, type StructValue, type VariantSpecs } from '../scale/composite.ts';
import type { OverlayState, StateReader } from '../state/overlay.ts';
import type { ValidTransaction } from '../validity.ts';
import type { StorageEntryMeta } from './storage.ts';

/** Who dispatches a call (`frame_system::RawOrigin`). */
export type Origin = { tag: 'Signed'; who: AccountId } | { tag: 'Root' } | { tag: 'None' };

/** A call of any pallet: `{ tag: 'Balances', value: { tag: 'transfer_keep_alive', value: { dest, value } } }`. */
export interface RuntimeCall {
  tag: string;
  value: { tag: string; value?: unknown };
}

export type DispatchResult = { ok: true; actualWeight?: Weight } | { ok: false; error: DispatchError; actualWeight?: Weight };

/** Read-only facts about the block being built, from its header and inherents. */
export interface BlockEnv {
  readonly number: number;
  readonly parentHash: Uint8Array;
  /** The block author from the `pow_` pre-runtime digest; fees go to them. */
  readonly author: AccountId | undefined;
}

/** What a call, hook or genesis builder is given. No clock, network or disk: those arrive through inherents. */
export interface DispatchContext {
  readonly state: OverlayState;
  readonly block: BlockEnv;
  deposit<S extends VariantSpecs>(events: PalletEvents<S>, event: EnumValue<S>): void;
  /** Dispatches a nested call in its own transactional layer (what `sudo` and `utility` do). */
  dispatch(origin: Origin, call: RuntimeCall): DispatchResult;
  /** Events are transactional like storage: the dispatcher truncates those of a call it rolls back. */
  eventCount(): number;
  truncateEvents(count: number): void;
}

/** A pallet error as thrown by a call: `throw BalancesError.InsufficientBalance`. Resolved to `DispatchError::Module`. */
export class PalletError extends Error {
  constructor(
    readonly pallet: string,
    readonly index: number,
    readonly errorName: string,
    readonly docs: string[],
  ) {
    super(`${pallet}.${errorName}`);
    this.name = 'PalletError';
  }
}

/** Any other dispatch failure (`BadOrigin`, `Token(FundsUnavailable)`, `Arithmetic(Overflow)`, …). */
export class DispatchFailure extends Error {
  constructor(readonly error: Exclude<DispatchError, { tag: 'Module' }>) {
    super(`DispatchError::${error.tag}${'value' in error ? `(${error.value.tag})` : ''}`);
    this.name = 'DispatchFailure';
  }
}
export const BadOrigin = new DispatchFailure({ tag: 'BadOrigin' });
export const Overflow = new DispatchFailure({ tag: 'Arithmetic', value: { tag: 'Overflow' } });
export const Underflow = new DispatchFailure({ tag: 'Arithmetic', value: { tag: 'Underflow' } });

/**
 * FRAME's `with_transaction`: runs `f` in its own storage layer with its events; a throw drops both and rethrows.
 * For API functions that move funds in several steps and must be all-or-nothing even when their caller catches.
 */
export function transactional<R>(ctx: DispatchContext, f: () => R): R {
  if (!ctx.state.begin()) throw new DispatchFailure({ tag: 'Transactional', value: { tag: 'LimitReached' } });
  const events = ctx.eventCount();
  try {
    const r = f();
    ctx.state.commit();
    return r;
  } catch (e) {
    ctx.state.rollback();
    ctx.truncateEvents(events);
    throw e;
  }
}

export function ensureSigned(origin: Origin): AccountId {
  if (origin.tag !== 'Signed') throw BadOrigin;
  return origin.who;
}
export function ensureRoot(origin: Origin): void {
  if (origin.tag !== 'Root') throw BadOrigin;
}
export function ensureNone(origin: Origin): void {
  if (origin.tag !== 'None') throw BadOrigin;
}

export interface CallSpec<A extends Fields> {
  index: number;
  args: A;
  docs: string[];
  /** Pre-dispatch weight from the arguments (measured in `bench/weights`). */
  weight: (args: StructValue<A>) => Weight;
  class?: DispatchClassName;
  /**
   * `false`: the call returns `Pays::No` when it succeeds (FRAME's sudo, root calls), so its fee is refunded
   * after dispatch. The fee is still charged up front, so a failing call is never free.
   */
  paysFee?: boolean;
  /** Argument type names as the Rust pallet declares them (`AccountIdLookupOf<T>`), for metadata. */
  argTypeNames?: Partial<Record<keyof A & string, string>>;
  /**
   * `true`: `dispatch` returns a Promise (it awaits the EVM or onnxruntime). Only the executive's async path
   * runs such calls; a nested `ctx.dispatch` (sudo) refuses them before they start.
   */
  async?: boolean;
  dispatch: (ctx: DispatchContext, origin: Origin, args: StructValue<A>) => PostDispatch | Promise<PostDispatch>;
}
/** What a call returns: nothing, or its actual weight when it is less than the pre-dispatch weight. */
export type PostDispatch = void | { actualWeight?: Weight };
/** Declares one call; the identity function exists so TypeScript infers the argument types. */
export function call<A extends Fields>(spec: CallSpec<A>): CallSpec<A> {
  return spec;
}
// biome-ignore lint: heterogeneous call table
export type AnyCallSpec = CallSpec<any>;

export interface PalletEvents<S extends VariantSpecs> {
  readonly pallet: string;
  readonly codec: Codec<EnumValue<S>>;
}
/** `pallet_balances::pallet::Event`: variants with explicit indices and named fields. */
export function defineEvents<S extends VariantSpecs>(pallet: string, crate: string, specs: S): PalletEvents<S> {
  return { pallet, codec: enumeration(`${crate}::pallet::Event`, specs, { params: [{ name: 'T', type: null }], docs: ['The `Event` enum of this pallet'] }) };
}

export type PalletErrors<N extends string> = { readonly [K in N]: PalletError } & { readonly codec: AnyCodec; readonly pallet: string };
/** `pallet_balances::pallet::Error`: `{ InsufficientBalance: { index: 2, docs: ['Balance too low to send value.'] } }`. */
export function defineErrors<N extends string>(pallet: string, crate: string, specs: Record<N, { index: number; docs: string[] }>): PalletErrors<N> {
  const out: Record<string, unknown> = { pallet };
  const variants: VariantSpecs = {};
  for (const [name, spec] of Object.entries(specs) as [N, { index: number; docs: string[] }][]) {
    out[name] = new PalletError(pallet, spec.index, name, spec.docs);
    variants[name] = { index: spec.index, docs: spec.docs };
  }
  out.codec = enumeration(`${crate}::pallet::Error`, variants, { params: [{ name: 'T', type: null }], docs: ['The `Error` enum of this pallet.'] });
  return out as PalletErrors<N>;
}

export interface ConstantSpec {
  codec: AnyCodec;
  value: Uint8Array;
  docs: string[];
}
export function constant<T>(codec: Codec<T>, value: T, docs: string[]): ConstantSpec {
  return { codec, value: encode(codec, value), docs };
}

/** Data the block author supplies and importers check (FRAME's inherents), e.g. the timestamp. */
export interface InherentData {
  timestamp: bigint;
}

export interface Hooks {
  onInitialize?(ctx: DispatchContext): Weight | void;
  onFinalize?(ctx: DispatchContext): void;
}

export interface InherentProvider {
  /** The call the author puts in the block (unsigned, `Mandatory`). */
  create(data: InherentData, ctx: DispatchContext): { tag: string; value?: unknown } | undefined;
  /** Importers check an inherent against their own view (clock drift etc.); throw a message to reject the block. */
  check(call: { tag: string; value?: unknown }, data: InherentData, ctx: DispatchContext): void;
  isInherent(call: { tag: string }): boolean;
}

/**
 * FRAME's `ValidateUnsigned`, for self-contained calls that carry their own proof (an Ethereum transaction):
 * they come as unsigned extrinsics, and the pallet decides whether the pool and a block may take them.
 */
export interface UnsignedValidator {
  /** Pool validity against the best state (the next block is `block.number`); throws `TransactionValidityError`. */
  validate(state: StateReader, call: { tag: string; value?: unknown }, block: { number: number }): ValidTransaction;
  /** The same checks inside a block, just before dispatch (exact nonce); throws `TransactionValidityError`. */
  preDispatch(ctx: DispatchContext, call: { tag: string; value?: unknown }): void;
}

export interface GenesisSpec<C> {
  schema: z.ZodType<C>;
  build(state: OverlayState, config: C): void;
}

export interface PalletDef {
  /** Pallet name in metadata and storage prefix (`Balances`). */
  name: string;
  docs?: string[];
  storage?: StorageEntryMeta[];
  calls?: Record<string, AnyCallSpec>;
  /** Rust crate name used in type paths (`pallet_balances`). */
  crate: string;
  events?: { readonly pallet: string; readonly codec: AnyCodec };
  errors?: { readonly pallet: string; readonly codec: AnyCodec };
  constants?: Record<string, ConstantSpec>;
  hooks?: Hooks;
  inherent?: InherentProvider;
  unsigned?: UnsignedValidator;
  // biome-ignore lint: each pallet's genesis config has its own type, validated by its schema
  genesis?: GenesisSpec<any>;
}

/** The `Call` enum codec of a pallet, built from its call specs. */
export function callEnum(pallet: PalletDef): Codec<{ tag: string; value?: unknown }> | undefined {
  if (!pallet.calls || Object.keys(pallet.calls).length === 0) return undefined;
  const variants: VariantSpecs = {};
  for (const [name, spec] of Object.entries(pallet.calls)) {
    variants[name] = { index: spec.index, fields: spec.args as Fields, docs: spec.docs, fieldNames: spec.argTypeNames as Record<string, string> };
  }
  return enumeration(`${pallet.crate}::pallet::Call`, variants, {
    params: [{ name: 'T', type: null }],
    docs: ['Contains a variant per dispatchable extrinsic that this pallet has.'],
  }) as Codec<{ tag: string; value?: unknown }>;
}
