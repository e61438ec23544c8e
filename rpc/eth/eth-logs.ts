/** `eth_getLogs` and the range query shared with the filter methods. */
import { RpcError } from '../errors.ts';
import { EthErrorCode } from './errors.ts';
import { blockLogs, type LogCriteria, type LogFilter, parseLogFilter } from './logs.ts';
import { call, type EthContext } from './shared.ts';

/** Most blocks one query scans, and most logs it returns (geth-like limits; -32005 beyond). */
export const MAX_LOG_BLOCK_RANGE = 10_000;
export const MAX_LOG_RESULTS = 10_000;

/** Matching logs of canonical blocks `from..to` (inclusive, clamped to the best block). */
export async function logsInRange(c: EthContext, from: number, to: number, criteria: LogCriteria): Promise<Record<string, unknown>[]> {
  const last = Math.min(to, c.chain.best().number);
  if (last - from + 1 > MAX_LOG_BLOCK_RANGE) {
    throw new RpcError(EthErrorCode.LIMIT_EXCEEDED, `block range too large: at most ${MAX_LOG_BLOCK_RANGE} blocks per query`);
  }
  const out: Record<string, unknown>[] = [];
  for (let n = Math.max(0, from); n <= last; n++) {
    const sub = await c.backend.byNumber(n);
    if (!sub) break;
    const view = await c.backend.source.load(sub);
    if (view.data.statuses.length === 0) continue;
    out.push(...blockLogs(view, criteria));
    if (out.length > MAX_LOG_RESULTS) throw new RpcError(EthErrorCode.LIMIT_EXCEEDED, `query returned more than ${MAX_LOG_RESULTS} results`);
  }
  return out;
}

/** All logs a parsed filter matches (a block hash, or its from/to range). */
export async function queryLogs(c: EthContext, filter: LogFilter): Promise<Record<string, unknown>[]> {
  if (filter.blockHash) {
    const view = await c.backend.byEthHash(filter.blockHash);
    if (!view) throw new RpcError(-32000, 'unknown block');
    return blockLogs(view, filter.criteria);
  }
  const from = await c.backend.resolve(filter.fromBlock);
  const to = await c.backend.resolve(filter.toBlock);
  if (!from) return [];
  const toNumber = to ? to.number : c.chain.best().number;
  if (from.number > toNumber) return [];
  return logsInRange(c, from.number, toNumber, filter.criteria);
}

/** `[filter]` → matching logs. */
export const eth_getLogs = call(async (c, params) => queryLogs(c, parseLogFilter(params[0])));
