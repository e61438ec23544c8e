/** The timestamp's one call, `set`, with FRAME's index and docs. */
import { call, ensureNone } from '../../runtime/framework/pallet.ts';
import { Moment } from '../../runtime/primitives.ts';
import { compact, named } from '../../runtime/scale/codec.ts';
import { TimestampFailure } from './errors.ts';
import type { TimestampStorage } from './storage.ts';
import { TimestampWeights } from './weights.ts';

/** The call table for a `MinimumPeriod`. */
export function timestampCalls(storage: TimestampStorage, minimumPeriod: bigint) {
  return {
    set: call({
      index: 0,
      args: { now: named(compact(Moment), 'T::Moment') },
      docs: [
        ' Set the current time.',
        '',
        ' This call should be invoked exactly once per block. It will panic at the finalization',
        ' phase, if this call hasn\'t been invoked by that time.',
        '',
        ' The timestamp should be greater than the previous one by the amount specified by',
        ' [`Config::MinimumPeriod`].',
        '',
        ' The dispatch origin for this call must be _None_.',
        '',
        ' This dispatch class is _Mandatory_ to ensure it gets executed in the block. Be aware',
        ' that changing the complexity of this call could result exhausting the resources in a',
        ' block to execute any other calls.',
        '',
        ' ## Complexity',
        ' - `O(1)` (Note that implementations of `OnTimestampSet` must also be `O(1)`)',
        ' - 1 storage read and 1 storage mutation (codec `O(1)` because of `DidUpdate::take` in',
        '   `on_finalize`)',
        ' - 1 event handler `on_timestamp_set`. Must be `O(1)`.',
      ],
      weight: TimestampWeights.set,
      class: 'Mandatory',
      paysFee: false,
      dispatch: (ctx, origin, { now }) => {
        ensureNone(origin);
        if (storage.DidUpdate.exists(ctx.state)) throw new TimestampFailure('Timestamp must be updated only once in the block');
        const prev = storage.Now.get(ctx.state);
        // The first block after genesis may carry any time.
        if (prev !== 0n && now < prev + minimumPeriod) {
          throw new TimestampFailure('Timestamp must increment by at least <MinimumPeriod> between sequential blocks');
        }
        storage.Now.set(ctx.state, now);
        storage.DidUpdate.set(ctx.state, true);
      },
    }),
  };
}
