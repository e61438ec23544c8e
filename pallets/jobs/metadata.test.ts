/**
 * What @polkadot/api and Polkadot.js Apps see: the metadata of a runtime with Jobs at 14 decodes with a fresh
 * @polkadot/types registry, with every call, event and error and their docs, and call bytes agree both ways.
 */
import { Metadata, TypeRegistry } from '@polkadot/types';
import { u8aToHex } from '@polkadot/util';
import { describe, expect, it } from 'vitest';
import { buildMetadata } from '../../runtime/metadata/build.ts';
import { decode, encode } from '../../runtime/scale/codec.ts';
import { A, newJobsTest, REWARD, trainingSpec, utf8 } from './testkit.ts';

const t = newJobsTest();
const registry = new TypeRegistry();
const metadata = new Metadata(registry, u8aToHex(buildMetadata({ composed: t.runtime, apis: [] }).v14));
registry.setMetadata(metadata);

describe('Jobs in the metadata', () => {
  it('lists its calls, events, errors, storage and constants with their docs', () => {
    const jobs = metadata.asLatest.pallets.find((p) => p.name.toString() === 'Jobs')!;
    expect(jobs.index.toNumber()).toBe(14);
    const calls = t.jobs.pallet.calls!;
    for (const [name, spec] of Object.entries(calls)) {
      const found = registry.findMetaCall(new Uint8Array([14, spec.index]));
      expect(found.section).toBe('jobs');
      expect(found.meta.docs.map(String)).toEqual(spec.docs);
      expect(found.method).toBe(name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()));
    }
    const err = registry.findMetaError({ index: registry.createType('u8', 14), error: registry.createType('u8', 19) } as never);
    expect([err.name, err.docs]).toEqual(['LossCountMismatch', [' There must be exactly one loss per segment.']]);
    expect(jobs.storage.unwrap().items.map((i) => i.name.toString())).toEqual(['NextJobId', 'Jobs', 'JobsByOwner', 'Candidates', 'CandidateCount', 'WorkerLoad', 'Deadlines', 'DeadlineCount']);
    expect(jobs.constants.find((c) => c.name.toString() === 'NetworkFee')!.value.toU8a(true)).toEqual(new Uint8Array([0x10, 0x27, 0, 0]));
  });

  it('encodes post_training_job as @polkadot/types does, both ways', () => {
    const spec = trainingSpec({ mode: { tag: 'GpuTolerance', value: { tolerance_ppm: 100 } }, segment_length: 50, accelerator: { tag: 'NvidiaGpu' }, hyperparams_cid: utf8('x') });
    const ours = encode(t.runtime.call, { tag: 'Jobs', value: { tag: 'post_training_job', value: { spec, reward: REWARD } } });
    const theirs = registry.createType('Call', ours);
    expect(theirs.section).toBe('jobs');
    const args = theirs.toJSON() as { args: { spec: Record<string, unknown>; reward: number } };
    expect(args.args.reward).toBe(10_000);
    expect(args.args.spec).toMatchObject({ totalSteps: 1_000, segmentLength: 50, workers: 2, deadline: 100, mode: { gpuTolerance: { tolerancePpm: 100 } }, accelerator: 'NvidiaGpu' });
    expect(decode(t.runtime.call, theirs.toU8a())).toEqual({ tag: 'Jobs', value: { tag: 'post_training_job', value: { spec, reward: REWARD } } });
  });

  it('decodes a JobInfo from storage as @polkadot/types does', () => {
    t.ext.assertOk({ tag: 'Signed', who: A.owner }, 'Jobs', 'post_training_job', { spec: trainingSpec(), reward: REWARD });
    const raw = t.ext.state.get(Buffer.from(t.jobs.storage.Jobs.storageKey(0n)).toString('latin1'))!;
    const typeId = metadata.asLatest.pallets.find((p) => p.name.toString() === 'Jobs')!.storage.unwrap().items[1]!.type.asMap.value;
    const info = registry.createType(registry.createLookupType(typeId), raw).toJSON() as Record<string, unknown>;
    expect(info).toMatchObject({ reward: 10_000, fee: 100, escrowRemaining: 10_100, status: 'Open', postedAt: 1 });
  });
});
