/**
 * The dispatcher's contract for `async` calls (the EVM awaits inside a call): the transactional layer stays open
 * across the await, a rejected call rolls back every write and event, and a synchronous caller refuses an async
 * call before it starts.
 */
import { describe, expect, it } from 'vitest';
import { u32 } from '../scale/codec.ts';
import { call, defineErrors, defineEvents, type PalletDef } from './pallet.ts';
import { composeRuntime } from './runtime.ts';
import { defineStorage, storage, storageEntries } from './storage.ts';
import { newTestExt, none } from './testing.ts';
import { weight } from '../primitives.ts';

const store = defineStorage('Toy', { Value: storage.value({ value: u32, default: 0, docs: [] }) });
const events = defineEvents('Toy', 'pallet_toy', { Set: { index: 0, fields: u32 } });
const errors = defineErrors('Toy', 'pallet_toy', { Refused: { index: 0, docs: [' Refused after writing.'] } });
const tick = () => new Promise((r) => setTimeout(r, 1));

const toy: PalletDef = {
  name: 'Toy',
  crate: 'pallet_toy',
  storage: storageEntries(store),
  events,
  errors,
  calls: {
    set_later: call({
      index: 0,
      args: { value: u32, fail: u32 },
      docs: [],
      weight: () => weight(1n),
      async: true,
      dispatch: async (ctx, _origin, { value, fail }) => {
        store.Value.set(ctx.state, value);
        ctx.deposit(events, { tag: 'Set', value });
        await tick();
        if (fail) throw errors.Refused;
        return { actualWeight: weight(0n) };
      },
    }),
    sudo_like: call({
      index: 1,
      args: { value: u32 },
      docs: [],
      weight: () => weight(1n),
      dispatch: (ctx, _origin, { value }) => {
        const r = ctx.dispatch({ tag: 'Root' }, { tag: 'Toy', value: { tag: 'set_later', value: { value, fail: 0 } } });
        if (!r.ok) throw errors.Refused;
      },
    }),
  },
};

describe('async dispatch', () => {
  const runtime = composeRuntime('toy_runtime', [{ index: 0, pallet: toy }]);

  it('keeps the call\'s layer open across its awaits and commits it on success', async () => {
    const ext = newTestExt(runtime);
    const r = await ext.callAsync(none, 'Toy', 'set_later', { value: 7, fail: 0 });
    expect(r).toEqual({ ok: true, actualWeight: weight(0n) });
    expect(store.Value.get(ext.state)).toBe(7);
    expect(ext.events()).toEqual([{ pallet: 'Toy', name: 'Set', value: 7 }]);
    expect(ext.state.depth).toBe(1);
  });

  it('rolls back writes and events made before the await when the call fails after it', async () => {
    const ext = newTestExt(runtime);
    const before = ext.snapshot();
    const r = await ext.callAsync(none, 'Toy', 'set_later', { value: 9, fail: 1 });
    expect(r).toEqual({ ok: false, error: runtime.toDispatchError(errors.Refused) });
    expect(ext.snapshot()).toEqual(before);
    expect(ext.events()).toEqual([]);
    expect(ext.state.depth).toBe(1);
  });

  it('a synchronous dispatch (sudo, utility) refuses an async call before it writes anything', async () => {
    const ext = newTestExt(runtime);
    expect(ext.call(none, 'Toy', 'set_later', { value: 3, fail: 0 })).toEqual({ ok: false, error: { tag: 'Other' } });
    ext.assertNoop(none, 'Toy', 'sudo_like', { value: 3 }, errors.Refused);
    await tick();
    expect(store.Value.get(ext.state)).toBe(0);
  });
});
