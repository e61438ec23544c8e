/** Workers storage: the registry, a count, and the heartbeat-deadline schedule that `on_initialize` consumes. */
import { hashKey } from '../../runtime/framework/hashers.ts';
import { defineStorage, storage } from '../../runtime/framework/storage.ts';
import { AccountId32, type AccountId, BlockNumber } from '../../runtime/primitives.ts';
import { encode, u32, unit } from '../../runtime/scale/codec.ts';
import { keyBytes, keyString, type StateReader } from '../../runtime/state/overlay.ts';
import { WorkerInfo } from './types.ts';

/** The pallet's storage items. */
export const workersStorage = defineStorage('Workers', {
  Workers: storage.map('Blake2_128Concat', AccountId32, {
    value: WorkerInfo,
    docs: [' Registered workers by account: spec, liveness, reputation and status.'],
  }),
  WorkerCount: storage.value({ value: u32, default: 0, docs: [' How many workers are registered (any status).'] }),
  HeartbeatDue: storage.doubleMap(['Twox64Concat', BlockNumber], ['Blake2_128Concat', AccountId32], {
    value: unit,
    docs: [
      ' Heartbeat deadlines: `(block, worker)` means the worker is marked Offline at the start of `block`',
      ' unless it heartbeats first. Each Active worker has exactly one entry; `on_initialize` reads only',
      ' the current block\'s entries, so its cost never depends on how many workers exist.',
    ],
  }),
});
/** The bound storage items of Workers. */
export type WorkersStorage = typeof workersStorage;

// A Blake2_128Concat key part is 16 hash bytes followed by the SCALE-encoded (32-byte) account.
const BLAKE2_128 = 16;

/**
 * The workers whose heartbeat deadline is `block`, in key order. Reads one bucket of `HeartbeatDue` by prefix:
 * the framework's maps have no `iter_prefix(k1)`, so the prefix is built here from the same hashers.
 */
export function heartbeatsDueAt(state: StateReader, block: number): AccountId[] {
  const item = workersStorage.HeartbeatDue.prefixKey;
  const first = hashKey('Twox64Concat', encode(BlockNumber, block));
  const prefix = new Uint8Array(item.length + first.length);
  prefix.set(item);
  prefix.set(first, item.length);
  const skip = prefix.length + BLAKE2_128;
  return state.keysWithPrefix(keyString(prefix)).map((k) => keyBytes(k).slice(skip, skip + 32));
}
