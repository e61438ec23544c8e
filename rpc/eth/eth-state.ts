/**
 * `eth_*` state and fee methods: chain id, block number, balances, nonces (pool-aware for `pending`), code,
 * storage, gas price, priority fee and fee history.
 */
import { bytesToHex } from '@ethereumjs/util';
import { BASE_FEE } from './block-source.ts';
import { effectiveGasPrice, qty } from './format.ts';
import { address, blockTag, invalid, isAbsent, slot, smallQuantity } from './params.ts';
import { call } from './shared.ts';

/** The priority fee suggested to clients (anvil's default, 1 gwei); it goes to the block author. */
export const SUGGESTED_TIP = 1_000_000_000n;
/** Most blocks one `eth_feeHistory` call covers (geth's limit). */
const MAX_FEE_HISTORY = 1024;

/** EIP-155 chain id. */
export const eth_chainId = call(({ backend }) => qty(backend.chainId()));

/** The best block number. */
export const eth_blockNumber = call(({ chain }) => qty(chain.best().number));

/** `[address, block?]` → balance in wei. */
export const eth_getBalance = call(async ({ backend, evm }, params) => {
  const who = address(params[0]);
  const block = await backend.resolveOrThrow(blockTag(params[1]));
  return qty(await backend.read(block, (s) => evm.account(s, who).balance));
});

/** `[address, block?]` → nonce; `pending` adds the sender's consecutive pool transactions. */
export const eth_getTransactionCount = call(async ({ backend, evm }, params) => {
  const who = address(params[0]);
  const tag = blockTag(params[1]);
  const block = await backend.resolveOrThrow(tag);
  const nonce = BigInt(await backend.read(block, (s) => evm.account(s, who).nonce));
  return qty(tag.kind === 'tag' && tag.tag === 'pending' ? backend.pending.nextNonce(who, nonce) : nonce);
});

/** `[address, block?]` → code. */
export const eth_getCode = call(async ({ backend, evm }, params) => {
  const who = address(params[0]);
  const block = await backend.resolveOrThrow(blockTag(params[1]));
  return bytesToHex(await backend.read(block, (s) => evm.code(s, who)));
});

/** `[address, slot, block?]` → the 32-byte slot value. */
export const eth_getStorageAt = call(async ({ backend, evm }, params) => {
  const who = address(params[0]);
  const key = slot(params[1]);
  const block = await backend.resolveOrThrow(blockTag(params[2]));
  const value = await backend.read(block, (s) => evm.storage(s, who, key));
  const padded = new Uint8Array(32);
  padded.set(value.slice(-32), 32 - Math.min(32, value.length));
  return bytesToHex(padded);
});

/** Base fee of the best block plus the suggested tip. */
export const eth_gasPrice = call(async ({ backend, chain }) => {
  const view = await backend.source.load(chain.best());
  return qty((view.data.block.header.baseFeePerGas ?? BASE_FEE) + SUGGESTED_TIP);
});

/** The suggested priority fee. */
export const eth_maxPriorityFeePerGas = call(() => qty(SUGGESTED_TIP));

/** `[blockCount, newestBlock, rewardPercentiles?]` → base fees, gas used ratios and tip percentiles. */
export const eth_feeHistory = call(async ({ backend }, params) => {
  const count = typeof params[0] === 'number' && Number.isInteger(params[0]) && params[0] >= 0 ? params[0] : smallQuantity(params[0], 'blockCount');
  const newest = await backend.resolveOrThrow(blockTag(params[1], 'newestBlock'));
  const percentiles = isAbsent(params[2]) ? undefined : parsePercentiles(params[2]);
  const n = Math.min(count, MAX_FEE_HISTORY, newest.number + 1);
  const oldest = newest.number - n + 1;
  const baseFees: string[] = [];
  const ratios: number[] = [];
  const rewards: string[][] = [];
  let lastBase = BASE_FEE;
  for (let number = oldest; number <= newest.number; number++) {
    const sub = await backend.byNumber(number);
    if (!sub) break;
    const { data } = await backend.source.load(sub);
    const h = data.block.header;
    lastBase = h.baseFeePerGas ?? BASE_FEE;
    baseFees.push(qty(lastBase));
    ratios.push(h.gasLimit > 0n ? Number(h.gasUsed) / Number(h.gasLimit) : 0);
    if (percentiles) {
      const tips = data.block.transactions.map((tx, i) => ({ tip: effectiveGasPrice(tx, lastBase) - lastBase, gas: data.statuses[i]?.gasUsed ?? tx.gasLimit }));
      rewards.push(tipPercentiles(tips, percentiles).map(qty));
    }
  }
  if (n > 0) baseFees.push(qty(lastBase)); // the base fee is constant: the next block's equals the newest's
  const out: Record<string, unknown> = { oldestBlock: qty(Math.max(0, oldest)), baseFeePerGas: baseFees, gasUsedRatio: ratios };
  if (percentiles) out.reward = rewards;
  return out;
});

function parsePercentiles(value: unknown): number[] {
  if (!Array.isArray(value) || value.length > 100) return invalid('rewardPercentiles', 'an array of at most 100 numbers', value);
  let prev = -1;
  return value.map((p, i) => {
    if (typeof p !== 'number' || !(p >= 0 && p <= 100) || p < prev) return invalid(`rewardPercentiles[${i}]`, 'increasing numbers from 0 to 100', p);
    prev = p;
    return p;
  });
}

/** Gas-weighted tip percentiles of one block (geth's algorithm); zeros for an empty block. */
export function tipPercentiles(txs: { tip: bigint; gas: bigint }[], percentiles: number[]): bigint[] {
  if (txs.length === 0) return percentiles.map(() => 0n);
  const sorted = [...txs].sort((a, b) => (a.tip < b.tip ? -1 : a.tip > b.tip ? 1 : 0));
  const total = sorted.reduce((s, t) => s + t.gas, 0n);
  return percentiles.map((p) => {
    const threshold = (Number(total) * p) / 100;
    let sum = 0;
    for (const t of sorted) {
      sum += Number(t.gas);
      if (sum >= threshold) return t.tip;
    }
    return sorted[sorted.length - 1]!.tip;
  });
}

/** No accounts are managed by the node. */
export const eth_accounts = call(() => []);

/** The node is never behind (one authority, or it follows the best block it has). */
export const eth_syncing = call(() => false);

/** No proof-of-work mining. */
export const eth_mining = call(() => false);

/** No proof-of-work mining. */
export const eth_hashrate = call(() => '0x0');
