/**
 * Fuzzing the precompile function with random and mutated calldata and random gas limits: every input gives a
 * well-formed ExecResult (success, a REVERT whose data starts with a documented error selector, or out of gas
 * using all gas), never a throw.
 */
import type { ExecResult, PrecompileInput } from '@ethereumjs/evm';
import { hexToBytes } from '@ethereumjs/util';
import { beforeAll, describe, expect, it } from 'vitest';
import { SELECTORS } from './calls.ts';
import { InferenceErrors } from './errors.ts';
import { pseudoRandom } from './testing/models.ts';
import { createFixture, type Fixture, floatInput, IDS, modelId } from './testing/fixtures.ts';

let f: Fixture;
beforeAll(async () => {
  f = await createFixture();
});

const ERROR_SELECTORS = new Set(Object.values(InferenceErrors.selectors).map((s) => Buffer.from(s).toString('hex')));

function check(r: ExecResult, gasLimit: bigint): void {
  expect(r.returnValue).toBeInstanceOf(Uint8Array);
  expect(r.executionGasUsed >= 0n && r.executionGasUsed <= gasLimit).toBe(true);
  const err = r.exceptionError?.error;
  if (err === undefined) return;
  if (err === 'out of gas') {
    expect([r.executionGasUsed, r.returnValue.length]).toEqual([gasLimit, 0]);
    return;
  }
  expect(err).toBe('revert');
  expect(ERROR_SELECTORS.has(Buffer.from(r.returnValue.subarray(0, 4)).toString('hex'))).toBe(true);
  // The catch-all for bugs must never be what answered.
  expect(Buffer.from(r.returnValue).toString('latin1')).not.toContain('internal error');
}

/** 1–4 random edits of `base`: byte flips, small or huge words at word boundaries, truncation, extension. */
function mutate(base: Uint8Array, rand: () => number): Uint8Array {
  let d = base.slice();
  const pick = (n: number): number => Math.floor(((rand() + 1) / 2) * n);
  for (let k = 0, n = 1 + pick(4); k < n; k++) {
    const op = pick(5);
    if (op === 0 && d.length) d[pick(d.length)] ^= 1 << pick(8);
    else if (op === 1 && d.length > 36) {
      const at = 4 + 32 * pick(Math.floor((d.length - 4) / 32));
      const word = new Uint8Array(32);
      const v = [0, 1, 0x20, 0x40, 0xffffffff, -1][pick(6)]!;
      if (v === -1) word.fill(0xff);
      else new DataView(word.buffer).setUint32(28, v);
      d.set(word.subarray(0, Math.min(32, d.length - at)), at);
    } else if (op === 2) d = d.subarray(0, pick(d.length + 1));
    else if (op === 3) d = Uint8Array.from([...d, ...Array.from({ length: pick(64) }, () => pick(256))]);
    else if (d.length) d[pick(d.length)] = pick(256);
  }
  return d;
}

describe('fuzz', () => {
  it('random and mutated calldata always yield a well-formed ExecResult', async () => {
    const rand = pseudoRandom(2026);
    const pick = (n: number): number => Math.floor(((rand() + 1) / 2) * n);
    const call = (data: Uint8Array, gasLimit: bigint): Promise<ExecResult> | ExecResult =>
      f.chain.precompile.function({ data, gasLimit, common: f.chain.vm.common, _EVM: f.chain.vm.evm } satisfies PrecompileInput);
    const valid = [
      f.iInference.encodeFunctionData('infer', [modelId(IDS.open), [floatInput(16, 1)]]),
      f.iInference.encodeFunctionData('infer', [modelId(IDS.pack), [floatInput(8, 2)]]),
      f.iInference.encodeFunctionData('inferFixed', [modelId(IDS.open), Array.from({ length: 16 }, (_, i) => BigInt(i) * 10n ** 17n), [1, 16], 18]),
      f.iInference.encodeFunctionData('inferPaid', [modelId(IDS.open), [floatInput(16, 4)]]),
      f.iInference.encodeFunctionData('quote', [modelId(IDS.open), 64]),
      f.iInference.encodeFunctionData('modelInfo', [modelId(IDS.pack)]),
    ].map((h) => hexToBytes(h as `0x${string}`));
    const outcomes = { ok: 0, revert: 0, oog: 0 };
    for (let i = 0; i < 4000; i++) {
      const gasLimit = [0n, 3_000n, 50_000n, 10_000_000n][pick(4)]!;
      let data: Uint8Array;
      if (i % 4 === 0) {
        const selector = Object.values(SELECTORS)[pick(5)]!;
        data = Uint8Array.from([...selector, ...Array.from({ length: pick(400) }, () => (pick(3) ? 0 : pick(256)))]);
      } else data = mutate(valid[pick(valid.length)]!, rand);
      const r = await call(data, gasLimit);
      check(r, gasLimit);
      const e = r.exceptionError?.error;
      outcomes[e === undefined ? 'ok' : e === 'revert' ? 'revert' : 'oog']++;
    }
    console.log('fuzz outcomes', outcomes);
    // The mutations must reach every outcome, not just the decoder.
    expect(outcomes.ok).toBeGreaterThan(50);
    expect(outcomes.revert).toBeGreaterThan(500);
    expect(outcomes.oog).toBeGreaterThan(50);
  }, 120_000);

  it('mutated calldata through the VM (runCall) never rejects', async () => {
    const rand = pseudoRandom(7);
    const base = hexToBytes(f.iInference.encodeFunctionData('infer', [modelId(IDS.open), [floatInput(16, 3)]]) as `0x${string}`);
    for (let i = 0; i < 300; i++) {
      const r = await f.chain.call(f.precompile, mutate(base, rand), [0n, 30_000n, 1_000_000n][i % 3]!);
      expect([undefined, 'revert', 'out of gas']).toContain(r.execResult.exceptionError?.error);
    }
  }, 120_000);
});
