/**
 * Log filters (`eth_getLogs`, `eth_newFilter`, `eth_subscribe logs`): parsing the filter object and matching logs
 * against it. Topic positions are AND-ed, the alternatives at one position OR-ed, `null` matches anything.
 */
import { u8aToHex } from '@polkadot/util';
import type { EthBlockView } from './block-source.ts';
import { firstLogIndexes, formatLog } from './format.ts';
import { address, type BlockTag, blockTag, hash32, invalid, isAbsent, object } from './params.ts';

/** What a log must match. Hex strings are lowercase. */
export interface LogCriteria {
  /** Any of these emitters; undefined for any address. */
  addresses: Set<string> | undefined;
  /** Per topic position: any of these topics, or null for anything. */
  topics: (Set<string> | null)[];
}

/** A parsed filter object: a block range or one block hash, and the criteria. */
export interface LogFilter {
  fromBlock: BlockTag;
  toBlock: BlockTag;
  blockHash: Uint8Array | undefined;
  criteria: LogCriteria;
}

const MAX_ADDRESSES = 1024;
const MAX_TOPIC_POSITIONS = 4;

/** Parses `{fromBlock, toBlock, blockHash, address, topics}`. */
export function parseLogFilter(value: unknown, name = 'filter'): LogFilter {
  const o = isAbsent(value) ? {} : object(value, name);
  const blockHash = isAbsent(o.blockHash) ? undefined : hash32(o.blockHash, `${name}.blockHash`);
  if (blockHash && (!isAbsent(o.fromBlock) || !isAbsent(o.toBlock))) invalid(name, 'either blockHash or fromBlock/toBlock, not both');
  let addresses: Set<string> | undefined;
  if (Array.isArray(o.address)) {
    if (o.address.length > MAX_ADDRESSES) invalid(`${name}.address`, `at most ${MAX_ADDRESSES} addresses`);
    addresses = new Set(o.address.map((a, i) => u8aToHex(address(a, `${name}.address[${i}]`))));
    if (addresses.size === 0) addresses = undefined;
  } else if (!isAbsent(o.address)) {
    addresses = new Set([u8aToHex(address(o.address, `${name}.address`))]);
  }
  const topics: (Set<string> | null)[] = [];
  if (!isAbsent(o.topics)) {
    if (!Array.isArray(o.topics) || o.topics.length > MAX_TOPIC_POSITIONS) invalid(`${name}.topics`, 'an array of at most 4 topics', o.topics);
    o.topics.forEach((t: unknown, i: number) => {
      if (isAbsent(t)) topics.push(null);
      else if (Array.isArray(t)) topics.push(t.length === 0 || t.some(isAbsent) ? null : new Set<string>(t.map((x: unknown, j: number) => u8aToHex(hash32(x, `${name}.topics[${i}][${j}]`)))));
      else topics.push(new Set([u8aToHex(hash32(t, `${name}.topics[${i}]`))]));
    });
  }
  return {
    fromBlock: blockTag(o.fromBlock, `${name}.fromBlock`),
    toBlock: blockTag(o.toBlock, `${name}.toBlock`),
    blockHash,
    criteria: { addresses, topics },
  };
}

/** Whether a log emitted by `emitter` with `topics` matches. */
export function matchesLog(criteria: LogCriteria, emitter: Uint8Array, topics: readonly Uint8Array[]): boolean {
  if (criteria.addresses && !criteria.addresses.has(u8aToHex(emitter))) return false;
  for (let i = 0; i < criteria.topics.length; i++) {
    const want = criteria.topics[i];
    if (!want) continue;
    const got = topics[i];
    if (!got || !want.has(u8aToHex(got))) return false;
  }
  return true;
}

/** The matching logs of one block, formatted, in block order. */
export function blockLogs(view: EthBlockView, criteria: LogCriteria): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const first = firstLogIndexes(view.data.statuses);
  view.data.statuses.forEach((status, txIndex) => {
    status.logs.forEach((log, i) => {
      if (matchesLog(criteria, log[0], log[1])) out.push(formatLog(log, view, txIndex, first[txIndex]! + i));
    });
  });
  return out;
}
