/**
 * How the timestamp fails. FRAME has no `Error` enum here: a bad `set` panics, which makes the block invalid. In
 * this runtime `set` throws a `TimestampFailure` — `DispatchError::Other` with FRAME's panic message — and the
 * executive rejects a block whose Mandatory inherent fails. Importers reject a bad inherent earlier, with a
 * `TimestampInherentError` from `check`.
 */
import { DispatchFailure } from '../../runtime/framework/pallet.ts';

/** A failed `Timestamp.set`: `DispatchError::Other`, carrying FRAME's panic message for logs. */
export class TimestampFailure extends DispatchFailure {
  constructor(readonly reason: string) {
    super({ tag: 'Other' });
    this.message = reason;
    this.name = 'TimestampFailure';
  }
}

/** Why an importer rejects a block's timestamp inherent (`sp_timestamp::InherentError`). */
export type TimestampInherentErrorCode = 'TooEarly' | 'TooFarInFuture';

/** `check` rejects a block's timestamp; the message is the one Substrate prints. */
export class TimestampInherentError extends Error {
  constructor(readonly code: TimestampInherentErrorCode) {
    super(
      code === 'TooEarly'
        ? 'The time since the last timestamp is lower than the minimum period.'
        : 'The timestamp of the block is too far in the future.',
    );
    this.name = 'TimestampInherentError';
  }
}
