/**
 * Polling filters: `eth_newFilter`, `eth_newBlockFilter`, `eth_newPendingTransactionFilter`,
 * `eth_getFilterChanges`, `eth_getFilterLogs`, `eth_uninstallFilter`. Unknown or expired ids answer geth's
 * `-32000 filter not found`.
 */
import { bytesToHex } from '@ethereumjs/util';
import { RpcError } from '../errors.ts';
import { logsInRange, queryLogs } from './eth-logs.ts';
import type { InstalledFilter } from './filters.ts';
import { parseLogFilter } from './logs.ts';
import { invalid } from './params.ts';
import { call, type EthContext } from './shared.ts';

function filterId(value: unknown): string {
  if (typeof value !== 'string' || !/^0x[0-9a-fA-F]{1,64}$/.test(value)) return invalid('id', 'a filter id', value);
  return value;
}

function installed(c: EthContext, value: unknown): InstalledFilter {
  const f = c.filters.touch(filterId(value));
  if (!f) throw new RpcError(-32000, 'filter not found');
  return f;
}

function tooMany(e: unknown): never {
  throw new RpcError(-32005, (e as Error).message);
}

/** `[filter]` → id of a log filter; its first poll reports logs of blocks after the current best (or from `fromBlock`). */
export const eth_newFilter = call(async (c, params) => {
  const filter = parseLogFilter(params[0]);
  const from = filter.fromBlock.kind === 'number' ? filter.fromBlock.number : c.chain.best().number + 1;
  try {
    return c.filters.newLogFilter(filter, from);
  } catch (e) {
    return tooMany(e);
  }
});

/** `[]` → id of a filter reporting new block hashes. */
export const eth_newBlockFilter = call((c) => {
  try {
    return c.filters.newBlockFilter(c.chain.best().number);
  } catch (e) {
    return tooMany(e);
  }
});

/** `[]` → id of a filter reporting hashes of transactions entering the pool through this node. */
export const eth_newPendingTransactionFilter = call((c) => {
  try {
    return c.filters.newPendingFilter();
  } catch (e) {
    return tooMany(e);
  }
});

/** `[id]` → what happened since the last poll: block hashes, logs or pending transaction hashes. */
export const eth_getFilterChanges = call(async (c, params) => {
  const f = installed(c, params[0]);
  const best = c.chain.best().number;
  if (f.kind === 'pending') return f.hashes.splice(0).map((h) => bytesToHex(h));
  const from = f.next;
  if (from > best) return [];
  if (f.kind === 'blocks') {
    const hashes: string[] = [];
    for (let n = from; n <= best; n++) {
      const sub = await c.backend.byNumber(n);
      if (sub) hashes.push(bytesToHex((await c.backend.source.load(sub)).hash));
    }
    f.next = best + 1;
    return hashes;
  }
  const to = f.filter.toBlock.kind === 'number' ? Math.min(f.filter.toBlock.number, best) : best;
  f.next = best + 1;
  if (f.filter.blockHash) return [];
  return from > to ? [] : logsInRange(c, from, to, f.filter.criteria);
});

/** `[id]` → every log the log filter matches. */
export const eth_getFilterLogs = call(async (c, params) => {
  const f = installed(c, params[0]);
  if (f.kind !== 'logs') throw new RpcError(-32000, 'filter not found');
  return queryLogs(c, f.filter);
});

/** `[id]` → whether a filter was removed. */
export const eth_uninstallFilter = call((c, params) => c.filters.uninstall(filterId(params[0])));
