/**
 * The models pallet precompile at `0x…0a12` (ABI: contracts/IModels.sol). Views read the pallet's storage at the
 * EVM's current state (1,000 gas per item read); writes dispatch the real `Models` calls as
 * `Signed(toAccountId(msg.sender))` through `dispatch` (gas from the call's weight, refunded to its actual weight).
 *
 * @example
 * runtime.evm.setPrecompiles(createPalletPrecompiles(() => runtime));
 */
import { toAccountId } from '../../pallets/evm/address.ts';
import type { ModelRegistry } from '../../pallets/models/registry.ts';
import type { ModelsStorage } from '../../pallets/models/storage.ts';
import type { ComposedRuntime } from '../../runtime/framework/runtime.ts';
import { boolWord, encodeAbi, uintWord } from '../inference/abi-encode.ts';
import { selector } from '../inference/errors.ts';
import { type CallEnv, dispatch, type Outcome, type PrecompileFunction, READ_GAS } from '../pallet-call.ts';
import { decodeModelSpec, encodeModelInfo } from './abi.ts';

/** The precompile's address. */
export const MODELS_ADDRESS = '0x0000000000000000000000000000000000000a12';

/** What the precompile reads: the models pallet's storage and registry. */
export interface ModelsPrecompileRuntime {
  composed: ComposedRuntime;
  models: { storage: ModelsStorage; registry: ModelRegistry };
}

const MODEL_NOT_FOUND = selector('ModelNotFound(uint64)');
const modelNotFound = (id: bigint, gas: bigint): Outcome => ({ kind: 'revert', gas, data: encodeAbi([uintWord(id)], MODEL_NOT_FOUND) });
const P = 4;

/** The selector table; `models` is read at call time (the runtime is complete by then). */
export function modelsFunctions(runtime: () => ModelsPrecompileRuntime): PrecompileFunction[] {
  const m = () => runtime().models;
  const write = async (env: CallEnv, pallet: string, call: string, args: Record<string, unknown>): Promise<Outcome> => {
    const r = await dispatch(env, { tag: pallet, value: { tag: call, value: args } });
    return 'ok' in r ? { kind: 'return', gas: r.gas, data: new Uint8Array() } : r;
  };
  return [
    {
      signature: 'modelInfo(uint64)',
      mutability: 'view',
      run: (env, r) => {
        const id = r.uint(P, 64);
        const info = m().storage.Models.get(env.ctx.state, id);
        if (!info) return modelNotFound(id, READ_GAS);
        return { kind: 'return', gas: READ_GAS, data: encodeAbi([encodeModelInfo(info)]) };
      },
    },
    {
      signature: 'lineage(uint64)',
      mutability: 'view',
      run: (env, r) => {
        const id = r.uint(P, 64);
        if (!m().storage.Models.contains(env.ctx.state, id)) return modelNotFound(id, READ_GAS);
        const ancestors = m().registry.lineage(env.ctx.state, id);
        const gas = READ_GAS * BigInt(1 + ancestors.length);
        return { kind: 'return', gas, data: encodeAbi([{ kind: 'array', items: ancestors.map(uintWord) }]) };
      },
    },
    {
      signature: 'hasAccess(uint64,address)',
      mutability: 'view',
      run: (env, r) => {
        const id = r.uint(P, 64);
        r.uint(P + 32, 160); // an address must have clean high bits
        const who = r.word(P + 32).slice(12);
        // The mapping, the model and a grant.
        const ok = m().registry.hasAccess(env.ctx.state, id, toAccountId(env.ctx.state, who), env.ctx.block.number);
        return { kind: 'return', gas: 3n * READ_GAS, data: encodeAbi([boolWord(ok)]) };
      },
    },
    {
      signature: 'registerModel((bytes,bytes32,string,string,string,uint8,(uint32[],uint8)[],(uint32[],uint8)[],uint64,uint64,uint8,bytes,uint64,uint64))',
      mutability: 'nonpayable',
      run: async (env, r) => {
        const args = decodeModelSpec(r);
        // The id the pallet will give it: read before the call (its event carries it too).
        const id = m().storage.NextModelId.get(env.ctx.state);
        const out = await dispatch(env, { tag: 'Models', value: { tag: 'register_model', value: args } }, READ_GAS);
        return 'ok' in out ? { kind: 'return', gas: out.gas, data: encodeAbi([uintWord(id)]) } : out;
      },
    },
    {
      signature: 'publish(uint64)',
      mutability: 'nonpayable',
      run: (env, r) => write(env, 'Models', 'publish', { model_id: r.uint(P, 64) }),
    },
    {
      signature: 'purchaseAccess(uint64,uint32)',
      mutability: 'nonpayable',
      run: (env, r) => write(env, 'Models', 'purchase_access', { model_id: r.uint(P, 64), tier_index: r.uintN(P + 32, 32) }),
    },
  ];
}
