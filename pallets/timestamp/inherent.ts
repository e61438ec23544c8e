/** The timestamp inherent: the author puts its clock in the block; importers check it against theirs. */
import type { DispatchContext, InherentData, InherentProvider } from '../../runtime/framework/pallet.ts';
import { TimestampInherentError } from './errors.ts';
import type { TimestampStorage } from './storage.ts';

/** How far ahead of an importer's own clock a block's timestamp may be (Substrate's value). */
export const MAX_TIMESTAMP_DRIFT_MILLIS = 30_000n;

/** The `set` call's arguments as a decoded call carries them. */
function nowOf(call: { tag: string; value?: unknown }): bigint | undefined {
  if (call.tag !== 'set') return undefined;
  const now = (call.value as { now?: unknown } | undefined)?.now;
  return typeof now === 'bigint' ? now : undefined;
}

/** FRAME's `ProvideInherent for pallet_timestamp::Pallet`. */
export function timestampInherent(storage: TimestampStorage, minimumPeriod: bigint): InherentProvider {
  return {
    create(data: InherentData, ctx: DispatchContext) {
      // Never propose a time the chain would refuse: at least the previous one plus the minimum period.
      const floor = storage.Now.get(ctx.state) + minimumPeriod;
      return { tag: 'set', value: { now: data.timestamp > floor ? data.timestamp : floor } };
    },
    check(call, data, ctx) {
      const t = nowOf(call);
      if (t === undefined) return;
      if (t > data.timestamp + MAX_TIMESTAMP_DRIFT_MILLIS) throw new TimestampInherentError('TooFarInFuture');
      if (t < storage.Now.get(ctx.state) + minimumPeriod) throw new TimestampInherentError('TooEarly');
    },
    isInherent: (call) => call.tag === 'set',
  };
}
