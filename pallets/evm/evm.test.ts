import { Address, bytesToHex, createAddressFromPrivateKey, hexToBytes } from '@ethereumjs/util';
import { Keyring } from '@polkadot/keyring';
import { Interface } from 'ethers';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkInvariants } from '../../runtime/invariants.ts';
import type { RuntimeCall } from '../../runtime/framework/pallet.ts';
import { MemoryState, OverlayState } from '../../runtime/state/overlay.ts';
import { fallbackAccountId, toAccountId, toAddress } from './address.ts';
import { EvmError } from './errors.ts';
import { slotOf } from './ledger.ts';
import { OverlayStateManager } from './state-manager.ts';
import { DEV_KEYS, signed1559, TestChain } from './testing/chain.ts';
import { compileContract, TOKEN_SOURCE } from './testing/solc.ts';
import type { MessageFrame } from './vm.ts';

const keyring = new Keyring({ type: 'sr25519' });
const alice = keyring.addFromUri('//Alice').publicKey;
const fresh = keyring.addFromUri('//Zed').publicKey;
const token = () => compileContract(TOKEN_SOURCE, 'Token');
const abi = () => new Interface(token().abi as never);
const evmCall = (tag: string, value: Record<string, unknown>): RuntimeCall => ({ tag: 'Evm', value: { tag, value } });
const signed = (who: Uint8Array) => ({ tag: 'Signed' as const, who });

