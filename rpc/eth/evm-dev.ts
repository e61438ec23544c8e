/**
 * Hardhat/anvil development methods (exposed with `--dev`, like the `dev_*` ones): `evm_mine`,
 * `evm_setAutomine`, `evm_increaseTime`, `evm_setNextBlockTimestamp`, `anvil_getAutomine`, and `evm_snapshot` /
 * `evm_revert`, which rewind the chain's best block (its state rebuilt from the trie) as Hardhat's do.
 */
import { RpcError } from '../errors.ts';
import { qty } from './format.ts';
import { invalid, isAbsent, smallQuantity } from './params.ts';
import { call, type EthContext } from './shared.ts';

/** Largest step or timestamp taken, in seconds (year 2500): keeps block timestamps far inside `u64` milliseconds. */
const MAX_SECONDS = 16_725_225_600;

function seconds(value: unknown, name: string): number {
  const n = typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : smallQuantity(value, name);
  if (n > MAX_SECONDS) return invalid(name, `at most ${MAX_SECONDS} seconds`, value);
  return n;
}

async function mine(c: EthContext, count: number): Promise<void> {
  try {
    await c.chain.produceBlocks(count);
  } catch (e) {
    throw new RpcError(-32000, (e as Error).message);
  }
}

/** `[timestamp?]` → "0x0" after authoring one block (at `timestamp` seconds when given). */
export const evm_mine = call(
  async (c, params) => {
    if (!isAbsent(params[0]) && typeof params[0] !== 'object') {
      const ms = seconds(params[0], 'timestamp') * 1000;
      c.clockOffsetMs = ms - Date.now();
      c.chain.timeTravel(ms);
    }
    await mine(c, 1);
    return '0x0';
  },
  { unsafe: true },
);

/** `[on]` → true; on authors a block as soon as a transaction is ready. */
export const evm_setAutomine = call(
  (c, params) => {
    if (typeof params[0] !== 'boolean') return invalid('enabled', 'a boolean', params[0]);
    c.chain.setAutomine(params[0]);
    return true;
  },
  { unsafe: true },
);

/** Whether blocks are authored as soon as a transaction is ready (instant seal or `evm_setAutomine(true)`). */
export const anvil_getAutomine = call((c) => c.chain.automine(), { unsafe: true });

/** Hardhat's name for `anvil_getAutomine`. */
export const hardhat_getAutomine = anvil_getAutomine;

/** `[seconds]` → the total offset in seconds; later blocks are stamped that much later. */
export const evm_increaseTime = call(
  (c, params) => {
    const total = c.clockOffsetMs + seconds(params[0], 'seconds') * 1000;
    if (Date.now() + total > MAX_SECONDS * 1000) return invalid('seconds', 'a step that keeps the clock before the year 2500', params[0]);
    c.clockOffsetMs = total;
    c.chain.timeTravel(Date.now() + c.clockOffsetMs);
    return qty(Math.floor(c.clockOffsetMs / 1000));
  },
  { unsafe: true },
);

/** `[timestamp]` → null; the next block is stamped `timestamp` seconds (blocks after it follow the clock). */
export const evm_setNextBlockTimestamp = call(
  (c, params) => {
    const ms = seconds(params[0], 'timestamp') * 1000;
    c.clockOffsetMs = ms - Date.now();
    c.chain.timeTravel(ms);
    return null;
  },
  { unsafe: true },
);

/** `[]` → a snapshot id (quantity) of the current best block, for `evm_revert`. */
export const evm_snapshot = call(
  (c) => {
    const id = ++c.nextSnapshot;
    c.snapshots.set(id, c.chain.best().hash);
    return qty(id);
  },
  { unsafe: true },
);

/**
 * `[id]` → true after rewinding the chain to the snapshot's block, false for an unknown (or already used) id.
 * As in Hardhat, the snapshot and every later one are used up.
 */
export const evm_revert = call(
  async (c, params) => {
    const id = smallQuantity(params[0], 'snapshotId');
    const hash = c.snapshots.get(id);
    if (!hash) return false;
    for (const k of [...c.snapshots.keys()]) if (k >= id) c.snapshots.delete(k);
    try {
      await c.chain.revertTo(hash);
    } catch (e) {
      throw new RpcError(-32000, (e as Error).message);
    }
    return true;
  },
  { unsafe: true },
);
