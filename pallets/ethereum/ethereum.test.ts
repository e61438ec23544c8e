import { bytesToHex, createAddressFromPrivateKey, hexToBytes } from '@ethereumjs/util';
import { Interface } from 'ethers';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkInvariants } from '../../runtime/invariants.ts';
import { TransactionValidityError } from '../../runtime/validity.ts';
import { EthTxError } from '../evm/eth-tx-error.ts';
import { CHAIN_ID, DEV_KEYS, GWEI, signed1559, signedLegacy, TestChain } from '../evm/testing/chain.ts';
import { compileContract, TOKEN_SOURCE } from '../evm/testing/solc.ts';

const token = () => compileContract(TOKEN_SOURCE, 'Token');
const abi = () => new Interface(token().abi as never);
const addr = (key: Uint8Array) => createAddressFromPrivateKey(key).bytes;
const [K0, K1, K2] = DEV_KEYS as [Uint8Array, Uint8Array, Uint8Array];
const SUPPLY = 1_000_000n * 10n ** 18n;
const deployData = () => new Uint8Array([...token().bytecode, ...hexToBytes(abi().encodeDeploy([SUPPLY]) as `0x${string}`)]);
const data = (fn: string, args: unknown[]) => hexToBytes(abi().encodeFunctionData(fn, args) as `0x${string}`);

