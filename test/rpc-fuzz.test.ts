/**
 * Fuzzes a real `trainchain --dev` process over WebSocket: thousands of random and mutated JSON-RPC
 * requests (real method names with garbage params, huge params, invalid JSON, random bytes, batches),
 * subscription floods over several sockets, abrupt disconnects mid-subscription, and mutated signed
 * extrinsics. Then checks that the node still produces blocks, that no balance moved, and that a real
 * transfer through @polkadot/api still goes through. Counts and time are bounded; FUZZ_SEED replays a run.
 *
 * The unsafe `dev_*` and `evm_*` methods are left out of the random part: they are test controls that change
 * the chain on purpose (`dev_setStorage` writes any key, `evm_mine` makes blocks), so "nothing moved" could not
 * be checked.
 */
import '@polkadot/api-augment';
import { ApiPromise, Keyring, WsProvider } from '@polkadot/api';
import type { KeyringPair } from '@polkadot/keyring/types';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NodeProcess, startNodeProcess } from './support/node-process.ts';
import { RawRpc, type WireResponse } from './support/raw-rpc.ts';

const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const UNIT = 10n ** 18n;
const MiB = 1024 * 1024;
/** Codes a well-behaved node may answer garbage with. -32603 (a handler that crashed) is not one of them. */
const EXPECTED_CODES = new Set([
  -32700, -32600, -32601, -32602, -32000, -32006, -32007, -32008, -32009, -32010, -32011, -32090,
  1, 1002, 1010, 1011, 1012, 1013, 1014, 1016, 4001, 4002, 4003,
]);

const hexOf = (bytes: Uint8Array): string => `0x${Buffer.from(bytes).toString('hex')}`;

/** Params that look a bit like real ones (keys, hashes, numbers) and a lot like garbage. */
const param: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 3, arbitrary: fc.uint8Array({ maxLength: 80 }).map(hexOf) },
  { weight: 2, arbitrary: fc.uint8Array({ minLength: 32, maxLength: 32 }).map(hexOf) },
  { weight: 1, arbitrary: fc.constantFrom(-1, 0, 1, 2 ** 32, 2 ** 53, 1.5, 1e308, '0x', '0x0', '0xzz', '0x1', '', 'null', true, null) },
  { weight: 1, arbitrary: fc.array(fc.uint8Array({ maxLength: 48 }).map(hexOf), { maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 64 }) },
);

function requestArb(methods: string[]): fc.Arbitrary<{ method: string; params: unknown }> {
  return fc.record({
    method: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...methods) }, { weight: 1, arbitrary: fc.string({ maxLength: 30 }) }),
    params: fc.oneof({ weight: 6, arbitrary: fc.array(param, { maxLength: 4 }) }, { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), param, { maxKeys: 3 }) }, { weight: 1, arbitrary: param }),
  });
}

/** One frame and the ids whose answers it must produce. */
interface Frame {
  text: string | Buffer;
  ids: number[];
}

function frameArb(methods: string[], nextId: () => number): fc.Arbitrary<Frame> {
  const req = requestArb(methods);
  const one = req.map((r) => {
    const id = nextId();
    return { text: JSON.stringify({ jsonrpc: '2.0', id, ...r }), ids: [id] };
  });
  const batch = fc.array(req, { minLength: 1, maxLength: 8 }).map((rs) => {
    const ids = rs.map(() => nextId());
    return { text: JSON.stringify(rs.map((r, i) => ({ jsonrpc: '2.0', id: ids[i], ...r }))), ids };
  });
  // A real request cut short or with one character replaced: invalid JSON, or valid JSON with a broken envelope.
  const mutated = fc.tuple(req, fc.nat(), fc.string({ minLength: 1, maxLength: 1, unit: 'binary-ascii' })).map(([r, at, ch]) => {
    const text = JSON.stringify({ jsonrpc: '2.0', id: 7, ...r });
    const i = at % text.length;
    return { text: at % 2 ? text.slice(0, i) + ch + text.slice(i + 1) : text.slice(0, i), ids: [] };
  });
  const junk = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 300 }).map((s) => ({ text: s, ids: [] })),
    fc.uint8Array({ maxLength: 300 }).map((b) => ({ text: Buffer.from(b), ids: [] })),
    fc.json().map((s) => ({ text: s, ids: [] })),
    fc.constantFrom('', '[]', '[[]]', '{}', 'null', '[1,2,3]', '{"jsonrpc":"2.0","method":"system_health"}', '{"__proto__":{"x":1},"jsonrpc":"2.0","id":1,"method":"constructor"}', '['.repeat(10_000)).map((s) => ({ text: s, ids: [] })),
  );
  return fc.oneof({ weight: 10, arbitrary: one }, { weight: 2, arbitrary: batch }, { weight: 3, arbitrary: mutated }, { weight: 2, arbitrary: junk });
}

