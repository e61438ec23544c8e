/**
 * IModels (0x…0a12) through real blocks on the dev genesis: registration directly (a Hardhat key, and //Alice
 * through Evm.call) and from a contract, read back through the views and the pallet's storage; paid access; a reverting frame undoes the registration and its events; the
 * DELEGATECALL, static-context, value and gas rules; a write in `eth_call` leaves state as it was.
 */
import { privateToAddress } from '@ethereumjs/util';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { id as keccakId } from 'ethers';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileContracts } from '../../contracts/compile.ts';
import { fallbackAccountId } from '../../pallets/evm/address.ts';
import { NO_ID, READ_GAS, weightToGas } from '../pallet-call.ts';
import { bytes, cid, compile, DEV, DEV_ACCOUNT, DEV_KEYS, eventNames, hex, interfaceSource, MODELS, PalletChain, UNIT } from './testing.ts';

const PROBE = `${interfaceSource('IModels')}
contract ModelsProbe {
  event Registered(uint64 id);
  function register(IModels.ModelSpec calldata spec) external returns (uint64 id) { id = MODELS.registerModel(spec); emit Registered(id); }
  function registerThenRevert(IModels.ModelSpec calldata spec) external { MODELS.registerModel(spec); revert("undo"); }
  function registerAfterInnerRevert(IModels.ModelSpec calldata a, IModels.ModelSpec calldata b) external returns (uint64) {
    try this.registerThenRevert(a) {} catch {}
    return MODELS.registerModel(b);
  }
  function raw(uint8 kind, bytes calldata data, uint256 gas) external payable returns (bool ok, bytes memory ret) {
    if (kind == 0) (ok, ret) = MODELS_ADDRESS.call{gas: gas, value: msg.value}(data);
    else if (kind == 1) (ok, ret) = MODELS_ADDRESS.delegatecall(data);
    else (ok, ret) = MODELS_ADDRESS.staticcall(data);
  }
}`;

const { iface: probe, bytecode } = compile(PROBE, 'ModelsProbe');
const { iface: models } = compile(interfaceSource('IModels'), 'IModels');
const enc = (fn: string, args: unknown[]) => bytes(models.encodeFunctionData(fn, args));

/** A valid Open ONNX model spec named `name` (its hash is keccak(name)). */
const spec = (name: string, over: Record<string, unknown> = {}) => ({
  cid: cid(name), modelHash: keccakId(name), name, architecture: 'mlp-16-4', framework: 'onnx', modelType: 1,
  inputs: [{ dims: [0, 16], dtype: 0 }], outputs: [{ dims: [0, 4], dtype: 0 }], parameterCount: 68n, flopsPerInference: 128n,
  license: 0, licenseTerms: '0x', baseModel: NO_ID, trainingDataset: NO_ID, ...over,
});

/** The Solidity `Error(string)` message or custom error of revert data. */
function reason(data: Uint8Array): string {
  const e = models.parseError(hex(data));
  if (!e) return hex(data);
  return e.name === 'Error' ? String(e.args[0]) : `${e.name}(${e.args.join(',')})`;
}

let chain: PalletChain;
let probeAddress: Uint8Array;
const S = () => chain.runtime.models.storage;
beforeAll(async () => {
  chain = new PalletChain();
  probeAddress = await chain.deploy(bytecode);
});

