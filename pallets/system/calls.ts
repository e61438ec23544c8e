/** System calls. `set_code` is absent on purpose: this runtime is TypeScript, not a Wasm blob stored on chain. */
import { blake2_256 } from '../../runtime/framework/hashers.ts';
import { call, type DispatchContext, ensureRoot, ensureSigned } from '../../runtime/framework/pallet.ts';
import { weight } from '../../runtime/primitives.ts';
import { bytes, tuple, u32, vec } from '../../runtime/scale/codec.ts';
import { keyString } from '../../runtime/state/overlay.ts';
import { SystemEvent } from './events.ts';
import { SystemWeights } from './weights.ts';

const KeyValue = tuple(bytes, bytes);

export const systemCalls = {
  remark: call({
    index: 0,
    args: { remark: bytes },
    argTypeNames: { remark: 'Vec<u8>' },
    docs: [' Make some on-chain remark.', '', ' Can be executed by every `origin`.'],
    weight: ({ remark }) => SystemWeights.remark(remark.length),
    dispatch: () => {},
  }),
  set_storage: call({
    index: 4,
    args: { items: vec(KeyValue, 'Vec<KeyValue>') },
    docs: [' Set some items of storage.'],
    weight: ({ items }) => SystemWeights.setStorage(items.length),
    paysFee: false,
    dispatch: (ctx, origin, { items }) => {
      ensureRoot(origin);
      for (const [k, v] of items) ctx.state.set(keyString(k), v);
    },
  }),
  kill_storage: call({
    index: 5,
    args: { keys: vec(bytes, 'Vec<Key>') },
    docs: [' Kill some items from storage.'],
    weight: ({ keys }) => SystemWeights.setStorage(keys.length),
    paysFee: false,
    dispatch: (ctx, origin, { keys }) => {
      ensureRoot(origin);
      for (const k of keys) ctx.state.delete(keyString(k));
    },
  }),
  kill_prefix: call({
    index: 6,
    args: { prefix: bytes, subkeys: u32 },
    argTypeNames: { prefix: 'Key' },
    docs: [' Kill all storage items with a key that starts with the given prefix.', '', ' `subkeys` must be the exact number of keys under the prefix; it is used for the weight.'],
    weight: ({ subkeys }) => SystemWeights.setStorage(subkeys),
    paysFee: false,
    dispatch: (ctx, origin, { prefix, subkeys }) => {
      ensureRoot(origin);
      const keys = ctx.state.keysWithPrefix(keyString(prefix));
      for (const k of keys.slice(0, subkeys)) ctx.state.delete(k);
      return { actualWeight: SystemWeights.setStorage(Math.min(keys.length, subkeys)) };
    },
  }),
  remark_with_event: call({
    index: 7,
    args: { remark: bytes },
    argTypeNames: { remark: 'Vec<u8>' },
    docs: [' Make some on-chain remark and emit event.'],
    weight: ({ remark }) => SystemWeights.remark(remark.length),
    dispatch: (ctx: DispatchContext, origin, { remark }) => {
      const sender = ensureSigned(origin);
      ctx.deposit(SystemEvent, { tag: 'Remarked', value: { sender, hash: blake2_256(remark) } });
    },
  }),
};
export { weight };
