/** Sudo events (FRAME's indices, fields and docs). */
import { defineEvents } from '../../runtime/framework/pallet.ts';
import { AccountId32, DispatchError } from '../../runtime/primitives.ts';
import { type Codec, named, option, result, type ResultValue, unit } from '../../runtime/scale/codec.ts';

/** `DispatchResult = Result<(), DispatchError>`, as `Sudid` and `SudoAsDone` report the dispatched call. */
export const SudoResult: Codec<ResultValue<[], DispatchError>> = named(result(unit, DispatchError), 'DispatchResult');

/** `pallet_sudo::pallet::Event`. */
export const SudoEvent = defineEvents('Sudo', 'pallet_sudo', {
  Sudid: { index: 0, fields: { sudo_result: SudoResult }, docs: [' A sudo call just took place.'] },
  KeyChanged: {
    index: 1,
    fields: { old: option(AccountId32), new: AccountId32 },
    docs: [' The sudo key has been updated.'],
  },
  KeyRemoved: { index: 2, docs: [' The key was permanently removed.'] },
  SudoAsDone: { index: 3, fields: { sudo_result: SudoResult }, docs: [' A [sudo_as](Pallet::sudo_as) call just took place.'] },
});
