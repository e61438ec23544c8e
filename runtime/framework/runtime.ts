/**
 * `construct_runtime!`: pallets at fixed indices, assembled into the outer `RuntimeCall`, `RuntimeEvent` and
 * `RuntimeError` enums, and a dispatcher that routes a decoded call to its pallet with a transactional layer.
 */
import { type DispatchError, type Weight, weight } from '../primitives.ts';
import { type AnyCodec, type Codec, encode } from '../scale/codec.ts';
import { enumeration, type VariantSpecs } from '../scale/composite.ts';
import {
  type AnyCallSpec,
  callEnum,
  type DispatchContext,
  type DispatchResult,
  DispatchFailure,
  type Origin,
  PalletError,
  type PostDispatch,
  type PalletDef,
  type RuntimeCall,
} from './pallet.ts';

export interface PalletEntry {
  index: number;
  pallet: PalletDef;
}

export interface ComposedRuntime {
  /** Rust crate name of the runtime (`trainchain_runtime`); @polkadot/api keys its aliases on `*_runtime`. */
  readonly crate: string;
  readonly pallets: readonly PalletEntry[];
  readonly call: Codec<RuntimeCall>;
  readonly event: AnyCodec;
  readonly error: AnyCodec;
  palletIndex(name: string): number;
  /** Pallet and call spec of a decoded call. */
  lookupCall(call: RuntimeCall): { entry: PalletEntry; spec: AnyCallSpec };
  encodeCall(call: RuntimeCall): Uint8Array;
  /** Pre-dispatch weight of a call. */
  callWeight(call: RuntimeCall): Weight;
  /** Runs a call in a transactional layer; a failure rolls every write of the call back. */
  dispatch(ctx: DispatchContext, origin: Origin, call: RuntimeCall): DispatchResult;
  /** The same for any call, `async` ones included (the executive's path). */
  dispatchAsync(ctx: DispatchContext, origin: Origin, call: RuntimeCall): Promise<DispatchResult>;
  /** Maps anything a call throws to the DispatchError clients decode. */
  toDispatchError(e: unknown): DispatchError;
}

export function composeRuntime(crate: string, pallets: PalletEntry[]): ComposedRuntime {
  const sorted = [...pallets].sort((a, b) => a.index - b.index);
  const byName = new Map(sorted.map((p) => [p.pallet.name, p]));
  if (byName.size !== sorted.length) throw new Error('duplicate pallet name');
  const palletCalls = new Map<string, Codec<{ tag: string; value?: unknown }>>();

  const callVariants: VariantSpecs = {};
  const eventVariants: VariantSpecs = {};
  const errorVariants: VariantSpecs = {};
  for (const { index, pallet } of sorted) {
    const calls = callEnum(pallet);
    const typeName = (kind: string) => `self::sp_api_hidden_includes_construct_runtime::hidden_include::dispatch::${kind}<${pallet.name}, Runtime>`;
    if (calls) {
      palletCalls.set(pallet.name, calls);
      callVariants[pallet.name] = { index, fields: calls, fieldNames: { '': typeName('CallableCallFor') } };
    }
    if (pallet.events) eventVariants[pallet.name] = { index, fields: pallet.events.codec, fieldNames: { '': `${pallet.crate}::Event<Runtime>` } };
    if (pallet.errors) errorVariants[pallet.name] = { index, fields: pallet.errors.codec, fieldNames: { '': `${pallet.crate}::Error<Runtime>` } };
  }
  const call = enumeration(`${crate}::RuntimeCall`, callVariants) as unknown as Codec<RuntimeCall>;
  const event = enumeration(`${crate}::RuntimeEvent`, eventVariants);
  const error = enumeration(`${crate}::RuntimeError`, errorVariants);

  const palletIndex = (name: string): number => {
    const p = byName.get(name);
    if (!p) throw new Error(`no pallet ${name} in this runtime`);
    return p.index;
  };

  const lookupCall = (c: RuntimeCall) => {
    const entry = byName.get(c.tag);
    const spec = entry?.pallet.calls?.[c.value.tag];
    if (!entry || !spec) throw new Error(`unknown call ${c.tag}.${c.value.tag}`);
    return { entry, spec };
  };

  const toDispatchError = (e: unknown): DispatchError => {
    if (e instanceof PalletError) {
      const error = new Uint8Array(4);
      error[0] = e.index;
      return { tag: 'Module', value: { index: palletIndex(e.pallet), error } };
    }
    if (e instanceof DispatchFailure) return e.error;
    if (e instanceof RangeError) return { tag: 'Arithmetic', value: { tag: 'Overflow' } };
    // A bug in a pallet must not halt the chain: the call fails, its writes are rolled back.
    return { tag: 'Other' };
  };

  const failed = (ctx: DispatchContext, events: number, e: unknown): DispatchResult => {
    ctx.state.rollback();
    ctx.truncateEvents(events);
    return { ok: false, error: toDispatchError(e) };
  };
  const succeeded = (ctx: DispatchContext, post: PostDispatch): DispatchResult => {
    ctx.state.commit();
    return { ok: true, actualWeight: post ? post.actualWeight : undefined };
  };

  const dispatch = (ctx: DispatchContext, origin: Origin, c: RuntimeCall): DispatchResult => {
    const { spec } = lookupCall(c);
    // An async call cannot finish inside a synchronous caller (sudo): refuse it before it writes anything.
    if (spec.async) return { ok: false, error: { tag: 'Other' } };
    if (!ctx.state.begin()) return { ok: false, error: { tag: 'Transactional', value: { tag: 'LimitReached' } } };
    const events = ctx.eventCount();
    try {
      return succeeded(ctx, spec.dispatch(ctx, origin, c.value.value as never) as PostDispatch);
    } catch (e) {
      return failed(ctx, events, e);
    }
  };

  const dispatchAsync = async (ctx: DispatchContext, origin: Origin, c: RuntimeCall): Promise<DispatchResult> => {
    const { spec } = lookupCall(c);
    if (!spec.async) return dispatch(ctx, origin, c);
    if (!ctx.state.begin()) return { ok: false, error: { tag: 'Transactional', value: { tag: 'LimitReached' } } };
    const events = ctx.eventCount();
    try {
      return succeeded(ctx, await spec.dispatch(ctx, origin, c.value.value as never));
    } catch (e) {
      return failed(ctx, events, e);
    }
  };

  return {
    crate,
    pallets: sorted,
    call,
    event,
    error,
    palletIndex,
    lookupCall,
    encodeCall: (c) => encode(call, c),
    callWeight: (c) => {
      try {
        return lookupCall(c).spec.weight(c.value.value as never);
      } catch {
        return weight(0n);
      }
    },
    dispatch,
    dispatchAsync,
    toDispatchError,
  };
}