describe('IModels', () => {
  it('selectors match solc and the @custom:selector annotations', async () => {
    const a = (await compileContracts()).IModels!;
    for (const [sig, sel] of Object.entries(a.methodIdentifiers)) expect(models.getFunction(sig)!.selector).toBe(`0x${sel}`);
  });

  it('registers directly from a dev key: the pallet stores it for h160 ‖ 0xEE…, the view and eth_call read it back', async () => {
    const id = S().NextModelId.get(chain.state);
    const r = await chain.send(MODELS, enc('registerModel', [spec('direct')]));
    expect(r.ok).toBe(true);
    expect(eventNames(r.events)).toContain('Models.ModelRegistered');
    const stored = S().Models.get(chain.state, id)!;
    expect(hex(stored.owner)).toBe(hex(DEV_ACCOUNT));
    expect(new TextDecoder().decode(stored.name)).toBe('direct');
    const view = await chain.call(MODELS, enc('modelInfo', [id]));
    const [info] = models.decodeFunctionResult('modelInfo', view.returnValue);
    expect(info.owner).toBe(hex(DEV_ACCOUNT));
    expect(info.modelHash).toBe(keccakId('direct'));
    expect(info.name).toBe('direct');
    expect(info.baseModel).toBe(NO_ID);
    expect(info.published).toBe(false);
    expect(view.gasUsed).toBeGreaterThan(21_000n);
  });

  it('an sr25519 account (//Alice, mapped at genesis) registers through Evm.call under its own AccountId32', async () => {
    await cryptoWaitReady();
    const alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice').publicKey;
    const id = S().NextModelId.get(chain.state);
    const input = enc('registerModel', [spec('from-substrate')]);
    const { results, events } = await chain.dispatch([{ origin: { tag: 'Signed', who: alice }, call: { tag: 'Evm', value: { tag: 'call', value: { target: MODELS, input, value: 0n, gas_limit: 1_000_000n } } } }]);
    expect(results[0]!.ok).toBe(true);
    expect(hex(S().Models.get(chain.state, id)!.owner)).toBe(hex(alice));
    const names = eventNames(events);
    expect(names.indexOf('Models.ModelRegistered')).toBeGreaterThan(-1);
    expect(names.indexOf('Models.ModelRegistered')).toBeLessThan(names.indexOf('Evm.Executed'));
  });

  it('registers from a contract, owned by the contract\'s mapped account; lineage and hasAccess views', async () => {
    const id = S().NextModelId.get(chain.state);
    const r = await chain.send(probeAddress, bytes(probe.encodeFunctionData('register', [spec('from-contract')])));
    expect(r.ok).toBe(true);
    expect(hex(S().Models.get(chain.state, id)!.owner)).toBe(hex(fallbackAccountId(probeAddress)));
    // The contract publishes it through the precompile, then a child is registered on it directly.
    expect((await chain.send(probeAddress, bytes(probe.encodeFunctionData('raw', [0, enc('publish', [id]), 100_000n])))).ok).toBe(true);
    expect(S().Models.get(chain.state, id)!.published).toBe(true);
    const child = S().NextModelId.get(chain.state);
    expect((await chain.send(MODELS, enc('registerModel', [spec('child', { baseModel: id })]))).ok).toBe(true);
    const lineage = await chain.call(MODELS, enc('lineage', [child]));
    expect(models.decodeFunctionResult('lineage', lineage.returnValue)[0]).toEqual([id]);
    const stranger = new Uint8Array(20).fill(0x42);
    const access = await chain.call(MODELS, enc('hasAccess', [id, hex(stranger)]));
    expect(models.decodeFunctionResult('hasAccess', access.returnValue)[0]).toBe(true);
  });

  it('a reverting transaction undoes the registration and its events', async () => {
    const next = S().NextModelId.get(chain.state);
    const r = await chain.send(probeAddress, bytes(probe.encodeFunctionData('registerThenRevert', [spec('undone')])));
    expect(r.ok).toBe(false);
    expect(S().NextModelId.get(chain.state)).toBe(next);
    expect(S().ModelByHash.contains(chain.state, bytes(keccakId('undone')))).toBe(false);
    expect(eventNames(r.events).filter((n) => n.startsWith('Models.'))).toEqual([]);
  });

  it('a reverted inner frame drops its registration and events; the outer frame\'s stay', async () => {
    const next = S().NextModelId.get(chain.state);
    const r = await chain.send(probeAddress, bytes(probe.encodeFunctionData('registerAfterInnerRevert', [spec('inner'), spec('outer')])));
    expect(r.ok).toBe(true);
    expect(S().NextModelId.get(chain.state)).toBe(next + 1n);
    expect(new TextDecoder().decode(S().Models.get(chain.state, next)!.name)).toBe('outer');
    expect(S().ModelByHash.contains(chain.state, bytes(keccakId('inner')))).toBe(false);
    const names = eventNames(r.events);
    expect(names.filter((n) => n.startsWith('Models.'))).toEqual(['Models.ModelRegistered']);
    // Pallet events precede the transaction's own Executed event.
    expect(names.indexOf('Models.ModelRegistered')).toBeLessThan(names.indexOf('Ethereum.Executed'));
  });

  it('a failed pallet call reverts DispatchFailed with the pallet error', async () => {
    const id = S().NextModelId.get(chain.state) - 1n;
    const r = await chain.send(MODELS, enc('publish', [id]), { key: DEV_KEYS[1] });
    expect(r.ok).toBe(false);
    expect(reason(r.extra)).toBe('DispatchFailed(Models.NotOwner)');
    const missing = await chain.call(MODELS, enc('modelInfo', [999n]));
    expect(reason(missing.error!.kind === 'revert' ? missing.error!.data : new Uint8Array())).toBe('ModelNotFound(999)');
  });

  it('purchaseAccess takes the price from the buyer\'s mapped account (not payable); a poor buyer gets Token.FundsUnavailable', async () => {
    const id = S().NextModelId.get(chain.state);
    expect((await chain.send(MODELS, enc('registerModel', [spec('commercial', { license: 1 })]))).ok).toBe(true);
    const tiers = [{ price: UNIT, duration_blocks: undefined, max_uses: 10 }, { price: 1_000_000n * UNIT, duration_blocks: undefined, max_uses: undefined }];
    const set = await chain.dispatch([{ origin: { tag: 'Signed', who: DEV_ACCOUNT }, call: { tag: 'Models', value: { tag: 'set_access_tiers', value: { model_id: id, tiers } } } }]);
    expect(set.results[0]!.ok).toBe(true);
    expect((await chain.send(MODELS, enc('publish', [id]))).ok).toBe(true);
    const buyer = fallbackAccountId(privateToAddress(DEV_KEYS[1]!));
    const [buyerFree, ownerFree] = [chain.free(buyer), chain.free(DEV_ACCOUNT)];
    const bought = await chain.send(MODELS, enc('purchaseAccess', [id, 0]), { key: DEV_KEYS[1] });
    expect(bought.ok).toBe(true);
    expect(eventNames(bought.events)).toContain('Models.AccessPurchased');
    expect(buyerFree - chain.free(buyer)).toBeGreaterThan(UNIT);
    expect(chain.free(DEV_ACCOUNT)).toBeGreaterThan(ownerFree);
    expect(S().Access.get(chain.state, id, buyer)).toMatchObject({ tier_index: 0, uses_left: 10 });
    const access = await chain.call(MODELS, enc('hasAccess', [id, hex(privateToAddress(DEV_KEYS[1]!))]));
    expect(models.decodeFunctionResult('hasAccess', access.returnValue)[0]).toBe(true);
    const poor = await chain.send(MODELS, enc('purchaseAccess', [id, 1]), { key: DEV_KEYS[2] });
    expect(reason(poor.extra)).toBe('DispatchFailed(Token.FundsUnavailable)');
    const paying = await chain.send(MODELS, enc('purchaseAccess', [id, 0]), { key: DEV_KEYS[2], value: UNIT });
    expect(reason(paying.extra)).toBe('Function is not payable');
  });

  it('refuses DELEGATECALL, writes in a static context and value, as Frontier does', async () => {
    const write = enc('registerModel', [spec('refused')]);
    const run = async (kind: number, data: Uint8Array, value = 0n) => {
      const r = await chain.call(probeAddress, bytes(probe.encodeFunctionData('raw', [kind, data, 1_000_000n])), { value });
      const [ok, ret] = probe.decodeFunctionResult('raw', r.returnValue);
      return { ok, why: ok ? '' : reason(bytes(ret)) };
    };
    expect(await run(1, write)).toEqual({ ok: false, why: 'Cannot be called with DELEGATECALL or CALLCODE' });
    expect(await run(2, write)).toEqual({ ok: false, why: "Can't call non-static function in static context" });
    expect((await run(2, enc('modelInfo', [0n]))).ok).toBe(true);
    expect(await run(0, write, 1n)).toEqual({ ok: false, why: 'Function is not payable' });
    expect(await run(0, enc('modelInfo', [0n]), 1n)).toEqual({ ok: false, why: 'Function is not payable' });
  });

  it('charges the pre-dispatch weight as gas: one unit short is out of gas', async () => {
    const s = spec('gas');
    const args = { cid: s.cid, model_hash: bytes(s.modelHash), name: new TextEncoder().encode(s.name), architecture: new TextEncoder().encode(s.architecture), framework: new TextEncoder().encode('onnx'),
      model_type: { tag: 'Vision' }, inputs: [{ dims: [0, 16], dtype: { tag: 'Float32' } }], outputs: [{ dims: [0, 4], dtype: { tag: 'Float32' } }],
      parameter_count: 68n, flops_per_inference: 128n, license: { tag: 'Open' }, base_model: undefined, training_dataset: undefined };
    const w = chain.runtime.composed.callWeight({ tag: 'Models', value: { tag: 'register_model', value: args } });
    const gas = weightToGas(w.ref_time) + READ_GAS;
    const data = (g: bigint) => bytes(probe.encodeFunctionData('raw', [0, enc('registerModel', [s]), g]));
    const short = probe.decodeFunctionResult('raw', (await chain.call(probeAddress, data(gas - 1n))).returnValue);
    expect(short).toEqual([false, '0x']);
    const enough = probe.decodeFunctionResult('raw', (await chain.call(probeAddress, data(gas))).returnValue);
    expect(enough[0]).toBe(true);
  });

  it('eth_call of a write returns its result and leaves state unchanged', async () => {
    const next = S().NextModelId.get(chain.state);
    const before = chain.state.entries.size;
    const r = await chain.call(MODELS, enc('registerModel', [spec('dry-run')]), { from: DEV });
    expect(r.error).toBeUndefined();
    expect(models.decodeFunctionResult('registerModel', r.returnValue)[0]).toBe(next);
    expect(S().NextModelId.get(chain.state)).toBe(next);
    expect(chain.state.entries.size).toBe(before);
  });
});
