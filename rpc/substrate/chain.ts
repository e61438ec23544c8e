/**
 * `chain_*`: block hashes, headers, blocks and head subscriptions. Headers are the node's JSON form
 * (`number` as a hex quantity, digest logs as SCALE hex), exactly what @polkadot/api decodes.
 */
import { u8aToHex } from '@polkadot/util';
import type { BlockInfo, ChainApi, HeaderJson } from '../../node/chain-api.ts';
import { array, blockNumber, isAbsent, optionalBlockHash } from './params.ts';
import { blockOrBest, call, subscription } from './shared.ts';

/** Most block numbers one `chain_getBlockHash` call may ask for. */
const MAX_HASH_QUERIES = 4096;

async function hashOf(chain: ChainApi, n: unknown, name: string): Promise<string | null> {
  if (isAbsent(n)) return u8aToHex(chain.best().hash);
  const hash = await chain.hashAt(blockNumber(n, name));
  return hash ? u8aToHex(hash) : null;
}

function blockJson(block: BlockInfo): { block: { header: HeaderJson; extrinsics: string[] }; justifications: null } {
  return {
    block: { header: block.headerJson, extrinsics: block.extrinsics.map((x) => u8aToHex(x)) },
    justifications: null,
  };
}

/**
 * `[number | hex | null | (number | hex | null)[]]` → the hash of that canonical block, the best
 * hash when omitted, `null` for a block the node does not have; a list gives a list.
 */
export const chain_getBlockHash = call(async ({ chain }, params) => {
  const arg = params[0];
  if (!Array.isArray(arg)) return hashOf(chain, arg, 'number');
  return Promise.all(array(arg, 'numbers', MAX_HASH_QUERIES).map((n, i) => hashOf(chain, n, `numbers[${i}]`)));
});

/** Alias of `chain_getBlockHash`. */
export const chain_getHead = chain_getBlockHash;

/** `[hash?]` → the header of that block (best when omitted), `null` for an unknown block. */
export const chain_getHeader = call(async ({ chain }, params) => {
  const block = await blockOrBest(chain, optionalBlockHash(params[0]));
  return block ? block.headerJson : null;
});

/** `[hash?]` → `{ block: { header, extrinsics: hex[] }, justifications: null }`, `null` for an unknown block. */
export const chain_getBlock = call(async ({ chain }, params) => {
  const block = await blockOrBest(chain, optionalBlockHash(params[0]));
  return block ? blockJson(block) : null;
});

/** The hash of the last finalized block. */
export const chain_getFinalizedHead = call(({ chain }) => u8aToHex(chain.finalized().hash));

/** Alias of `chain_getFinalizedHead`. */
export const chain_getFinalisedHead = chain_getFinalizedHead;

/**
 * New best headers (`chain_newHead`): the current best header at once, then each block that becomes
 * the best. @polkadot/api subscribes with the singular name `chain_subscribeNewHead`.
 */
export const chain_subscribeNewHeads = subscription({
  notification: 'chain_newHead',
  unsubscribe: ['chain_unsubscribeNewHeads', 'chain_unsubscribeNewHead'],
  handler: ({ chain }, _params, sink) => {
    sink.send(chain.best().headerJson);
    return chain.on((ev) => {
      if (ev.type === 'newBlock' && ev.best) sink.send(ev.block.headerJson);
    });
  },
});

/** Alias of `chain_subscribeNewHeads`. */
export const chain_subscribeNewHead = chain_subscribeNewHeads;

/** Every imported header (`chain_allHead`), best or not; the current best header first. */
export const chain_subscribeAllHeads = subscription({
  notification: 'chain_allHead',
  unsubscribe: ['chain_unsubscribeAllHeads'],
  handler: ({ chain }, _params, sink) => {
    sink.send(chain.best().headerJson);
    return chain.on((ev) => {
      if (ev.type === 'newBlock') sink.send(ev.block.headerJson);
    });
  },
});

/** Finalized headers (`chain_finalizedHead`): the current finalized header at once, then each newly finalized one. */
export const chain_subscribeFinalizedHeads = subscription({
  notification: 'chain_finalizedHead',
  unsubscribe: ['chain_unsubscribeFinalizedHeads', 'chain_unsubscribeFinalisedHeads'],
  handler: ({ chain }, _params, sink) => {
    sink.send(chain.finalized().headerJson);
    return chain.on((ev) => {
      if (ev.type === 'finalized') sink.send(ev.block.headerJson);
    });
  },
});

/** Alias of `chain_subscribeFinalizedHeads`. */
export const chain_subscribeFinalisedHeads = chain_subscribeFinalizedHeads;
