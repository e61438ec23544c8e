/**
 * A mock runtime for pallet tests, as FRAME's `new_test_ext()`: an empty in-memory state, a block context, and
 * `assertOk` / `assertNoop` (a failed call must leave storage and events byte-identical).
 */
import { expect } from 'vitest';
import { decode, encode } from '../scale/codec.ts';
import { MemoryState, OverlayState } from '../state/overlay.ts';
import { BlockContext } from './context.ts';
import { DispatchFailure, type DispatchResult, type Origin, PalletError, type RuntimeCall } from './pallet.ts';
import type { ComposedRuntime } from './runtime.ts';

export interface TestExt {
  readonly state: OverlayState;
  readonly ctx: BlockContext;
  call(origin: Origin, pallet: string, name: string, args?: Record<string, unknown>): DispatchResult;
  /** `call` for `async` calls (the EVM's) as well as synchronous ones. */
  callAsync(origin: Origin, pallet: string, name: string, args?: Record<string, unknown>): Promise<DispatchResult>;
  assertOk(origin: Origin, pallet: string, name: string, args?: Record<string, unknown>): void;
  assertNoop(origin: Origin, pallet: string, name: string, args: Record<string, unknown>, expected: PalletError | DispatchFailure): void;
  /** Events so far, as `{ pallet, name, value }`. */
  events(): { pallet: string; name: string; value: unknown }[];
  /** Every storage key and value, hex, for byte-identity checks. */
  snapshot(): Map<string, string>;
  /** Moves to a new block: events are cleared, the number and author change. */
  nextBlock(author?: Uint8Array): void;
}

export function signed(who: Uint8Array): Origin {
  return { tag: 'Signed', who };
}
export const root: Origin = { tag: 'Root' };
export const none: Origin = { tag: 'None' };

/** `build` writes the genesis state (usually each pallet's `genesis.build`). */
export function newTestExt(runtime: ComposedRuntime, build?: (ctx: BlockContext) => void): TestExt {
  const state = new OverlayState(new MemoryState());
  let ctx = new BlockContext(runtime, state, { number: 1, parentHash: new Uint8Array(32), author: undefined });
  build?.(ctx);
  ctx.truncateEvents(0);
  ctx.phase = { tag: 'ApplyExtrinsic', value: 0 };

  const toCall = (pallet: string, name: string, args?: Record<string, unknown>): RuntimeCall => ({ tag: pallet, value: { tag: name, value: args ?? {} } });

  const snapshot = (): Map<string, string> => {
    const out = new Map<string, string>();
    for (const [k, v] of state.changes()) if (v !== null) out.set(Buffer.from(k, 'latin1').toString('hex'), Buffer.from(v).toString('hex'));
    return out;
  };

  const ext: TestExt = {
    get state() {
      return state;
    },
    get ctx() {
      return ctx;
    },
    call: (origin, pallet, name, args) => {
      // Round-trip through SCALE so tests see the same decoded shapes the executive produces.
      const c = decode(runtime.call, encode(runtime.call, toCall(pallet, name, args)));
      return runtime.dispatch(ctx, origin, c);
    },
    callAsync: (origin, pallet, name, args) => runtime.dispatchAsync(ctx, origin, decode(runtime.call, encode(runtime.call, toCall(pallet, name, args)))),
    assertOk: (origin, pallet, name, args) => {
      const r = ext.call(origin, pallet, name, args);
      expect(r, `${pallet}.${name} failed: ${JSON.stringify(r.ok ? null : r.error)}`).toMatchObject({ ok: true });
    },
    assertNoop: (origin, pallet, name, args, expected) => {
      const before = snapshot();
      const eventsBefore = ctx.events.length;
      const r = ext.call(origin, pallet, name, args);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toEqual(runtime.toDispatchError(expected));
      expect(snapshot()).toEqual(before);
      expect(ctx.events.length).toBe(eventsBefore);
    },
    events: () =>
      ctx.events.map((e) => {
        const inner = e.event.value as { tag: string; value?: unknown };
        return { pallet: e.event.tag, name: inner.tag, value: inner.value };
      }),
    snapshot,
    nextBlock: (author) => {
      ctx = new BlockContext(runtime, state, { number: ctx.block.number + 1, parentHash: new Uint8Array(32), author });
      ctx.phase = { tag: 'ApplyExtrinsic', value: 0 };
    },
  };
  return ext;
}
