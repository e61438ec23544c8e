/** `bench/weights` cases for Jobs' work and verdicts (start, submit, force_*) and its `on_initialize` hook. */
import { JobsWeights } from '../../pallets/jobs/weights.ts';
import { type BenchChain, callOf } from './chain.ts';
import { acceptCall, evaluating, inferenceAssigned, inferenceVerifying, nextJob, panelIds, post, silentJobs, submitCall, training, verifying, volunteer } from './jobs-setup.ts';
import { hookPoint, rootPoint, signedPoint } from './points.ts';
import type { Case } from './runner.ts';
import { cid, h256, type World } from './world.ts';

const MAX_WORKERS = 8;
const MAX_PANEL = 16;
const lastJob = (c: BenchChain) => nextJob(c) - 1n;
const jobsHook = (c: BenchChain) => c.runtime.composed.pallets.find((p) => p.pallet.name === 'Jobs')!.pallet.hooks!.onInitialize!;

/** `Jobs.force_evaluation` of the last job by the first `n` panel members. */
const evaluation = (w: World, n: number) => (c: BenchChain) => callOf('Jobs', 'force_evaluation', { job_id: lastJob(c), evaluators: panelIds(w, n), score: 870_000 });

/** `n` 32-byte filler keys written with `System.set_storage`, to grow the state the prefix scans walk. */
function filler(n: number) {
  return (c: BenchChain) => {
    for (let from = 0; from < n; from += 5_000) {
      const items = Array.from({ length: Math.min(5_000, n - from) }, (_, i) => {
        const key = new Uint8Array(32).fill(0xee);
        new DataView(key.buffer).setUint32(28, from + i);
        return [key, key];
      });
      c.root(callOf('System', 'set_storage', { items }));
    }
  };
}

export const jobsResultCases: Case[] = [
  {
    name: 'Jobs.start_training', weightFn: 'JobsWeights.startTraining',
    prepare: (w) =>
      signedPoint(w, w.workers[MAX_WORKERS - 1]!, (c) => callOf('Jobs', 'start_training', { job_id: lastJob(c) }), {
        setup: (c) => volunteer(w, c, post(w, c, { workers: MAX_WORKERS }), 0, MAX_WORKERS),
      }),
  },
  {
    name: 'Jobs.submit_result', weightFn: 'JobsWeights.submitResult', component: 'segments', values: [1, 128, 512, 1024],
    prepare: (w, n) => signedPoint(w, w.workers[MAX_WORKERS - 1]!, (c) => submitCall(lastJob(c), n), { setup: (c) => void training(w, c, { workers: MAX_WORKERS, segments: n }) }),
  },
  {
    name: 'Jobs.submit_inference_result', weightFn: 'JobsWeights.submitInferenceResult',
    prepare: (w) =>
      signedPoint(w, w.workers[0]!, (c) => callOf('Jobs', 'submit_inference_result', { job_id: lastJob(c), output_hash: h256(4), output_cid: cid('output'), receipt: h256(5) }), {
        setup: (c) => void inferenceAssigned(w, c),
      }),
  },
  {
    name: 'Jobs.force_verification_result(accept training)', weightFn: 'JobsWeights.forceVerificationResult', component: 'verifiers', values: [0, 4, 8, MAX_PANEL],
    prepare: (w, n) => rootPoint(w, (c) => acceptCall(lastJob(c), panelIds(w, n)), { setup: (c) => void verifying(w, c, { workers: MAX_WORKERS }) }),
  },
  {
    name: 'Jobs.force_verification_result(accept inference)', weightFn: 'JobsWeights.forceVerificationResult', component: 'verifiers', values: [0, 4, 8, MAX_PANEL],
    prepare: (w, n) => rootPoint(w, (c) => acceptCall(lastJob(c), panelIds(w, n)), { setup: (c) => void inferenceVerifying(w, c) }),
  },
  {
    name: 'Jobs.force_verification_result(reject)', weightFn: 'JobsWeights.forceVerificationResult', component: 'workers', values: [1, 4, MAX_WORKERS],
    prepare: (w, n) =>
      rootPoint(w, (c) => callOf('Jobs', 'force_verification_result', { job_id: lastJob(c), accepted: false, verifiers: [], offender: w.workers[0]!.publicKey, proof_ref: h256(9) }), {
        setup: (c) => void verifying(w, c, { workers: n }),
      }),
  },
  {
    name: 'Jobs.force_evaluation', weightFn: 'JobsWeights.forceEvaluation', component: 'evaluators', values: [0, 4, 8, MAX_PANEL],
    prepare: (w, n) => rootPoint(w, evaluation(w, n), { setup: (c) => void evaluating(w, c, 0, { workers: 1 }) }),
  },
  {
    name: 'Jobs.force_evaluation', weightFn: 'JobsWeights.forceEvaluation', component: 'workers', values: [1, 4, MAX_WORKERS],
    prepare: (w, n) => rootPoint(w, evaluation(w, 0), { setup: (c) => void evaluating(w, c, 0, { workers: n }) }),
  },
  {
    name: 'Jobs.force_evaluation', weightFn: 'JobsWeights.forceEvaluation', component: 'verifiers', values: [0, 4, 8, MAX_PANEL],
    prepare: (w, n) => rootPoint(w, evaluation(w, 0), { setup: (c) => void evaluating(w, c, n, { workers: 1 }) }),
  },
  {
    // Each due job is the worst case: training, 8 silent workers slashed and released, the escrow refunded.
    name: 'Jobs::on_initialize', weightFn: 'JobsWeights.onInitialize', component: 'due', values: [0, 1, 8, 64, 256],
    prepare: (w, n) => {
      let due = 0;
      return hookPoint(w, (b, c) => void jobsHook(c)(b.ctx), JobsWeights.onInitialize(n).ref_time, { setup: (c) => void (due = silentJobs(w, c, n, MAX_WORKERS)), at: () => due });
    },
  },
  {
    // The cheap way to fill a bucket: Open jobs nobody took, expiring together (refund, candidates dropped).
    name: 'Jobs::on_initialize(open expiring)', weightFn: 'JobsWeights.onInitialize', component: 'due', values: [1, 64, 256],
    prepare: (w, n) => {
      let due = 0;
      const setup = (c: BenchChain) => {
        for (let j = 0; j < n; j++) post(w, c, { deadlineIn: 20, owner: j % 16 });
        due = c.number + 20;
      };
      return hookPoint(w, (b, c) => void jobsHook(c)(b.ctx), JobsWeights.onInitialize(n).ref_time, { setup, at: () => due });
    },
  },
  {
    // Nothing due: the cost is the `Deadlines` prefix scan, which walks every key of the in-memory state.
    name: 'Jobs::on_initialize(nothing due)', weightFn: 'JobsWeights.onInitialize', component: 'state keys', values: [0, 10_000, 50_000, 100_000],
    prepare: (w, n) => hookPoint(w, (b, c) => void jobsHook(c)(b.ctx), JobsWeights.onInitialize(0).ref_time, { setup: filler(n) }),
  },
];