function isResponse(x: unknown): x is WireResponse {
  return typeof x === 'object' && x !== null && (x as WireResponse).jsonrpc === '2.0' && ('result' in x || typeof (x as WireResponse).error?.code === 'number');
}

/** All answers on `sock`, flattened out of batches, by id. */
function answersById(sock: RawRpc): Map<unknown, WireResponse[]> {
  const out = new Map<unknown, WireResponse[]>();
  for (const f of sock.unmatched) {
    for (const r of Array.isArray(f) ? f : [f]) {
      if (!isResponse(r)) continue;
      const list = out.get(r.id) ?? [];
      list.push(r);
      out.set(r.id, list);
    }
  }
  return out;
}

async function waitUntil(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe(`fuzzing trainchain --dev over JSON-RPC (FUZZ_SEED=${seed})`, { timeout: 90_000 }, () => {
  let node: NodeProcess;
  let api: ApiPromise;
  let alice: KeyringPair;
  let bob: KeyringPair;
  let methods: string[];
  let balancesBefore: Map<string, string>;
  let issuanceBefore: bigint;
  const internalErrors: WireResponse[] = [];

  beforeAll(async () => {
    await cryptoWaitReady();
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    alice = keyring.addFromUri('//Alice');
    bob = keyring.addFromUri('//Bob');
    node = await startNodeProcess(['--dev', '--block-time', '300']);
    api = await ApiPromise.create({ provider: new WsProvider(node.ws), noInitWarn: true });
    const listed = await api.rpc.rpc.methods();
    methods = listed.methods.map((m) => m.toString()).filter((m) => !m.startsWith('dev_') && !m.startsWith('evm_'));
    const entries = await api.query.system.account.entries();
    balancesBefore = new Map(entries.map(([k, v]) => [k.toHex(), v.toHex()]));
    issuanceBefore = (await api.query.balances.totalIssuance()).toBigInt();
  });
  afterAll(async () => {
    await api?.disconnect();
    await node?.kill();
  });

  it('answers thousands of random and mutated requests on several sockets, each well-formed', async () => {
    let id = 1_000_000;
    const frames = fc.sample(frameArb(methods, () => id++), { numRuns: 4000, seed });
    const sent = new Map<number, string>();
    for (const f of frames) {
      if (f.ids.length === 0) continue;
      const parsed = JSON.parse(String(f.text)) as unknown;
      for (const r of Array.isArray(parsed) ? parsed : [parsed]) sent.set((r as { id: number }).id, JSON.stringify(r).slice(0, 300));
    }
    const sockets = await Promise.all([0, 1, 2, 3].map(() => RawRpc.connect(node.ws)));
    const expected = sockets.map(() => new Set<number>());
    frames.forEach((f, i) => {
      const k = i % sockets.length;
      for (const x of f.ids) expected[k]!.add(x);
      sockets[k]!.sendRaw(f.text);
    });
    // Huge but legal: a 5 MiB extrinsic, a 100k-entry key list, deep nesting; each gets an error, not a crash.
    const huge: [string, unknown][] = [
      ['author_submitExtrinsic', [`0x${'ab'.repeat(5 * MiB)}`]],
      ['state_queryStorageAt', [Array.from({ length: 100_000 }, () => '0x00')]],
      ['chain_getBlockHash', [Array.from({ length: 5000 }, (_, i) => i)]],
      ['state_getStorage', [`0x${'00'.repeat(5000)}`]],
      ['state_call', ['Core_version', `0x${'00'.repeat(2 * MiB)}`]],
      ['system_accountNextIndex', [JSON.parse('['.repeat(2000) + ']'.repeat(2000)) as unknown]],
    ];
    for (const [method, params] of huge) {
      const hid = id++;
      expected[0]!.add(hid);
      sockets[0]!.sendRaw(JSON.stringify({ jsonrpc: '2.0', id: hid, method, params }));
    }
    await waitUntil(() => sockets.every((s, k) => [...expected[k]!].every((x) => answersById(s).has(x))), 60_000, 'answers to every request');
    let answered = 0;
    for (const [k, s] of sockets.entries()) {
      expect(s.isOpen).toBe(true);
      const byId = answersById(s);
      for (const x of expected[k]!) {
        const rs = byId.get(x)!;
        expect(rs, `exactly one answer to id ${x}`).toHaveLength(1);
        const r = rs[0]!;
        if (r.error) {
          if (r.error.code === -32603) internalErrors.push({ ...r, error: { ...r.error, data: sent.get(x) ?? 'huge request' } });
          else expect(EXPECTED_CODES.has(r.error.code), `unexpected code ${JSON.stringify(r.error)}`).toBe(true);
          expect(typeof r.error.message).toBe('string');
        }
        answered++;
      }
      // Everything the node sent back is JSON-RPC: responses (single or batch) and notifications.
      for (const f of s.unmatched) {
        const ok = Array.isArray(f) ? f.length > 0 && f.every(isResponse) : isResponse(f);
        expect(ok, `malformed frame ${JSON.stringify(f)?.slice(0, 200)}`).toBe(true);
      }
    }
    expect(answered).toBeGreaterThan(4000);
    await Promise.all(sockets.map((s) => s.close()));
  });

  it('refuses oversized frames without dropping the connection, and survives one past the hard cap', async () => {
    const s = await RawRpc.connect(node.ws);
    const r = (await s.rawExchange(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'author_submitExtrinsic', params: [`0x${'00'.repeat(7.75 * MiB)}`] }))) as WireResponse;
    expect(r.error?.code).toBe(-32007);
    expect(s.isOpen).toBe(true);
    expect((await s.call('system_health')).result).toBeDefined();
    const t = await RawRpc.connect(node.ws);
    const closed = new Promise<number>((resolve) => t.ws.once('close', (code) => resolve(code)));
    t.sendRaw('x'.repeat(17 * MiB));
    expect(await closed).toBe(1009);
    expect((await s.call('system_health')).result).toBeDefined();
    await s.close();
  });

  it('survives subscription floods on several sockets and abrupt disconnects mid-subscription', async () => {
    const subscribe = ['chain_subscribeNewHeads', 'chain_subscribeAllHeads', 'chain_subscribeFinalizedHeads', 'state_subscribeRuntimeVersion'];
    const unsubscribe = ['chain_unsubscribeNewHeads', 'chain_unsubscribeAllHeads', 'chain_unsubscribeFinalizedHeads', 'state_unsubscribeRuntimeVersion'];
    const key = api.query.system.account.key(bob.address);
    const sockets = await Promise.all(Array.from({ length: 6 }, () => RawRpc.connect(node.ws)));
    const results = await Promise.all(
      sockets.map((s, k) =>
        Promise.all(
          Array.from({ length: k === 0 ? 1100 : 250 }, (_, i) =>
            i % 5 === 4 ? s.call('state_subscribeStorage', [[key]]) : s.call(subscribe[i % subscribe.length]!),
          ),
        ),
      ),
    );
    // The first socket went past the per-connection limit (1024): the rest were refused with -32006.
    const refused = results[0]!.filter((r) => r.error?.code === -32006).length;
    expect(refused).toBe(1100 - 1024);
    for (const rs of results.slice(1)) expect(rs.every((r) => typeof r.result === 'string')).toBe(true);
    // Watch a transaction, then drop the socket without a close handshake while it is pending.
    const watcher = await RawRpc.connect(node.ws);
    const tx = api.tx.balances.transferKeepAlive(bob.address, 1n);
    await tx.signAsync(alice, { nonce: 1_000_000, era: 0 });
    const watchId = await watcher.subscribe('author_submitAndWatchExtrinsic', [tx.toHex()]);
    expect(watchId).toMatch(/^[A-Za-z0-9]{16}$/);
    // Half the sockets vanish abruptly (TCP reset, no close frame), mid-stream; the others unsubscribe and close.
    await new Promise((r) => setTimeout(r, 400));
    watcher.terminate();
    for (const s of sockets.slice(0, 3)) s.terminate();
    for (const s of sockets.slice(3)) {
      const ids = results[sockets.indexOf(s)]!.map((r) => r.result as string).slice(0, 50);
      const unsub = await Promise.all(ids.map((x, i) => s.call(i % 5 === 4 ? 'state_unsubscribeStorage' : unsubscribe[i % unsubscribe.length]!, [x])));
      expect(unsub.map((u) => u.result)).toEqual(ids.map(() => true));
      await s.close();
    }
    // Sockets that subscribe and vanish right away, many times.
    for (let i = 0; i < 30; i++) {
      const s = await RawRpc.connect(node.ws);
      s.sendRaw(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'chain_subscribeNewHeads', params: [] }));
      s.sendRaw(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'state_subscribeStorage', params: [[key]] }));
      if (i % 2) s.terminate();
      else await s.close();
    }
    const probe = await RawRpc.connect(node.ws);
    const sub = await probe.subscribe('chain_subscribeNewHead');
    await probe.waitFor(sub, 2);
    await probe.close();
  });

  it('rejects mutated and invalid extrinsics with 1002/1010/1011/1012/1013/1014, never accepting one', async () => {
    const s = await RawRpc.connect(node.ws);
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    const eve = keyring.addFromUri('//Eve');
    const nonce = (await api.query.system.account(alice.address)).nonce.toNumber();
    const tx = api.tx.balances.transferKeepAlive(bob.address, 1_000n * UNIT);
    await tx.signAsync(alice, { nonce });
    const good = Buffer.from(tx.toU8a());
    const mutation = fc.oneof(
      // Flip one byte (never a no-op), anywhere: length prefix, version, signer, signature, extra, call.
      fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })).map(([at, x]) => {
        const b = Buffer.from(good);
        b[at % b.length]! ^= x;
        return b;
      }),
      fc.nat().map((n) => good.subarray(0, n % good.length)),
      fc.uint8Array({ minLength: 1, maxLength: 40 }).map((extra) => Buffer.concat([good, extra])),
      fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
    );
    // Re-encoding the signer as MultiAddress::Address32 (byte 0x00 → 0x03 after `0x84`) is a known
    // malleability, tested on its own below; the random part leaves that one byte alone.
    const addressTag = ((good[0]! & 3) === 0 ? 1 : (good[0]! & 3) === 1 ? 2 : 4) + 1;
    const onlyAddressTag = (b: Buffer) =>
      b.length === good.length && b[addressTag] !== good[addressTag] && b.subarray(0, addressTag).equals(good.subarray(0, addressTag)) && b.subarray(addressTag + 1).equals(good.subarray(addressTag + 1));
    const samples = fc.sample(mutation, { numRuns: 600, seed }).filter((b) => !b.equals(good) && !onlyAddressTag(b));
    const codes = new Map<number, number>();
    for (let i = 0; i < samples.length; i += 50) {
      const batch = samples.slice(i, i + 50);
      const answers = await Promise.all(batch.map((b) => s.call('author_submitExtrinsic', [hexOf(b)])));
      for (const [j, a] of answers.entries()) {
        expect(a.error, `accepted a mutated extrinsic ${hexOf(batch[j]!)} (original ${hexOf(good)})`).toBeDefined();
        codes.set(a.error!.code, (codes.get(a.error!.code) ?? 0) + 1);
      }
    }
    for (const code of codes.keys()) expect([1002, 1010, 1011, 1012], `code ${code}`).toContain(code);
    expect(codes.get(1002)).toBeGreaterThan(0);
    expect(codes.get(1010)).toBeGreaterThan(0);
    // The same bad bytes again: banned.
    const bad = Buffer.from(good);
    bad[bad.length - 40]! ^= 1;
    await s.call('author_submitExtrinsic', [hexOf(bad)]);
    expect((await s.call('author_submitExtrinsic', [hexOf(bad)])).error?.code).toBe(1012);
    // Unsigned call without an unsigned validator: 1011.
    expect((await s.call('author_submitExtrinsic', [api.tx.balances.transferKeepAlive(bob.address, 1n).toHex()])).error?.code).toBe(1011);
    // Already imported (1013) and the same nonce with no higher priority (1014), from the future queue.
    const eveNonce = (await api.query.system.account(eve.address)).nonce.toNumber() + 500;
    const f1 = api.tx.balances.transferKeepAlive(bob.address, 1n);
    await f1.signAsync(eve, { nonce: eveNonce, era: 0 });
    expect((await s.call('author_submitExtrinsic', [f1.toHex()])).result).toBe(f1.hash.toHex());
    expect((await s.call('author_submitExtrinsic', [f1.toHex()])).error?.code).toBe(1013);
    const f2 = api.tx.balances.transferKeepAlive(bob.address, 2n);
    await f2.signAsync(eve, { nonce: eveNonce, era: 0 });
    expect((await s.call('author_submitExtrinsic', [f2.toHex()])).error?.code).toBe(1014);
    // The untouched original is still valid.
    expect((await api.query.system.account(alice.address)).nonce.toNumber()).toBe(nonce);
    await s.close();
  });

  // The signer's address is not covered by the signature: accepting `MultiAddress::Address32(id)` like `Id(id)`
  // would let anyone re-encode a pending transaction into a second valid one with another hash. Substrate's
  // AccountIdLookup refuses Address32 (1011 CannotLookup), and so do we.
  it('refuses a signed transaction whose signer was re-encoded as MultiAddress::Address32', async () => {
    const s = await RawRpc.connect(node.ws);
    try {
      const ferdie = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//Ferdie');
      const tx = api.tx.balances.transferKeepAlive(bob.address, 1n);
      // A future nonce, so that the transaction never executes even when it is (wrongly) accepted.
      await tx.signAsync(ferdie, { nonce: (await api.query.system.account(ferdie.address)).nonce.toNumber() + 700, era: 0 });
      const bytes = Buffer.from(tx.toU8a());
      const at = ((bytes[0]! & 3) === 0 ? 1 : (bytes[0]! & 3) === 1 ? 2 : 4) + 1;
      expect(bytes[at]).toBe(0x00);
      bytes[at] = 0x03;
      expect((await s.call('author_submitExtrinsic', [hexOf(bytes)])).error?.code).toBe(1011);
    } finally {
      await s.close();
    }
  });

  it('still produces blocks, lost no balance, and takes a real transfer from a new client', async () => {
    expect(internalErrors.map((r) => r.error)).toEqual([]);
    const fresh = await ApiPromise.create({ provider: new WsProvider(node.ws), noInitWarn: true });
    try {
      const n0 = (await fresh.rpc.chain.getHeader()).number.toNumber();
      await new Promise((r) => setTimeout(r, 1500));
      expect((await fresh.rpc.chain.getHeader()).number.toNumber()).toBeGreaterThanOrEqual(n0 + 2);
      const entries = await fresh.query.system.account.entries();
      expect(new Map(entries.map(([k, v]) => [k.toHex(), v.toHex()]))).toEqual(balancesBefore);
      expect((await fresh.query.balances.totalIssuance()).toBigInt()).toBe(issuanceBefore);

      const bobBefore = (await fresh.query.system.account(bob.address)).data.free.toBigInt();
      const status = await new Promise<string>((resolve, reject) => {
        fresh.tx.balances
          .transferKeepAlive(bob.address, 3n * UNIT)
          .signAndSend(alice, (r) => {
            if (r.status.isFinalized) resolve(r.dispatchError ? 'failed' : 'finalized');
            if (r.isError) reject(new Error(r.status.type));
          })
          .catch(reject);
      });
      expect(status).toBe('finalized');
      expect((await fresh.query.system.account(bob.address)).data.free.toBigInt()).toBe(bobBefore + 3n * UNIT);
    } finally {
      await fresh.disconnect();
    }
    // The node process is alive and printed no crash.
    expect(node.child.exitCode).toBeNull();
    expect(node.logs()).not.toMatch(/Unhandled|uncaught|FATAL/i);
  });
});