describe('Ethereum.transact', () => {
  let chain: TestChain;
  let tokenAddress: Uint8Array;
  const env = () => ({ number: BigInt(chain.number), timestamp: 0n, coinbase: new Uint8Array(20) });
  const balanceOf = async (who: Uint8Array) => {
    const r = await chain.runtime.evm.api.call(chain.state, env(), { to: tokenAddress, data: data('balanceOf', [bytesToHex(who)]) });
    return BigInt(bytesToHex(r.returnValue));
  };

  beforeAll(async () => {
    chain = new TestChain(new Uint8Array(32).fill(7));
    const deploy = signed1559(K0, { nonce: 0n, data: deployData(), gasLimit: 2_000_000n });
    const { applied } = await chain.block([deploy.serialize()]);
    expect(applied[0]).toMatchObject({ result: { ok: true } });
    const statuses = chain.runtime.evm.api.currentBlock(chain.state)!.statuses;
    tokenAddress = statuses[0]!.contract_address!;
  });

  it('the dev keys are the Hardhat accounts the genesis funds', () => {
    expect(bytesToHex(addr(K0))).toBe('0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266');
    expect(chain.runtime.evm.api.account(chain.state, addr(K2)).balance).toBe(10_000n * 10n ** 18n);
  });

  it('deploys an ERC-20 with a signed 1559 transaction: code, receipt, Transfer log, nonce', async () => {
    const api = chain.runtime.evm.api;
    expect(api.code(chain.state, tokenAddress).length).toBeGreaterThan(100);
    expect(api.account(chain.state, addr(K0)).nonce).toBe(1n);
    const cur = api.currentBlock(chain.state)!;
    expect(cur.block.header.number).toBe(1n);
    expect(cur.block.transactions).toHaveLength(1);
    expect(cur.receipts[0]![0]).toBe(2);
    expect(cur.statuses[0]!.logs[0]!.topics[0]).toEqual(hexToBytes(abi().getEvent('Transfer')!.topicHash as `0x${string}`));
    expect(await balanceOf(addr(K0))).toBe(SUPPLY);
    expect(api.blockHash(chain.state, 1n)).toEqual(cur.block.hash());
    expect(cur.block.header.parentHash).toEqual(api.blockHash(chain.state, 0n));
    checkInvariants(chain.runtime, chain.state);
  });

  it('transfers tokens; the balance reads back through api.call; fees move and the issuance holds', async () => {
    const before = chain.runtime.evm.api.account(chain.state, addr(K0)).balance;
    const coinbase = new Uint8Array(20).fill(7);
    const authorBefore = chain.runtime.evm.api.account(chain.state, coinbase).balance;
    const tx = signed1559(K0, { nonce: 1n, to: tokenAddress, data: data('transfer', [bytesToHex(addr(K1)), 500n]), gasLimit: 100_000n });
    const { applied } = await chain.block([tx.serialize()]);
    expect(applied[0]).toMatchObject({ result: { ok: true } });
    expect(await balanceOf(addr(K1))).toBe(500n);
    const status = chain.runtime.evm.api.currentBlock(chain.state)!.statuses[0]!;
    const paid = before - chain.runtime.evm.api.account(chain.state, addr(K0)).balance;
    // Effective gas price = base fee 1 gwei + tip 1 gwei (max fee 2 gwei).
    expect(paid).toBe(status.gas_used * 2n * GWEI);
    // The author's address (its first 20 bytes) got the tip.
    expect(chain.runtime.evm.api.account(chain.state, coinbase).balance - authorBefore).toBe(status.gas_used * GWEI);
    checkInvariants(chain.runtime, chain.state);
  });

  it('a revert is included with status 0, the reason in Executed.extra_data and in api.call', async () => {
    const tx = signedLegacy(K1, { nonce: 0n, to: tokenAddress, data: data('transfer', [bytesToHex(addr(K2)), 10n ** 30n]), gasLimit: 100_000n });
    const { applied, exec } = await chain.block([tx.serialize()]);
    expect(applied[0]).toMatchObject({ result: { ok: true } });
    const ev = exec.ctx.events.map((e) => e.event).find((e) => e.tag === 'Ethereum')!.value as { value: { exit_reason: { tag: string }; extra_data: Uint8Array } };
    expect(ev.value.exit_reason.tag).toBe('Revert');
    expect(abi().parseError(bytesToHex(ev.value.extra_data))?.args[0]).toBe('insufficient balance');
    expect(chain.runtime.evm.api.currentBlock(chain.state)!.receipts[0]![0]).toBe(0xf9); // legacy receipt: a bare RLP list
    expect(chain.runtime.evm.api.account(chain.state, addr(K1)).nonce).toBe(1n);
    const call = await chain.runtime.evm.api.call(chain.state, env(), { from: addr(K1), to: tokenAddress, data: data('fail', []) });
    expect(call.error?.kind).toBe('revert');
    expect(abi().parseError(bytesToHex((call.error as { data: Uint8Array }).data))?.name).toBe('Nope');
  });

  it('sees the block environment: number, time, coinbase, BLOCKHASH, chain id', async () => {
    const tx = signed1559(K2, { nonce: 0n, to: tokenAddress, data: data('env', []), gasLimit: 100_000n });
    await chain.block([tx.serialize()]);
    const r = await chain.runtime.evm.api.call(chain.state, { number: BigInt(chain.number), timestamp: 77n, coinbase: new Uint8Array(20).fill(9) }, { to: tokenAddress, data: data('env', []) });
    const [n, t, c, h, id] = abi().decodeFunctionResult('env', r.returnValue);
    expect([n, t, c.toLowerCase(), id]).toEqual([BigInt(chain.number), 77n, `0x${'09'.repeat(20)}`, CHAIN_ID]);
    expect(h).toBe(bytesToHex(chain.runtime.evm.api.blockHash(chain.state, BigInt(chain.number - 1))!));
  });

  it('value into a contract and out of it; a contract creating a contract; code and issuance intact', async () => {
    const api = chain.runtime.evm.api;
    const code = api.code(chain.state, tokenAddress);
    const sink = new Uint8Array(20).fill(0x33);
    const k2 = api.account(chain.state, addr(K2)).nonce;
    const pay = signed1559(K2, { nonce: k2, to: tokenAddress, value: 1000n, data: data('pay', [bytesToHex(sink)]), gasLimit: 100_000n });
    const spawn = signed1559(K2, { nonce: k2 + 1n, to: tokenAddress, data: data('spawn', []), gasLimit: 300_000n });
    const { applied } = await chain.block([pay.serialize(), spawn.serialize()]);
    expect(applied.every((a) => !(a instanceof Error) && a.result.ok)).toBe(true);
    const statuses = api.currentBlock(chain.state)!.statuses;
    expect(statuses.map((s) => s.logs.length)).toEqual([0, 0]);
    expect(api.account(chain.state, tokenAddress)).toMatchObject({ balance: 500n, nonce: 2n });
    expect(api.account(chain.state, sink).balance).toBe(500n);
    expect(api.code(chain.state, tokenAddress)).toEqual(code);
    checkInvariants(chain.runtime, chain.state);
  });

  it('estimateGas equals the gas a deploy uses; calls never write to the state they read', async () => {
    const nonce = chain.runtime.evm.api.account(chain.state, addr(K2)).nonce;
    const before = new Map(chain.state.entries);
    const est = await chain.runtime.evm.api.call(chain.state, env(), { from: addr(K2), data: deployData() }, { estimate: true });
    const priced = await chain.runtime.evm.api.call(chain.state, env(), { from: addr(K2), data: deployData(), gasPrice: 2n * GWEI }, { estimate: true });
    expect(priced.gasUsed).toBe(est.gasUsed);
    expect(chain.state.entries).toEqual(before);
    const tx = signed1559(K2, { nonce, data: deployData(), gasLimit: est.gasUsed });
    await chain.block([tx.serialize()]);
    const status = chain.runtime.evm.api.currentBlock(chain.state)!.statuses[0]!;
    expect(status.gas_used).toBe(est.gasUsed);
    expect(chain.runtime.evm.api.code(chain.state, status.contract_address!).length).toBeGreaterThan(0);
  });

  it('validates for the pool: nonce too low / too high, funds, chain id, signature; geth messages from the api', () => {
    const rt = chain.runtime;
    const validator = rt.composed.pallets.find((p) => p.pallet.name === 'Ethereum')!.pallet.unsigned!;
    const v = (raw: Uint8Array) => validator.validate(chain.state, { tag: 'transact', value: { transaction: raw } }, { number: chain.number + 1 });
    const nonce = rt.evm.api.account(chain.state, addr(K0)).nonce;
    const reason = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof TransactionValidityError ? e.reason : e instanceof EthTxError ? `${e.code} ${e.message}` : String(e);
      }
      return 'ok';
    };
    expect(reason(() => v(signed1559(K0, { nonce: 0n, to: tokenAddress }).serialize()))).toBe('Stale');
    const ahead = v(signed1559(K0, { nonce: nonce + 2n, to: tokenAddress }).serialize());
    expect(ahead).toMatchObject({ future: true, requires: [`eth:${bytesToHex(addr(K0))}:${nonce + 1n}`], nonce: Number(nonce + 2n), priority: GWEI });
    const ok = v(signed1559(K0, { nonce, to: tokenAddress }).serialize());
    expect(ok).toMatchObject({ future: false, requires: [], provides: [`eth:${bytesToHex(addr(K0))}:${nonce}`] });
    expect(ok.nonceAt?.(chain.state)).toBe(Number(nonce));
    expect(reason(() => v(signed1559(K0, { nonce, value: 10n ** 30n, to: tokenAddress }).serialize()))).toBe('Payment');
    expect(reason(() => v(signed1559(K0, { nonce, to: tokenAddress, chainId: 1n }).serialize()))).toBe('Call');
    const api = rt.evm.api;
    expect(reason(() => api.decodeRawTransaction(chain.state, signed1559(K0, { nonce: 0n, to: tokenAddress }).serialize()))).toBe('-32000 nonce too low');
    expect(reason(() => api.decodeRawTransaction(chain.state, signed1559(K0, { nonce, value: 10n ** 30n }).serialize()))).toBe('-32000 insufficient funds for gas * price + value');
    expect(reason(() => api.decodeRawTransaction(chain.state, signed1559(K0, { nonce, chainId: 5n }).serialize()))).toBe('-32000 invalid chain id');
    expect(reason(() => api.decodeRawTransaction(chain.state, signed1559(K0, { nonce, gasLimit: 20_000n }).serialize()))).toBe('-32000 intrinsic gas too low');
    expect(reason(() => api.decodeRawTransaction(chain.state, new Uint8Array([4, 0xc0])))).toBe('-32000 transaction type not supported');
    expect(reason(() => api.decodeRawTransaction(chain.state, new Uint8Array([3, 0xc0])))).toBe('-32000 transaction type not supported');
    expect(reason(() => api.decodeRawTransaction(chain.state, new Uint8Array([0xc3, 1, 2])))).toMatch(/^-32602 invalid params/);
    // A tampered signature recovers another sender (or none): never the signer.
    const good = signed1559(K0, { nonce, to: tokenAddress }).serialize();
    const bad = good.slice();
    bad[bad.length - 5]! ^= 1;
    const d = reason(() => api.decodeRawTransaction(chain.state, bad));
    expect(d === 'ok' ? 'ok' : d).not.toBe('-32602 invalid params');
  });

  it('never crashes on random bytes: every failure is an EthTxError', () => {
    const api = chain.runtime.evm.api;
    const good = signed1559(K0, { nonce: 0n, to: tokenAddress, data: data('transfer', [bytesToHex(addr(K1)), 1n]) }).serialize();
    let seed = 12345;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    for (let i = 0; i < 3000; i++) {
      let raw: Uint8Array;
      if (i % 2 === 0) raw = new Uint8Array(Array.from({ length: rnd() % 200 }, () => rnd() & 255));
      else {
        raw = good.slice(0, Math.max(1, good.length - (rnd() % 8)));
        for (let j = 0; j < 1 + (rnd() % 3); j++) raw[rnd() % raw.length] = rnd() & 255;
      }
      try {
        api.decodeRawTransaction(chain.state, raw);
      } catch (e) {
        if (!(e instanceof EthTxError)) throw new Error(`input ${bytesToHex(raw)} threw ${String(e)}`);
        expect([-32602, -32000]).toContain(e.code);
      }
    }
  });

  it('a block re-executed on a fresh genesis gives the same changes', async () => {
    const a = new TestChain(new Uint8Array(32).fill(3));
    const b = new TestChain(new Uint8Array(32).fill(3));
    const txs = [signed1559(K0, { nonce: 0n, data: deployData(), gasLimit: 2_000_000n }).serialize(), signedLegacy(K1, { nonce: 0n, to: addr(K2), value: 5n }).serialize()];
    const ra = await a.block(txs);
    const rb = await b.block(txs.map((t) => t.slice()));
    const hex = (c: Map<string, Uint8Array | null>) => [...c].map(([k, v]) => `${Buffer.from(k, 'latin1').toString('hex')}=${v ? Buffer.from(v).toString('hex') : '-'}`).sort();
    expect(hex(rb.changes)).toEqual(hex(ra.changes));
    expect(b.runtime.evm.api.currentBlock(b.state)!.block.hash()).toEqual(a.runtime.evm.api.currentBlock(a.state)!.block.hash());
  });
});
