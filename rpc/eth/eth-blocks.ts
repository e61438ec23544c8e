/**
 * `eth_*` block, transaction and receipt lookups. Unknown blocks and transactions answer `null`, as geth does;
 * a transaction still in the pool is returned with null block fields.
 */
import type { EthBlockView } from './block-source.ts';
import { blockTransaction, formatBlock, formatBlockReceipts, formatReceipt, formatTransaction, qty } from './format.ts';
import { type BlockTag, blockTag, bool, hash32, smallQuantity } from './params.ts';
import { call, type EthContext } from './shared.ts';

async function byTag(c: EthContext, tag: BlockTag): Promise<EthBlockView | undefined> {
  return c.backend.view(tag);
}

/** `[number|tag, full]` → block or null. */
export const eth_getBlockByNumber = call(async (c, params) => {
  const view = await byTag(c, blockTag(params[0], 'block'));
  return view ? formatBlock(view, bool(params[1], 'full')) : null;
});

/** `[hash, full]` → block or null. */
export const eth_getBlockByHash = call(async (c, params) => {
  const view = await c.backend.byEthHash(hash32(params[0], 'blockHash'));
  return view ? formatBlock(view, bool(params[1], 'full')) : null;
});

/** `[number|tag]` → transaction count or null. */
export const eth_getBlockTransactionCountByNumber = call(async (c, params) => {
  const view = await byTag(c, blockTag(params[0], 'block'));
  return view ? qty(view.data.block.transactions.length) : null;
});

/** `[hash]` → transaction count or null. */
export const eth_getBlockTransactionCountByHash = call(async (c, params) => {
  const view = await c.backend.byEthHash(hash32(params[0], 'blockHash'));
  return view ? qty(view.data.block.transactions.length) : null;
});

/** Blocks have no uncles. */
export const eth_getUncleCountByBlockNumber = call(() => '0x0');

/** Blocks have no uncles. */
export const eth_getUncleCountByBlockHash = call(() => '0x0');

/** `[hash]` → the transaction (mined or pending) or null. */
export const eth_getTransactionByHash = call(async ({ backend }, params) => {
  const hash = hash32(params[0]);
  const found = await backend.findTransaction(hash);
  if (found) return blockTransaction(found.view, found.index);
  const pending = backend.pending.find(hash);
  return pending ? formatTransaction(pending.tx, pending.from, { blockHash: null, blockNumber: null, transactionIndex: null, baseFee: undefined }) : null;
});

/** `[number|tag, index]` → transaction or null. */
export const eth_getTransactionByBlockNumberAndIndex = call(async (c, params) => {
  const view = await byTag(c, blockTag(params[0], 'block'));
  return view ? blockTransaction(view, smallQuantity(params[1], 'index')) : null;
});

/** `[hash, index]` → transaction or null. */
export const eth_getTransactionByBlockHashAndIndex = call(async (c, params) => {
  const view = await c.backend.byEthHash(hash32(params[0], 'blockHash'));
  return view ? blockTransaction(view, smallQuantity(params[1], 'index')) : null;
});

/** `[hash]` → receipt of a mined transaction, or null. */
export const eth_getTransactionReceipt = call(async ({ backend }, params) => {
  const found = await backend.findTransaction(hash32(params[0]));
  return found ? formatReceipt(found.view, found.index) : null;
});

/** `[number|tag|hash]` → every receipt of the block, or null for an unknown block. */
export const eth_getBlockReceipts = call(async (c, params) => {
  const view = await byTag(c, blockTag(params[0], 'block'));
  return view ? formatBlockReceipts(view) : null;
});

/** Uncles do not exist. */
export const eth_getUncleByBlockNumberAndIndex = call(() => null);

/** Uncles do not exist. */
export const eth_getUncleByBlockHashAndIndex = call(() => null);
