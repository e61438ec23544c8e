/** Sudo calls, with FRAME's indices, arguments and docs. */
import { BadOrigin, call, type DispatchContext, type DispatchResult, type Origin } from '../../runtime/framework/pallet.ts';
import { MultiAddress, Weight } from '../../runtime/primitives.ts';
import { named, type ResultValue } from '../../runtime/scale/codec.ts';
import type { DispatchError } from '../../runtime/primitives.ts';
import { lookupAddress, sameAccount } from '../balances/lookup.ts';
import { SudoError } from './errors.ts';
import { SudoEvent } from './events.ts';
import type { SudoStorage } from './storage.ts';
import type { SudoConfig } from './types.ts';
import { addWeights, SudoWeights } from './weights.ts';

/** `ensure_sudo`: Root, or a signature by the sudo key. */
function ensureSudo(storage: SudoStorage, ctx: DispatchContext, origin: Origin): void {
  if (origin.tag === 'Root') return;
  if (origin.tag !== 'Signed') throw BadOrigin;
  const key = storage.Key.get(ctx.state);
  if (!key || !sameAccount(key, origin.who)) throw SudoError.RequireSudo;
}

/** The dispatched call's outcome as the events carry it (`res.map(|_| ()).map_err(|e| e.error)`). */
const outcome = (r: DispatchResult): ResultValue<[], DispatchError> => (r.ok ? { ok: true, value: [] } : { ok: false, error: r.error });

/**
 * The call table. Every call is `Pays::No` on success (`paysFee: false`): as in FRAME, the fee is charged up front
 * and refunded when the call succeeds, so a failing sudo call (a signer who is not the key) still pays.
 */
export function sudoCalls(storage: SudoStorage, config: SudoConfig) {
  const boxedCall = named(config.call, 'Box<<T as Config>::RuntimeCall>');
  return {
    sudo: call({
      index: 0,
      args: { call: boxedCall },
      docs: [' Authenticates the sudo key and dispatches a function call with `Root` origin.'],
      weight: ({ call: inner }) => addWeights(SudoWeights.sudo(), config.callWeight(inner)),
      paysFee: false,
      dispatch: (ctx, origin, { call: inner }) => {
        ensureSudo(storage, ctx, origin);
        // The inner call's failure is reported, not propagated: sudo itself succeeded.
        const r = ctx.dispatch({ tag: 'Root' }, inner);
        ctx.deposit(SudoEvent, { tag: 'Sudid', value: { sudo_result: outcome(r) } });
      },
    }),
    sudo_unchecked_weight: call({
      index: 1,
      args: { call: boxedCall, weight: Weight },
      docs: [
        ' Authenticates the sudo key and dispatches a function call with `Root` origin.',
        ' This function does not check the weight of the call, and instead allows the',
        ' Sudo user to specify the weight of the call.',
        '',
        ' The dispatch origin for this call must be _Signed_.',
      ],
      weight: ({ weight }) => weight,
      paysFee: false,
      dispatch: (ctx, origin, { call: inner }) => {
        ensureSudo(storage, ctx, origin);
        const r = ctx.dispatch({ tag: 'Root' }, inner);
        ctx.deposit(SudoEvent, { tag: 'Sudid', value: { sudo_result: outcome(r) } });
      },
    }),
    set_key: call({
      index: 2,
      args: { new: MultiAddress },
      docs: [
        ' Authenticates the current sudo key and sets the given AccountId (`new`) as the new sudo',
        ' key.',
      ],
      weight: SudoWeights.setKey,
      paysFee: false,
      dispatch: (ctx, origin, args) => {
        ensureSudo(storage, ctx, origin);
        const next = lookupAddress(args.new);
        ctx.deposit(SudoEvent, { tag: 'KeyChanged', value: { old: storage.Key.get(ctx.state), new: next } });
        storage.Key.set(ctx.state, next);
      },
    }),
    sudo_as: call({
      index: 3,
      args: { who: MultiAddress, call: boxedCall },
      docs: [
        ' Authenticates the sudo key and dispatches a function call with `Signed` origin from',
        ' a given account.',
        '',
        ' The dispatch origin for this call must be _Signed_.',
      ],
      weight: ({ call: inner }) => addWeights(SudoWeights.sudoAs(), config.callWeight(inner)),
      paysFee: false,
      dispatch: (ctx, origin, { who, call: inner }) => {
        ensureSudo(storage, ctx, origin);
        const r = ctx.dispatch({ tag: 'Signed', who: lookupAddress(who) }, inner);
        ctx.deposit(SudoEvent, { tag: 'SudoAsDone', value: { sudo_result: outcome(r) } });
      },
    }),
    remove_key: call({
      index: 4,
      args: {},
      docs: [' Permanently removes the sudo key.', '', ' **This cannot be un-done.**'],
      weight: SudoWeights.removeKey,
      paysFee: false,
      dispatch: (ctx, origin) => {
        ensureSudo(storage, ctx, origin);
        ctx.deposit(SudoEvent, { tag: 'KeyRemoved' });
        storage.Key.kill(ctx.state);
      },
    }),
  };
}
