/** Jobs storage: jobs and their indexes, candidate lists, worker load and the deadline schedule. */
import { hashKey } from '../../runtime/framework/hashers.ts';
import { defineStorage, storage } from '../../runtime/framework/storage.ts';
import { type AccountId, AccountId32, BlockNumber } from '../../runtime/primitives.ts';
import { type Codec, decode, encode, u32, u64, unit } from '../../runtime/scale/codec.ts';
import { keyBytes, keyString, type StateReader } from '../../runtime/state/overlay.ts';
import { JobId, JobInfo } from './types.ts';

/** The pallet's storage items. Accounts (attacker-chosen) are Blake2_128Concat keys; sequential ids Twox64Concat. */
export const jobsStorage = defineStorage('Jobs', {
  NextJobId: storage.value({ value: JobId, default: 0n, docs: [' The id the next posted job gets.'] }),
  Jobs: storage.map('Twox64Concat', JobId, { value: JobInfo, docs: [' Every job ever posted, by id; terminal jobs stay as history.'] }),
  JobsByOwner: storage.doubleMap(['Blake2_128Concat', AccountId32], ['Twox64Concat', JobId], {
    value: unit,
    docs: [' Index of jobs by owner: `(owner, job)` exists for each job the owner posted.'],
  }),
  Candidates: storage.doubleMap(['Twox64Concat', JobId], ['Blake2_128Concat', AccountId32], {
    value: unit,
    docs: [' Workers that applied to an Open job for the scheduler (`assign`) to consider; cleared once it leaves Open.'],
  }),
  CandidateCount: storage.map('Twox64Concat', JobId, { value: u32, default: 0, docs: [' How many candidates a job has (at most `MaxCandidates`).'] }),
  WorkerLoad: storage.map('Blake2_128Concat', AccountId32, {
    value: u32,
    default: 0,
    docs: [' How many unfinished jobs a worker is on (the scheduler\'s load factor).'],
  }),
  Deadlines: storage.doubleMap(['Twox64Concat', BlockNumber], ['Twox64Concat', JobId], {
    value: unit,
    docs: [
      ' The schedule `on_initialize` reads: `(block, job)` means the job\'s timeouts are checked at `block`.',
      ' Only the current block\'s bucket is read, so the hook never depends on how many jobs exist.',
    ],
  }),
  DeadlineCount: storage.map('Twox64Concat', BlockNumber, {
    value: u32,
    default: 0,
    docs: [' Entries in one block\'s bucket of `Deadlines` (at most `MaxDeadlinesPerBlock`).'],
  }),
});
/** The bound storage items of Jobs. */
export type JobsStorage = typeof jobsStorage;

/**
 * The second keys of a double map under one first key. The framework's maps have no `iter_prefix(k1)`, so the
 * prefix is built from the same hashers: `prefix ++ hasher1(k1)`, then per key `hash2 ++ encode(k2)`.
 */
function secondKeys<K1, K2>(state: StateReader, item: Uint8Array, first: Codec<K1>, k1: K1, hashLen: number, second: Codec<K2>): K2[] {
  const h1 = hashKey('Twox64Concat', encode(first, k1));
  const prefix = new Uint8Array(item.length + h1.length);
  prefix.set(item);
  prefix.set(h1, item.length);
  const skip = prefix.length + hashLen;
  return state.keysWithPrefix(keyString(prefix)).map((k) => decode(second, keyBytes(k).subarray(skip)));
}

/** The candidates of a job, in key order. */
export function candidatesOf(state: StateReader, jobId: bigint): AccountId[] {
  return secondKeys(state, jobsStorage.Candidates.prefixKey, JobId, jobId, 16, AccountId32);
}

/** The jobs whose timeouts are checked at `block`, in key order. */
export function deadlinesAt(state: StateReader, block: number): bigint[] {
  return secondKeys(state, jobsStorage.Deadlines.prefixKey, BlockNumber, block, 8, u64);
}
