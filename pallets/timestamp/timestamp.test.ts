import { describe, expect, it } from 'vitest';
import { BadOrigin } from '../../runtime/framework/pallet.ts';
import { composeRuntime, type ComposedRuntime } from '../../runtime/framework/runtime.ts';
import { newTestExt, none, root, signed } from '../../runtime/framework/testing.ts';
import { decode, encode } from '../../runtime/scale/codec.ts';
import { Moment } from '../../runtime/primitives.ts';
import { acct, mockSystem } from '../balances/mock.ts';
import { MAX_TIMESTAMP_DRIFT_MILLIS, TimestampFailure, TimestampInherentError, timestampPallet } from './index.ts';

const MIN_PERIOD = 3_000n;

/** System 0, Timestamp 1. */
function setup() {
  let runtime: ComposedRuntime | undefined;
  const system = mockSystem(() => runtime!);
  const timestamp = timestampPallet({ minimumPeriod: MIN_PERIOD });
  runtime = composeRuntime('test_runtime', [
    { index: 0, pallet: system.pallet },
    { index: 1, pallet: timestamp.pallet },
  ]);
  const ext = newTestExt(runtime);
  const { hooks, inherent } = timestamp.pallet;
  const finalize = () => hooks!.onFinalize!(ext.ctx);
  /** Finalizes this block and starts the next one. */
  const nextBlock = () => {
    finalize();
    ext.nextBlock();
  };
  return { runtime, ext, storage: timestamp.storage, pallet: timestamp.pallet, inherent: inherent!, finalize, nextBlock };
}

describe('set', () => {
  it('sets Now once per block; the first block may carry any time', () => {
    const t = setup();
    t.ext.assertOk(none, 'Timestamp', 'set', { now: 42n });
    expect(t.storage.Now.get(t.ext.state)).toBe(42n);
    expect(t.storage.DidUpdate.get(t.ext.state)).toBe(true);
    expect(t.ext.events()).toEqual([]);
  });

  it('fails a second time in the same block', () => {
    const t = setup();
    t.ext.assertOk(none, 'Timestamp', 'set', { now: 10_000n });
    t.ext.assertNoop(none, 'Timestamp', 'set', { now: 20_000n }, new TimestampFailure('Timestamp must be updated only once in the block'));
  });

  it('must advance by at least MinimumPeriod', () => {
    const t = setup();
    t.ext.assertOk(none, 'Timestamp', 'set', { now: 10_000n });
    t.nextBlock();
    t.ext.assertNoop(none, 'Timestamp', 'set', { now: 10_000n + MIN_PERIOD - 1n }, new TimestampFailure('too early'));
    t.ext.assertOk(none, 'Timestamp', 'set', { now: 10_000n + MIN_PERIOD });
    expect(t.storage.Now.get(t.ext.state)).toBe(13_000n);
  });

  it('maps to DispatchError::Other', () => {
    const t = setup();
    expect(t.runtime.toDispatchError(new TimestampFailure('x'))).toEqual({ tag: 'Other' });
  });

  it('needs the None origin', () => {
    const t = setup();
    t.ext.assertNoop(signed(acct(1)), 'Timestamp', 'set', { now: 1n }, BadOrigin);
    t.ext.assertNoop(root, 'Timestamp', 'set', { now: 1n }, BadOrigin);
  });

  it('is a Mandatory, fee-free call at index 0 with a compact argument', () => {
    const t = setup();
    const spec = t.pallet.calls!.set!;
    expect([spec.class, spec.paysFee]).toEqual(['Mandatory', false]);
    expect(encode(t.runtime.call, { tag: 'Timestamp', value: { tag: 'set', value: { now: 1_000n } } })).toEqual(Uint8Array.from([1, 0, 0xa1, 0x0f]));
  });
});

describe('on_finalize', () => {
  it('rejects a block without a timestamp', () => {
    const t = setup();
    expect(() => t.finalize()).toThrow('Timestamp must be updated once in the block');
  });

  it('takes DidUpdate (the key is removed)', () => {
    const t = setup();
    t.ext.assertOk(none, 'Timestamp', 'set', { now: 1n });
    t.finalize();
    expect(t.storage.DidUpdate.exists(t.ext.state)).toBe(false);
  });

  it('accounts its weight in on_initialize', () => {
    const t = setup();
    expect(t.pallet.hooks!.onInitialize!(t.ext.ctx)).toEqual({ ref_time: 5_000_000n, proof_size: 0n });
  });
});

describe('inherent', () => {
  it('creates `set` with the author`s clock, never below the previous time + MinimumPeriod', () => {
    const t = setup();
    expect(t.inherent.create({ timestamp: 50_000n }, t.ext.ctx)).toEqual({ tag: 'set', value: { now: 50_000n } });
    t.ext.assertOk(none, 'Timestamp', 'set', { now: 50_000n });
    t.nextBlock();
    expect(t.inherent.create({ timestamp: 51_000n }, t.ext.ctx)).toEqual({ tag: 'set', value: { now: 53_000n } });
  });

  it('check accepts up to MAX_TIMESTAMP_DRIFT_MILLIS ahead of the importer`s clock', () => {
    const t = setup();
    const set = (now: bigint) => ({ tag: 'set', value: { now } });
    expect(MAX_TIMESTAMP_DRIFT_MILLIS).toBe(30_000n);
    expect(() => t.inherent.check(set(100_000n + 30_000n), { timestamp: 100_000n }, t.ext.ctx)).not.toThrow();
    expect(() => t.inherent.check(set(100_000n + 30_001n), { timestamp: 100_000n }, t.ext.ctx)).toThrow(new TimestampInherentError('TooFarInFuture'));
  });

  it('check rejects a time below the previous one + MinimumPeriod', () => {
    const t = setup();
    t.ext.assertOk(none, 'Timestamp', 'set', { now: 100_000n });
    t.nextBlock();
    const set = (now: bigint) => ({ tag: 'set', value: { now } });
    expect(() => t.inherent.check(set(102_999n), { timestamp: 103_000n }, t.ext.ctx)).toThrow(new TimestampInherentError('TooEarly'));
    expect(() => t.inherent.check(set(103_000n), { timestamp: 103_000n }, t.ext.ctx)).not.toThrow();
  });

  it('recognizes only `set` as its inherent', () => {
    const t = setup();
    expect(t.inherent.isInherent({ tag: 'set' })).toBe(true);
    expect(t.inherent.isInherent({ tag: 'remark' })).toBe(false);
  });
});

describe('metadata', () => {
  it('declares MinimumPeriod and FRAME`s storage items', () => {
    const t = setup();
    expect(decode(Moment, t.pallet.constants!.MinimumPeriod!.value)).toBe(MIN_PERIOD);
    expect(t.pallet.storage!.map((s) => [s.name, s.modifier])).toEqual([['Now', 'Default'], ['DidUpdate', 'Default']]);
    expect(t.pallet.errors).toBeUndefined();
  });
});