describe('Evm', () => {
  let chain: TestChain;
  beforeAll(() => {
    chain = new TestChain(new Uint8Array(32).fill(7));
  });

  it('maps accounts both ways: genesis-mapped sr25519 accounts and the 0xEE fallback', () => {
    expect(toAccountId(chain.state, toAddress(alice))).toEqual(alice);
    const hh = createAddressFromPrivateKey(DEV_KEYS[0]!).bytes;
    expect(toAccountId(chain.state, hh)).toEqual(new Uint8Array([...hh, ...new Uint8Array(12).fill(0xee)]));
    expect(toAddress(fallbackAccountId(hh))).toEqual(hh);
  });

  it('an Ethereum transfer to a mapped address credits the sr25519 account; to an unmapped one, its fallback', async () => {
    const rt = chain.runtime;
    const aliceBefore = rt.system.accounts.get(chain.state, alice).data.free;
    const other = new Uint8Array(20).fill(0x42);
    const tx1 = signed1559(DEV_KEYS[0]!, { nonce: 0n, to: toAddress(alice), value: 123n, gasLimit: 21_000n });
    const tx2 = signed1559(DEV_KEYS[0]!, { nonce: 1n, to: other, value: 5n, gasLimit: 21_000n });
    await chain.block([tx1.serialize(), tx2.serialize()]);
    expect(rt.system.accounts.get(chain.state, alice).data.free - aliceBefore).toBe(123n);
    // 5 wei is below the existential deposit: the account exists for the EVM without a provider.
    expect(rt.system.accounts.get(chain.state, fallbackAccountId(other)).data.free).toBe(5n);
    expect(rt.evm.api.account(chain.state, other).balance).toBe(5n);
    checkInvariants(rt, chain.state);
  });

  it('map_account maps a fresh account once; a second time fails without writing', async () => {
    const { applied, exec } = await chain.block([
      { origin: signed(fresh), call: evmCall('map_account', {}) },
      { origin: signed(fresh), call: evmCall('map_account', {}) },
      { origin: signed(fallbackAccountId(new Uint8Array(20).fill(1))), call: evmCall('map_account', {}) },
    ]);
    expect(applied[0]).toMatchObject({ result: { ok: true } });
    const err = chain.runtime.composed.toDispatchError(EvmError.AccountAlreadyMapped);
    expect(applied[1]).toMatchObject({ result: { ok: false, error: err } });
    expect(applied[2]).toMatchObject({ result: { ok: false, error: err } });
    expect(toAccountId(chain.state, toAddress(fresh))).toEqual(fresh);
    expect(exec.ctx.events.filter((e) => e.event.tag === 'Evm')).toHaveLength(1);
  });

  it('create and call from an sr25519 account at gas price 0: Created, Log, Executed, ExecutedFailed; nonce counts creations', async () => {
    const rt = chain.runtime;
    const init = new Uint8Array([...token().bytecode, ...hexToBytes(abi().encodeDeploy([1000n]) as `0x${string}`)]);
    const before = rt.system.accounts.get(chain.state, alice).data.free;
    const { applied, exec } = await chain.block([{ origin: signed(alice), call: evmCall('create', { init, value: 0n, gas_limit: 2_000_000n }) }]);
    expect(applied[0]).toMatchObject({ result: { ok: true } });
    const evs = exec.ctx.events.filter((e) => e.event.tag === 'Evm').map((e) => e.event.value as { tag: string; value: { address?: Uint8Array } });
    expect(evs.map((e) => e.tag)).toEqual(['Log', 'Created']);
    const contract = evs[1]!.value.address!;
    expect(rt.evm.api.account(chain.state, toAddress(alice)).nonce).toBe(1n);
    expect(rt.system.accounts.get(chain.state, alice).data.free).toBe(before);
    const to = bytesToHex(new Uint8Array(20).fill(9));
    const call = (args: unknown[], fn = 'transfer') => evmCall('call', { target: contract, input: hexToBytes(abi().encodeFunctionData(fn, args) as `0x${string}`), value: 0n, gas_limit: 100_000n });
    const r = await chain.block([{ origin: signed(alice), call: call([to, 10n]) }, { origin: signed(alice), call: call([], 'fail') }]);
    const tags = r.exec.ctx.events.filter((e) => e.event.tag === 'Evm').map((e) => (e.event.value as { tag: string }).tag);
    expect(tags).toEqual(['Log', 'Executed', 'ExecutedFailed']);
    expect(r.applied[0]).toMatchObject({ result: { ok: true, actualWeight: { ref_time: expect.any(BigInt) } } });
    expect(rt.evm.api.account(chain.state, toAddress(alice)).nonce).toBe(1n);
    checkInvariants(rt, chain.state);
  });

  it('refuses a call it cannot pay for, leaving state as it was', async () => {
    const poor = keyring.addFromUri('//Nobody').publicKey;
    const { applied } = await chain.block([{ origin: signed(poor), call: evmCall('call', { target: new Uint8Array(20), input: new Uint8Array(), value: 1n, gas_limit: 30_000n }) }]);
    expect(applied[0]).toMatchObject({ result: { ok: false, error: chain.runtime.composed.toDispatchError(EvmError.BalanceLow) } });
  });

  it('injected precompiles see their frame (caller, value, depth, static)', async () => {
    const rt = chain.runtime;
    let seen: MessageFrame | undefined;
    rt.evm.setPrecompiles((frame) => [
      {
        address: '0x0000000000000000000000000000000000000a11',
        function: () => {
          seen = frame();
          return { executionGasUsed: 100n, returnValue: seen!.caller };
        },
      },
      {
        address: '0x0000000000000000000000000000000000000a12',
        function: () => {
          throw new Error('a bug in a precompile');
        },
      },
    ]);
    const from = new Uint8Array(20).fill(0x55);
    const env = { number: 1n, timestamp: 1n, coinbase: new Uint8Array(20) };
    const thrown = await rt.evm.api.call(chain.state, env, { from, to: hexToBytes('0x0000000000000000000000000000000000000a12'), gas: 50_000n });
    expect(thrown).toMatchObject({ error: { kind: 'halt', message: 'internal error' }, gasUsed: 50_000n });
    const r = await rt.evm.api.call(chain.state, { number: 1n, timestamp: 1n, coinbase: new Uint8Array(20) }, { from, to: hexToBytes('0x0000000000000000000000000000000000000a11') });
    rt.evm.setPrecompiles(undefined);
    expect(r.returnValue).toEqual(from);
    expect(seen).toMatchObject({ depth: 0, isStatic: false, isDelegateCall: false, value: 0n });
  });
});

describe('OverlayStateManager', () => {
  it('nests 1100 checkpoints, flushes at the outermost commit, keeps the pre-transaction value as original', async () => {
    const rt = new TestChain().runtime;
    const target = new OverlayState(new MemoryState());
    const sm = new OverlayStateManager(rt.evm.ledger, target);
    const a = new Address(new Uint8Array(20).fill(1));
    const key = new Uint8Array(32).fill(2);
    await sm.putStorage(a, key, new Uint8Array([1]));
    for (let i = 0; i < 1100; i++) await sm.checkpoint();
    await sm.putStorage(a, key, new Uint8Array([9]));
    expect(await sm.getStorage(a, key)).toEqual(new Uint8Array([9]));
    expect(await sm.originalStorageCache.get(a, key)).toEqual(new Uint8Array([1]));
    await sm.revert();
    expect(await sm.getStorage(a, key)).toEqual(new Uint8Array([1]));
    await sm.putStorage(a, key, new Uint8Array([7]));
    for (let i = 0; i < 1098; i++) await sm.commit();
    expect(slotOf(target, a.bytes, key)[31]).toBe(1);
    await sm.commit();
    expect(slotOf(target, a.bytes, key)[31]).toBe(7);
  });
});
