/** The session cache: raw models and packs, the byte-bounded LRU, and the CUDA request falling back to CPU. */
import { describe, expect, it } from 'vitest';
import { FINAL_STATE_FILE } from '../../offchain-workers/trainer/run-job.ts';
import { isModelPack, PACK_FINAL_STATE, SessionCache } from './sessions.ts';
import { mlpOnnx, trainedMlpPack } from './testing/models.ts';

describe('SessionCache', () => {
  it('reads packs under the file name the trainer writes', () => {
    expect(PACK_FINAL_STATE).toBe(FINAL_STATE_FILE);
  });

  it('loads a raw model with all graph inputs and a pack with its weights bound', async () => {
    const cache = new SessionCache();
    const raw = mlpOnnx([4, 3]);
    const pack = await trainedMlpPack([4, 5, 2]);
    expect([isModelPack(raw.bytes), isModelPack(pack.bytes)]).toEqual([false, true]);
    const a = await cache.load('a', raw.bytes);
    const b = await cache.load('b', pack.bytes);
    expect([a.inputNames, a.outputNames]).toEqual([['x'], ['logits']]);
    expect([b.inputNames, b.outputNames, Object.keys(b.bound)]).toEqual([['x'], ['logits', 'probs'], ['fc0.weight', 'fc0.bias', 'fc1.weight', 'fc1.bias']]);
    await cache.clear();
  });

  it('evicts the least recently used model beyond maxBytes, never the one just loaded', async () => {
    const models = [mlpOnnx([64, 64], 1), mlpOnnx([64, 64], 2), mlpOnnx([64, 64], 3)];
    const cache = new SessionCache({ maxBytes: models[0]!.bytes.length * 2 + 10 });
    await cache.load('0', models[0]!.bytes);
    await cache.load('1', models[1]!.bytes);
    cache.peek('0');
    await cache.load('2', models[2]!.bytes);
    expect([!!cache.peek('0'), !!cache.peek('1'), !!cache.peek('2')]).toEqual([true, false, true]);
    const tiny = new SessionCache({ maxBytes: 1 });
    expect((await tiny.load('big', models[0]!.bytes)).sizeBytes).toBe(models[0]!.bytes.length);
    expect(tiny.peek('big')).toBeDefined();
    await Promise.all([cache.clear(), tiny.clear()]);
  });

  it('asked for CUDA without its libraries, runs on CPU and warns', async () => {
    const warnings: string[] = [];
    const cache = new SessionCache({ ortProvider: 'cuda', onWarning: (w) => warnings.push(w) });
    const m = await cache.load('a', mlpOnnx([4, 3]).bytes);
    if (m.provider === 'cpu') expect(warnings[0]).toMatch(/CUDA execution provider unavailable/);
    await cache.clear();
  });

  it('rejects bytes that are not a model', async () => {
    await expect(new SessionCache().load('x', new Uint8Array([1, 2, 3]))).rejects.toThrow();
  });
});
