/**
 * Block import with the inference log: an author's node runs a transaction in `record` mode; an importing node
 * (same state) replays it with the author's log and reaches the same receipt and state root. A log whose output
 * differs makes the importer's transaction revert, so its state root differs and the block is rejected.
 */
import { bytesToHex, hexToBytes } from '@ethereumjs/util';
import { describe, expect, it } from 'vitest';
import { MemoryInferenceLog } from './inference-log.ts';
import { createFixture, type Fixture, floatInput, IDS, modelId } from './testing/fixtures.ts';

async function runClassify(f: Fixture, log: MemoryInferenceLog) {
  f.chain.block.log = log;
  const data = f.iClassifier.encodeFunctionData('classifyAndRecord', [modelId(IDS.open), [floatInput(16, 77)]]);
  const r = await f.chain.send(f.classifier, hexToBytes(data as `0x${string}`));
  return { r, root: bytesToHex(await f.chain.vm.stateManager.getStateRoot()) };
}

describe('replay on import', () => {
  it('same receipt and state root with the author’s log; a different root with a forged one', async () => {
    const [author, importer, forged] = await Promise.all([createFixture(), createFixture(), createFixture()]);
    const authorLog = new MemoryInferenceLog('record');
    const a = await runClassify(author, authorLog);
    expect(a.r.execResult.exceptionError).toBeUndefined();
    expect(authorLog.entries()).toHaveLength(1);

    const b = await runClassify(importer, authorLog.toReplay());
    expect(bytesToHex(b.r.execResult.returnValue)).toBe(bytesToHex(a.r.execResult.returnValue));
    expect(b.r.totalGasSpent).toBe(a.r.totalGasSpent);
    expect(b.root).toBe(a.root);

    const entry = authorLog.entries()[0]!;
    const outputs = entry.outputs.slice();
    outputs[outputs.length - 1]! ^= 0x80;
    const c = await runClassify(forged, new MemoryInferenceLog('replay', [{ ...entry, outputs }]));
    expect(c.r.execResult.exceptionError?.error).toBe('revert');
    expect(forged.iInference.parseError(bytesToHex(c.r.execResult.returnValue))?.name).toBe('InferenceMismatch');
    expect(c.root).not.toBe(a.root);
  });
});
