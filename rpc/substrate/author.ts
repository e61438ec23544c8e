/**
 * `author_*`: transaction submission and watching. A transaction the pool rejects is answered with a
 * JSON-RPC error carrying the pool's code (1002 cannot decode/verify, 1010 invalid, 1011 unknown
 * validity, 1012-1016 pool limits), so `signAndSend` rejects at once and no subscription is created.
 */
import { isHex, u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import type { PoolRejection, TxStatus } from '../../node/chain-api.ts';
import { RpcError } from '../errors.ts';
import { array, blockHash, hex, invalid, MAX_DATA_BYTES, object } from './params.ts';
import { call, ErrorCode, subscription } from './shared.ts';

/** Most entries one `author_removeExtrinsic` call may name. */
const MAX_REMOVE = 1024;
const POOL_CODES: ReadonlySet<number> = new Set([1002, 1010, 1011, 1012, 1013, 1014, 1016]);

function isPoolRejection(err: unknown): err is PoolRejection {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; message?: unknown; data?: unknown };
  return typeof e.code === 'number' && POOL_CODES.has(e.code) && typeof e.message === 'string' && (e.data === undefined || typeof e.data === 'string');
}

/** A pool rejection as the JSON-RPC error Substrate sends; anything else is rethrown unchanged (→ -32603). */
function rejectionToRpcError(err: unknown): unknown {
  if (err instanceof RpcError || !isPoolRejection(err)) return err;
  return new RpcError(err.code, err.message, err.data);
}

/**
 * The extrinsic param. Bytes that are not hex cannot be decoded, so they get the pool's 1002
 * "Verification Error" like any other undecodable extrinsic; a param that is not even a string is -32602.
 */
function extrinsicParam(value: unknown): Uint8Array {
  if (typeof value !== 'string') return invalid('extrinsic', 'the SCALE-encoded extrinsic as 0x-prefixed hex', value);
  if (!isHex(value)) {
    throw new RpcError(ErrorCode.VERIFICATION_ERROR, 'Verification Error: Could not decode extrinsic', 'Invalid hex: expected 0x-prefixed hex with an even number of digits');
  }
  return hex(value, 'extrinsic', MAX_DATA_BYTES);
}

/** Statuses after which Substrate ends the watch (`TransactionStatus::is_final`). */
function isFinal(status: TxStatus): boolean {
  if (status === 'invalid' || status === 'dropped') return true;
  return typeof status === 'object' && ('finalized' in status || 'usurped' in status || 'finalityTimeout' in status);
}

/** `[extrinsicHex]` → the transaction hash, once the pool accepted it. */
export const author_submitExtrinsic = call(async ({ chain }, params) => {
  const bytes = extrinsicParam(params[0]);
  try {
    return u8aToHex(await chain.pool.submit(bytes));
  } catch (err) {
    throw rejectionToRpcError(err);
  }
});

/**
 * `[extrinsicHex]` → `author_extrinsicUpdate` notifications with the pool's statuses as they come
 * (`"ready"`, `{ inBlock }`, `{ finalized }`, …); the subscription ends after a final status. A
 * rejected transaction is an error of the call itself, with no subscription.
 */
export const author_submitAndWatchExtrinsic = subscription({
  notification: 'author_extrinsicUpdate',
  unsubscribe: ['author_unwatchExtrinsic'],
  handler: async ({ chain }, params, sink) => {
    const bytes = extrinsicParam(params[0]);
    const watch = (status: TxStatus) => {
      // Statuses that come before the id reached the client are queued by the sink, so none is lost.
      sink.send(status);
      if (isFinal(status)) sink.close();
    };
    let hash: Uint8Array;
    try {
      hash = await chain.pool.submit(bytes, watch);
    } catch (err) {
      throw rejectionToRpcError(err);
    }
    return () => chain.pool.unwatch(hash, watch);
  },
});

/** The transactions in the pool, as hex. */
export const author_pendingExtrinsics = call(({ chain }) => chain.pool.pending().map((x) => u8aToHex(x)));

/**
 * `[[{ hash } | { extrinsic }, …]]` → the hashes of the transactions removed from the pool. Unsafe.
 */
export const author_removeExtrinsic = call(
  ({ chain }, params) => {
    const pool = chain.pool;
    const hashes = array(params[0], 'bytesOrHash', MAX_REMOVE).map((entry, i) => {
      const name = `bytesOrHash[${i}]`;
      const o = object(entry, name);
      if (Object.hasOwn(o, 'hash')) return blockHash(o.hash, `${name}.hash`);
      // Substrate's pool hashes a transaction as blake2_256 of its (length-prefixed) encoding.
      if (Object.hasOwn(o, 'extrinsic')) return blake2AsU8a(hex(o.extrinsic, `${name}.extrinsic`), 256);
      return invalid(name, '{ "hash": "0x…" } or { "extrinsic": "0x…" }', entry);
    });
    return pool.remove(hashes).map((h) => u8aToHex(h));
  },
  { unsafe: true },
);
