/** The dataset registry as other pallets (Models, Jobs, evaluation) see it: reads only. */
import { hashKey } from '../../runtime/framework/hashers.ts';
import { type AccountId, AccountId32, type Hash } from '../../runtime/primitives.ts';
import { encode } from '../../runtime/scale/codec.ts';
import { keyBytes, keyString, type StateReader } from '../../runtime/state/overlay.ts';
import { datasetsStorage as S } from './storage.ts';
import type { DatasetInfo } from './types.ts';

/** What other pallets use; ids are `u64` bigints. */
export interface DatasetRegistry {
  /** The dataset's record, or undefined for an unknown id. */
  get(state: StateReader, id: bigint): DatasetInfo | undefined;
  /** Whether a dataset with this id was ever registered (retired ones included, for lineage). */
  exists(state: StateReader, id: bigint): boolean;
  /** Registered and not retired: may be named by a new training job. */
  isUsable(state: StateReader, id: bigint): boolean;
  /** The current owner, or undefined for an unknown id. */
  owner(state: StateReader, id: bigint): AccountId | undefined;
  /** The held-out test split's commitment, or undefined (unknown id or none committed). */
  testCommitment(state: StateReader, id: bigint): Hash | undefined;
  /** The id registered under a binary CID, or undefined. */
  byCid(state: StateReader, cid: Uint8Array): bigint | undefined;
  /** The ids `owner` owns, ascending. Scans one prefix of `DatasetsByOwner`: for RPC and tests, not calls. */
  ownedBy(state: StateReader, owner: AccountId): bigint[];
}

// `DatasetsByOwner` keys: prefix ++ blake2_128(owner) ++ owner ++ twox64(id) ++ id (u64 little-endian).
const TWOX64 = 8;

/** Builds the registry over the pallet's storage. */
export function createDatasetRegistry(): DatasetRegistry {
  return {
    get: (state, id) => S.Datasets.get(state, id),
    exists: (state, id) => S.Datasets.contains(state, id),
    isUsable: (state, id) => {
      const info = S.Datasets.get(state, id);
      return info !== undefined && info.retired_at === undefined;
    },
    owner: (state, id) => S.Datasets.get(state, id)?.owner,
    testCommitment: (state, id) => S.Datasets.get(state, id)?.test_commitment,
    byCid: (state, cid) => S.DatasetByCid.get(state, cid),
    ownedBy(state, owner) {
      const item = S.DatasetsByOwner.prefixKey;
      const first = hashKey('Blake2_128Concat', encode(AccountId32, owner));
      const prefix = new Uint8Array([...item, ...first]);
      const ids = state.keysWithPrefix(keyString(prefix)).map((k) => Buffer.from(keyBytes(k).subarray(prefix.length + TWOX64)).readBigUInt64LE(0));
      // Key order is hash order; callers expect registration order.
      return ids.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    },
  };
}
