/**
 * `state_*`: storage reads, key paging, runtime calls, metadata, the runtime version and storage
 * subscriptions. Errors follow Substrate's state RPCs: 4001 bad block range, 4002 count above the
 * maximum, 4003 `Client error: …` (unknown block, failed runtime call).
 */
import { hexToU8a, u8aEq, u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import type { ChainApi, StateView } from '../../node/chain-api.ts';
import type { RuntimeVersionValue } from '../../pallets/system/types.ts';
import { RpcError } from '../errors.ts';
import { blockHash, hex, invalid, isAbsent, optionalBlockHash, optionalHex, storageKey, storageKeys, string, u32, MAX_KEY_BYTES } from './params.ts';
import {
  assertKnownBlock,
  call,
  clientError,
  compareBytes,
  ErrorCode,
  errorMessage,
  hexOrNull,
  startsWith,
  stateOrThrow,
  subscription,
} from './shared.ts';

/** `state_getKeysPaged`'s maximum `count` (Substrate's `STORAGE_KEYS_PAGED_MAX_COUNT`). */
const MAX_KEYS_PAGED = 1000;
/** Most keys `state_getKeys` returns (and `state_getStorageSize` sums over) before it gives up. */
const MAX_KEYS_UNPAGED = 10_000;
/** Most keys one `state_queryStorage(At)` or `state_subscribeStorage` call may name. */
const MAX_QUERY_KEYS = 4096;
/** Longest block range `state_queryStorage` walks. */
const MAX_QUERY_RANGE = 10_000;
/** Longest runtime API name (`TransactionPaymentApi_query_fee_details` is 39 chars). */
const MAX_METHOD_NAME = 256;

/** One entry of `state_queryStorage(At)` and of `state_storage` notifications (Substrate's `StorageChangeSet`). */
interface StorageChangeSet {
  block: string;
  changes: [key: string, value: string | null][];
}

/** `sp_version::RuntimeVersion` as Substrate serializes it (camelCase, `apis` as `[id hex, version]`). */
interface RuntimeVersionJson {
  specName: string;
  implName: string;
  authoringVersion: number;
  specVersion: number;
  implVersion: number;
  apis: [string, number][];
  transactionVersion: number;
  systemVersion: number;
  stateVersion: number;
}

function runtimeVersionJson(v: RuntimeVersionValue): RuntimeVersionJson {
  return {
    specName: v.spec_name,
    implName: v.impl_name,
    authoringVersion: v.authoring_version,
    specVersion: v.spec_version,
    implVersion: v.impl_version,
    apis: v.apis.map(([id, version]): [string, number] => [u8aToHex(id), version]),
    transactionVersion: v.transaction_version,
    // Substrate renamed `stateVersion` to `systemVersion` (keeping the old name as a serde alias);
    // @polkadot/api's RuntimeVersion type still reads `stateVersion`, so send both.
    systemVersion: v.system_version,
    stateVersion: v.system_version,
  };
}

/** Reads `keys` at `view` and returns the ones whose value differs from `last` (all on first sight), updating `last`. */
async function changedValues(view: StateView, keys: readonly Uint8Array[], last: Map<string, string | null>): Promise<StorageChangeSet | undefined> {
  const values = await Promise.all(keys.map((k) => view.get(k)));
  const changes: StorageChangeSet['changes'] = [];
  keys.forEach((k, i) => {
    const key = u8aToHex(k);
    const value = hexOrNull(values[i]);
    if (last.has(key) && last.get(key) === value) return;
    last.set(key, value);
    changes.push([key, value]);
  });
  // As in Substrate, a block where none of the keys changed gives no entry at all.
  return changes.length ? { block: u8aToHex(view.blockHash), changes } : undefined;
}

/** The sorted keys under `prefix`, or undefined when there are more than `max`. */
async function keysUnder(view: StateView, prefix: Uint8Array, max: number): Promise<Uint8Array[] | undefined> {
  const out: Uint8Array[] = [];
  let start: Uint8Array | undefined;
  for (;;) {
    const page = await pagedKeys(view, prefix, MAX_KEYS_PAGED, start);
    out.push(...page);
    if (out.length > max) return undefined;
    if (page.length < MAX_KEYS_PAGED) return out;
    start = page[page.length - 1];
  }
}

/**
 * One page of keys. The node promises sorted keys under `prefix` strictly after `startKey`; this is
 * re-checked here because `.entries()` in @polkadot/api loops forever if a page repeats its start key.
 */
async function pagedKeys(view: StateView, prefix: Uint8Array, count: number, startKey: Uint8Array | undefined): Promise<Uint8Array[]> {
  if (count === 0) return [];
  const keys = await view.keysPaged(prefix, count, startKey);
  return keys
    .filter((k) => startsWith(k, prefix) && (startKey === undefined || compareBytes(k, startKey) > 0))
    .sort(compareBytes)
    .slice(0, count);
}

/** The chain of block hashes from `from` to `to` (best when omitted), inclusive, oldest first. */
async function blockRange(chain: ChainApi, fromHash: Uint8Array, toHash: Uint8Array | undefined): Promise<Uint8Array[]> {
  const to = toHash ? await chain.blockByHash(toHash) : chain.best();
  const rangeError = (details: string) =>
    new RpcError(
      ErrorCode.INVALID_BLOCK_RANGE,
      `Cannot resolve a block range ['${u8aToHex(fromHash)}' ... '${to ? u8aToHex(to.hash) : toHash ? u8aToHex(toHash) : 'best'}']. ${details}`,
    );
  const from = await chain.blockByHash(fromHash);
  if (!from) throw rangeError(`UnknownBlock: Header was not found in the database: ${u8aToHex(fromHash)}`);
  if (!to) throw rangeError(`UnknownBlock: Header was not found in the database: ${toHash ? u8aToHex(toHash) : 'best'}`);
  if (from.number > to.number) throw rangeError('from number > to number');
  if (to.number - from.number >= MAX_QUERY_RANGE) throw rangeError(`the range spans more than ${MAX_QUERY_RANGE} blocks`);
  // Walk back through parent hashes so that a `to` on another fork than `from` is detected.
  const hashes = [to.hash];
  let last = to;
  while (last.number > from.number) {
    const parent = await chain.blockByHash(hexToU8a(last.headerJson.parentHash));
    if (!parent) throw rangeError(`UnknownBlock: Header was not found in the database: ${last.headerJson.parentHash}`);
    hashes.push(parent.hash);
    last = parent;
  }
  if (!u8aEq(last.hash, from.hash)) throw rangeError('from and to are on different forks');
  return hashes.reverse();
}

/** Removes repeated keys, keeping the first of each. */
function uniqueKeys(keys: Uint8Array[]): Uint8Array[] {
  const seen = new Set<string>();
  return keys.filter((k) => {
    const h = u8aToHex(k);
    if (seen.has(h)) return false;
    seen.add(h);
    return true;
  });
}

/** `[hash?]` → the runtime version at that block (best when omitted). */
export const state_getRuntimeVersion = call(async ({ chain }, params) => {
  await assertKnownBlock(chain, optionalBlockHash(params[0]));
  return runtimeVersionJson(chain.runtime.version);
});

/** Alias of `state_getRuntimeVersion`. */
export const chain_getRuntimeVersion = state_getRuntimeVersion;

/**
 * Runtime version updates (`state_runtimeVersion`): the current version at once, then the version
 * of each new best block whose version differs. @polkadot/api re-fetches metadata on a new specVersion.
 */
export const state_subscribeRuntimeVersion = subscription({
  notification: 'state_runtimeVersion',
  unsubscribe: ['state_unsubscribeRuntimeVersion', 'chain_unsubscribeRuntimeVersion'],
  handler: ({ chain }, _params, sink) => {
    const current = runtimeVersionJson(chain.runtime.version);
    let last = JSON.stringify(current);
    sink.send(current);
    return chain.on((ev) => {
      if (ev.type !== 'newBlock' || !ev.best) return;
      const v = runtimeVersionJson(chain.runtime.version);
      const json = JSON.stringify(v);
      if (json === last) return;
      last = json;
      sink.send(v);
    });
  },
});

/** Alias of `state_subscribeRuntimeVersion`. */
export const chain_subscribeRuntimeVersion = state_subscribeRuntimeVersion;

/**
 * `[hash?]` → the metadata as `0x6d657461 ("meta") ++ 14 ++ MetadataV14`. @polkadot/api up to 13.0
 * (and the public Apps build, which bundles 12.4) reads metadata only this way; newer versions ask for
 * V15 via `state_call("Metadata_metadata_at_version")`.
 */
export const state_getMetadata = call(async ({ chain }, params) => {
  await assertKnownBlock(chain, optionalBlockHash(params[0]));
  return u8aToHex(chain.apis.metadata.v14);
});

/** `[method, data, hash?]` → the SCALE output of runtime API `method` (e.g. `AccountNonceApi_account_nonce`) as hex. */
export const state_call = call(async ({ chain }, params) => {
  const method = string(params[0], 'method', MAX_METHOD_NAME);
  const data = hex(params[1], 'data');
  const view = await stateOrThrow(chain, optionalBlockHash(params[2]));
  // Substrate's executor reports a missing export this way; checked here so it never depends on how the node words it.
  if (!chain.apis.methods.has(method)) throw clientError(`Execution failed: Exported method ${method} is not found`);
  try {
    return u8aToHex(await view.call(method, data));
  } catch (err) {
    if (err instanceof RpcError) throw err;
    throw clientError(`Execution failed: ${errorMessage(err)}`);
  }
});

/** Alias of `state_call`. */
export const state_callAt = state_call;

/** `[key, hash?]` → the value as hex, `null` when absent. */
export const state_getStorage = call(async ({ chain }, params) => {
  const key = storageKey(params[0]);
  const view = await stateOrThrow(chain, optionalBlockHash(params[1]));
  return hexOrNull(await view.get(key));
});

/** Alias of `state_getStorage`. */
export const state_getStorageAt = state_getStorage;

/** `[key, hash?]` → blake2_256 of the value, `null` when absent. */
export const state_getStorageHash = call(async ({ chain }, params) => {
  const key = storageKey(params[0]);
  const view = await stateOrThrow(chain, optionalBlockHash(params[1]));
  const value = await view.get(key);
  return value ? u8aToHex(blake2AsU8a(value, 256)) : null;
});

/** Alias of `state_getStorageHash`. */
export const state_getStorageHashAt = state_getStorageHash;

/**
 * `[key, hash?]` → the value's length in bytes. As in Substrate, a key with no value is taken as a
 * prefix and the sizes of all values under it are summed; `null` when there are none.
 */
export const state_getStorageSize = call(async ({ chain }, params) => {
  const key = storageKey(params[0]);
  const view = await stateOrThrow(chain, optionalBlockHash(params[1]));
  const value = await view.get(key);
  if (value) return value.length;
  const keys = await keysUnder(view, key, MAX_KEYS_UNPAGED);
  if (!keys) throw clientError(`more than ${MAX_KEYS_UNPAGED} keys under ${u8aToHex(key)} to size`);
  const values = await Promise.all(keys.map((k) => view.get(k)));
  const sum = values.reduce((n, v) => n + (v?.length ?? 0), 0);
  return sum > 0 ? sum : null;
});

/** Alias of `state_getStorageSize`. */
export const state_getStorageSizeAt = state_getStorageSize;

/**
 * `[prefix | null, count, startKey?, hash?]` → up to `count` (at most 1000) keys under `prefix`,
 * sorted, strictly greater than `startKey`. @polkadot/api's `.entries()` pages with `startKey` = the
 * last key of the previous page (the prefix itself on the first page) until a page is short.
 */
export const state_getKeysPaged = call(async ({ chain }, params) => {
  const prefix = isAbsent(params[0]) ? new Uint8Array() : storageKey(params[0], 'prefix');
  const count = u32(params[1], 'count');
  if (count > MAX_KEYS_PAGED) {
    throw new RpcError(ErrorCode.INVALID_COUNT, `count exceeds maximum value. value: ${count}, max: ${MAX_KEYS_PAGED}`);
  }
  const startKey = optionalHex(params[2], 'startKey', MAX_KEY_BYTES);
  const view = await stateOrThrow(chain, optionalBlockHash(params[3]));
  return (await pagedKeys(view, prefix, count, startKey)).map((k) => u8aToHex(k));
});

/** Alias of `state_getKeysPaged`. */
export const state_getKeysPagedAt = state_getKeysPaged;

/**
 * `[prefix, hash?]` → every key under `prefix` (deprecated in Substrate for `state_getKeysPaged`).
 * Refused with a 4003 error when more than 10,000 keys match, rather than answering in part.
 */
export const state_getKeys = call(async ({ chain }, params) => {
  const prefix = storageKey(params[0], 'prefix');
  const view = await stateOrThrow(chain, optionalBlockHash(params[1]));
  const keys = await keysUnder(view, prefix, MAX_KEYS_UNPAGED);
  if (!keys) throw clientError(`more than ${MAX_KEYS_UNPAGED} keys under ${u8aToHex(prefix)}; use state_getKeysPaged`);
  return keys.map((k) => u8aToHex(k));
});

/**
 * `[keys, hash?]` → `[{ block, changes: [[key, value | null], …] }]`, the values at one block (best when
 * omitted). This is how @polkadot/api 16 reads storage (`api.query.x.y(key)`). No keys gives `[]`.
 */
export const state_queryStorageAt = call(async ({ chain }, params) => {
  const keys = storageKeys(params[0], 'keys', MAX_QUERY_KEYS);
  const view = await stateOrThrow(chain, optionalBlockHash(params[1]));
  const set = await changedValues(view, keys, new Map());
  return set ? [set] : [];
});

/**
 * `[keys, fromHash, toHash?]` → one entry per block from `fromHash` to `toHash` (best when omitted)
 * holding the keys whose value changed, the first entry holding every key. The range is at most
 * 10,000 blocks. Unsafe, as in Substrate: its cost grows with keys × blocks.
 */
export const state_queryStorage = call(
  async ({ chain }, params) => {
    const keys = storageKeys(params[0], 'keys', MAX_QUERY_KEYS);
    const from = blockHash(params[1], 'fromHash');
    const to = optionalBlockHash(params[2], 'toHash');
    const hashes = await blockRange(chain, from, to);
    const last = new Map<string, string | null>();
    const out: StorageChangeSet[] = [];
    for (const hash of hashes) {
      const set = await changedValues(await stateOrThrow(chain, hash), keys, last);
      if (set) out.push(set);
    }
    return out;
  },
  { unsafe: true },
);

/**
 * `[keys]` → `state_storage` notifications `{ block, changes }`: the current value of every key at
 * once, then, at each new best block, only the keys whose value changed since the last notification.
 * The keyless form (every change in the whole state) is refused: the node has no per-block change
 * sets to stream.
 */
export const state_subscribeStorage = subscription({
  notification: 'state_storage',
  unsubscribe: ['state_unsubscribeStorage'],
  handler: async ({ chain, log }, params, sink) => {
    if (isAbsent(params[0])) {
      return invalid('keys', 'a list of storage keys (subscribing to every storage change is not supported)', params[0]);
    }
    const keys = uniqueKeys(storageKeys(params[0], 'keys', MAX_QUERY_KEYS));
    const last = new Map<string, string | null>();
    const sendChanges = async (view: StateView | undefined) => {
      // No view: the block was pruned meanwhile; the next block's notification carries its changes.
      const set = view && !sink.closed ? await changedValues(view, keys, last) : undefined;
      if (set) sink.send(set);
    };
    // Reads are async: they are chained so notifications keep block order even if a read is slow.
    const initial = stateOrThrow(chain, chain.best().hash).then(sendChanges);
    let queue: Promise<void> = initial.catch(() => {}); // the handler reports a failed initial read itself
    const off = chain.on((ev) => {
      if (ev.type !== 'newBlock' || !ev.best) return;
      const hash = ev.block.hash;
      queue = queue
        .then(async () => sendChanges(sink.closed ? undefined : await chain.stateAt(hash)))
        .catch((err: unknown) => log('warn', 'state_subscribeStorage: reading changed values failed', { block: u8aToHex(hash), err: errorMessage(err) }));
    });
    try {
      await initial;
    } catch (err) {
      off();
      throw err instanceof RpcError ? err : clientError(errorMessage(err));
    }
    return off;
  },
});
