/** `bench/weights` cases for the FRAME pallets: System, Timestamp, Balances and Sudo. */
import { TimestampWeights } from '../../pallets/timestamp/weights.ts';
import { UNIT } from '../../runtime/runtime.ts';
import type { Hooks } from '../../runtime/framework/pallet.ts';
import { type BenchChain, callOf } from './chain.ts';
import { hookPoint, nonePoint, rootPoint, signedPoint } from './points.ts';
import type { Case } from './runner.ts';
import { ACCOUNTS, addr, endow, owner, type World } from './world.ts';

/** `n` 32-byte keys under a 16-byte prefix, with 32-byte values. */
const items = (n: number, prefix = 0xab): [Uint8Array, Uint8Array][] =>
  Array.from({ length: n }, (_, i) => {
    const key = new Uint8Array(32).fill(prefix, 0, 16);
    new DataView(key.buffer).setUint32(28, i);
    return [key, new Uint8Array(32).fill(i & 0xff)];
  });

/** A fresh account (never endowed): transfers to it create it, the costlier path. */
const fresh = (w: World, i: number) => w.chain.keys.get(ACCOUNTS.spare + 50 + i);
/** A spare endowed account that may be emptied or reaped. */
const spare = (w: World, i: number) => w.chain.keys.get(ACCOUNTS.spare + i);
const remark = (len: number) => callOf('System', 'remark', { remark: new Uint8Array(len).fill(0x61) });
const SIZES = [1, 10, 100, 1000];
const BYTES = [0, 256, 1024, 4096];

export const frameCases: Case[] = [
  { name: 'System.remark', weightFn: 'SystemWeights.remark', component: 'bytes', values: BYTES, prepare: (w, n) => signedPoint(w, owner(w), remark(n)) },
  {
    name: 'System.remark_with_event', weightFn: 'SystemWeights.remark', component: 'bytes', values: BYTES,
    prepare: (w, n) => signedPoint(w, owner(w), callOf('System', 'remark_with_event', { remark: new Uint8Array(n).fill(0x61) })),
  },
  { name: 'System.set_storage', weightFn: 'SystemWeights.setStorage', component: 'items', values: SIZES, prepare: (w, n) => rootPoint(w, callOf('System', 'set_storage', { items: items(n) })) },
  {
    name: 'System.kill_storage', weightFn: 'SystemWeights.setStorage', component: 'keys', values: SIZES,
    prepare: (w, n) => rootPoint(w, callOf('System', 'kill_storage', { keys: items(n).map(([k]) => k) }), { setup: (c) => c.root(callOf('System', 'set_storage', { items: items(n) })) }),
  },
  {
    name: 'System.kill_prefix', weightFn: 'SystemWeights.setStorage', component: 'subkeys', values: SIZES,
    prepare: (w, n) => rootPoint(w, callOf('System', 'kill_prefix', { prefix: new Uint8Array(16).fill(0xcd), subkeys: n }), { setup: (c) => c.root(callOf('System', 'set_storage', { items: items(n, 0xcd) })) }),
  },
  { name: 'Timestamp.set', weightFn: 'TimestampWeights.set', prepare: (w) => nonePoint(w, callOf('Timestamp', 'set', { now: 1_700_000_000_000n })) },
  {
    name: 'Timestamp::on_finalize', weightFn: 'TimestampWeights.onFinalize',
    prepare: (w) => ({
      ...hookPoint(w, (b, chain) => timestampHooks(chain).onFinalize!(b.ctx), TimestampWeights.onFinalize().ref_time),
      before: (b) => {
        if (!w.chain.runtime.composed.dispatch(b.ctx, { tag: 'None' }, callOf('Timestamp', 'set', { now: 1_700_000_000_000n })).ok) throw new Error('Timestamp.set failed');
      },
    }),
  },
  {
    name: 'Balances.transfer_allow_death', weightFn: 'BalancesWeights.transferAllowDeath',
    prepare: (w) => signedPoint(w, owner(w), callOf('Balances', 'transfer_allow_death', { dest: addr(fresh(w, 0)), value: UNIT })),
  },
  {
    name: 'Balances.transfer_keep_alive', weightFn: 'BalancesWeights.transferKeepAlive',
    prepare: (w) => signedPoint(w, owner(w), callOf('Balances', 'transfer_keep_alive', { dest: addr(fresh(w, 0)), value: UNIT })),
  },
  {
    name: 'Balances.force_transfer', weightFn: 'BalancesWeights.forceTransfer',
    prepare: (w) => rootPoint(w, callOf('Balances', 'force_transfer', { source: addr(owner(w)), dest: addr(fresh(w, 0)), value: UNIT })),
  },
  {
    name: 'Balances.transfer_all', weightFn: 'BalancesWeights.transferAll',
    prepare: (w) => signedPoint(w, spare(w, 0), callOf('Balances', 'transfer_all', { dest: addr(fresh(w, 0)), keep_alive: false }), { setup: (c) => endow(c, spare(w, 0), 10n * UNIT) }),
  },
  {
    name: 'Balances.force_unreserve', weightFn: 'BalancesWeights.forceUnreserve',
    prepare: (w) => rootPoint(w, callOf('Balances', 'force_unreserve', { who: addr(w.workers[0]!), amount: UNIT })),
  },
  {
    name: 'Balances.force_set_balance', weightFn: 'BalancesWeights.forceSetBalance',
    prepare: (w) => rootPoint(w, callOf('Balances', 'force_set_balance', { who: addr(fresh(w, 0)), new_free: 1_000n * UNIT })),
  },
  { name: 'Balances.burn(keep_alive)', weightFn: 'BalancesWeights.burnKeepAlive', prepare: (w) => signedPoint(w, owner(w), callOf('Balances', 'burn', { value: UNIT, keep_alive: true })) },
  { name: 'Balances.burn(allow_death)', weightFn: 'BalancesWeights.burnAllowDeath', prepare: (w) => signedPoint(w, owner(w), callOf('Balances', 'burn', { value: UNIT, keep_alive: false })) },
  {
    name: 'Sudo.sudo(remark)', weightFn: 'SudoWeights.sudo',
    prepare: (w) => signedPoint(w, w.alice, callOf('Sudo', 'sudo', { call: remark(0) })),
  },
  {
    name: 'Sudo.sudo_unchecked_weight(remark)', weightFn: '(argument)',
    prepare: (w) => signedPoint(w, w.alice, callOf('Sudo', 'sudo_unchecked_weight', { call: remark(0), weight: { ref_time: 1_000_000n, proof_size: 0n } })),
  },
  { name: 'Sudo.set_key', weightFn: 'SudoWeights.setKey', prepare: (w) => signedPoint(w, w.alice, callOf('Sudo', 'set_key', { new: addr(owner(w)) })) },
  {
    name: 'Sudo.sudo_as(remark)', weightFn: 'SudoWeights.sudoAs',
    prepare: (w) => signedPoint(w, w.alice, callOf('Sudo', 'sudo_as', { who: addr(owner(w)), call: remark(0) })),
  },
  { name: 'Sudo.remove_key', weightFn: 'SudoWeights.removeKey', prepare: (w) => signedPoint(w, w.alice, callOf('Sudo', 'remove_key')) },
];

function timestampHooks(chain: BenchChain): Hooks {
  return chain.runtime.composed.pallets.find((p) => p.pallet.name === 'Timestamp')!.pallet.hooks!;
}
