/**
 * pallet_insecure_randomness_collective_flip: randomness from the hashes of the last 81 blocks. Good enough to
 * pick a job's training seed after assignment (the worker cannot choose it; a block author could only bias it by
 * withholding blocks). The consensus work replaces it with the authors' VRF outputs.
 */
import { blake2_256 } from '../../runtime/framework/hashers.ts';
import type { DispatchContext, PalletDef } from '../../runtime/framework/pallet.ts';
import { defineStorage, storage, storageEntries } from '../../runtime/framework/storage.ts';
import { H256 } from '../../runtime/primitives.ts';
import { vec } from '../../runtime/scale/codec.ts';
import type { StateReader } from '../../runtime/state/overlay.ts';

/** FRAME's `RANDOM_MATERIAL_LEN`. */
export const RANDOM_MATERIAL_LEN = 81;

export const randomnessStorage = defineStorage('RandomnessCollectiveFlip', {
  RandomMaterial: storage.value({
    value: vec(H256, 'BoundedVec<T::Hash, ConstU32<RANDOM_MATERIAL_LEN>>'),
    default: [] as Uint8Array[],
    docs: [' Series of block headers from the last 81 blocks that acts as random seed material. This', ' is arranged as a ring buffer with `block_number % 81` being the index into the `Vec` of', ' the oldest hash.'],
  }),
});

/** What other pallets receive: a 32-byte random value for a subject, fixed within a block. */
export interface Randomness {
  random(state: StateReader, subject: Uint8Array): Uint8Array;
}

export function randomnessPallet() {
  const randomness: Randomness = {
    random(state, subject) {
      const material = randomnessStorage.RandomMaterial.get(state);
      const parts = [subject, ...material];
      const buf = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let o = 0;
      for (const p of parts) {
        buf.set(p, o);
        o += p.length;
      }
      return blake2_256(buf);
    },
  };
  const pallet: PalletDef = {
    name: 'RandomnessCollectiveFlip',
    crate: 'pallet_insecure_randomness_collective_flip',
    docs: [' Low-influence randomness from recent block hashes.'],
    storage: storageEntries(randomnessStorage),
    hooks: {
      onInitialize(ctx: DispatchContext) {
        const material = [...randomnessStorage.RandomMaterial.get(ctx.state)];
        const index = (ctx.block.number - 1) % RANDOM_MATERIAL_LEN;
        if (material.length <= index) material.push(ctx.block.parentHash);
        else material[index] = ctx.block.parentHash;
        randomnessStorage.RandomMaterial.set(ctx.state, material);
      },
    },
  };
  return { pallet, storage: randomnessStorage, randomness };
}
