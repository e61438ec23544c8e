/**
 * `dev_*`: test controls in the style of Chopsticks (`dev_newBlock`, `dev_setStorage`,
 * `dev_timeTravel`). All are unsafe: only served with `--dev` or `--rpc-methods unsafe`.
 */
import { u8aEq, u8aToHex } from '@polkadot/util';
import { array, invalid, isAbsent, MAX_DATA_BYTES, object, optionalBlockHash, optionalHex, storageKey } from './params.ts';
import { call } from './shared.ts';

/** Most blocks one `dev_newBlock` call may build. */
const MAX_NEW_BLOCKS = 1000;
/** Most pairs one `dev_setStorage` call may write. */
const MAX_STORAGE_PAIRS = 10_000;
/** Latest timestamp `dev_timeTravel` accepts: JS's maximum date (year 275760). */
const MAX_TIMESTAMP_MS = 8.64e15;

/** `[{ count? }?]` → the hash of the last block built (`count` blocks, 1 by default). */
export const dev_newBlock = call(
  async ({ chain }, params) => {
    let count = 1;
    if (!isAbsent(params[0])) {
      const opts = object(params[0], 'options');
      // Chopsticks also takes `to`, `transactions`, `dryRun`, …: refuse them rather than ignore them.
      const unsupported = Object.keys(opts).filter((k) => k !== 'count');
      if (unsupported.length) invalid('options', `only { count } (unsupported: ${unsupported.join(', ')})`);
      if (!isAbsent(opts.count)) {
        const c = opts.count;
        if (typeof c !== 'number' || !Number.isInteger(c) || c < 1 || c > MAX_NEW_BLOCKS) {
          invalid('options.count', `an integer from 1 to ${MAX_NEW_BLOCKS}`, c);
        }
        count = c;
      }
    }
    const hashes = await chain.produceBlocks(count);
    const last = hashes[hashes.length - 1];
    return last ? u8aToHex(last) : u8aToHex(chain.best().hash);
  },
  { unsafe: true },
);

/**
 * `[[[key, value | null], …], blockHash?]` → the hash of the block that holds the writes (`null`
 * deletes). Storage can only be set on top of the best block.
 */
export const dev_setStorage = call(
  async ({ chain }, params) => {
    const pairs = array(params[0], 'values', MAX_STORAGE_PAIRS).map((entry, i): [Uint8Array, Uint8Array | null] => {
      const name = `values[${i}]`;
      if (!Array.isArray(entry) || entry.length !== 2) return invalid(name, 'a [key, value | null] pair', entry);
      return [storageKey(entry[0], `${name}[0]`), optionalHex(entry[1], `${name}[1]`, MAX_DATA_BYTES) ?? null];
    });
    const at = optionalBlockHash(params[1], 'blockHash');
    if (at && !u8aEq(at, chain.best().hash)) invalid('blockHash', 'the best block hash or nothing (storage is set on top of the best block)');
    return u8aToHex(await chain.setStorage(pairs));
  },
  { unsafe: true },
);

/** `[timestampMs | dateString]` → the new timestamp in ms: the next blocks are authored from that time on. */
export const dev_timeTravel = call(
  ({ chain }, params) => {
    const date = params[0];
    const ms = typeof date === 'string' ? Date.parse(date) : date;
    if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0 || ms > MAX_TIMESTAMP_MS) {
      return invalid('date', 'a timestamp in ms since the epoch or a date string', date);
    }
    chain.timeTravel(ms);
    return ms;
  },
  { unsafe: true },
);
