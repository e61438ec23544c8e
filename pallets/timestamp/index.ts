/**
 * pallet_timestamp: the block's time (`Now`, milliseconds since the Unix epoch), set once per block by the
 * author's `set` inherent and checked by importers. Block production reads it; Apps shows block times from it.
 */
import { constant, type PalletDef } from '../../runtime/framework/pallet.ts';
import { storageEntries } from '../../runtime/framework/storage.ts';
import { Moment } from '../../runtime/primitives.ts';
import { timestampCalls } from './calls.ts';
import { timestampInherent } from './inherent.ts';
import { timestampStorage } from './storage.ts';
import { TimestampWeights } from './weights.ts';

/** The pallet's Config. */
export interface TimestampConfig {
  /** The minimum period between blocks, in milliseconds (FRAME's `MinimumPeriod`). */
  minimumPeriod: bigint;
}

/** Builds the Timestamp pallet. */
export function timestampPallet(config: TimestampConfig) {
  const { minimumPeriod } = config;
  const pallet: PalletDef = {
    name: 'Timestamp',
    crate: 'pallet_timestamp',
    docs: [' The time of the current block, set once per block by an inherent.'],
    storage: storageEntries(timestampStorage),
    calls: timestampCalls(timestampStorage, minimumPeriod),
    constants: {
      MinimumPeriod: constant(Moment, minimumPeriod, [
        ' The minimum period between blocks.',
        '',
        ' Be aware that this is different to the *expected* period that the block production',
        ' apparatus provides. Your chosen consensus system will generally work with this to',
        ' determine a sensible block time. For example, in the Aura pallet it will be double this',
        ' period on default settings.',
      ]),
    },
    hooks: {
      // The weight of `on_finalize`, accounted up front as FRAME does.
      onInitialize: () => TimestampWeights.onFinalize(),
      onFinalize: (ctx) => {
        // FRAME panics here: a block without exactly one timestamp is invalid, so the executive must reject it.
        if (!timestampStorage.DidUpdate.get(ctx.state)) throw new Error('Timestamp must be updated once in the block');
        // `DidUpdate::take()`: the key is removed, not set to false.
        timestampStorage.DidUpdate.kill(ctx.state);
      },
    },
    inherent: timestampInherent(timestampStorage, minimumPeriod),
  };
  return { pallet, storage: timestampStorage };
}
/** What `timestampPallet` returns: `{ pallet, storage }`. */
export type TimestampPallet = ReturnType<typeof timestampPallet>;
export { MAX_TIMESTAMP_DRIFT_MILLIS } from './inherent.ts';
export { TimestampFailure, TimestampInherentError, type TimestampInherentErrorCode } from './errors.ts';
