/** `bench/weights` cases for Jobs' posting and staffing calls: post, cancel, volunteer, apply, assign. */
import { callOf } from './chain.ts';
import { apply, MIN_REWARD, nextJob, ownerPair, post, postCall, volunteer } from './jobs-setup.ts';
import { signedPoint } from './points.ts';
import type { Case } from './runner.ts';
import { cid, h256, REWARD, type World } from './world.ts';

/** Jobs per deadline bucket (`MaxDeadlinesPerBlock`). */
const BUCKET = 256;
/** The widest a job gets: `MaxWorkersPerJob` workers and `MaxCandidates` candidates. */
const MAX_WORKERS = 8;
const MAX_CANDIDATES = 64;

/** The volunteers of a job take workers 0..7; candidates are workers 8..71. */
const CANDIDATE0 = MAX_WORKERS;

/** `post_training_job` when the deadline's bucket and the `buckets - 1` after it are full: the scheduler shifts. */
function postShifted(w: World, buckets: number) {
  return signedPoint(w, ownerPair(w, 1), (c) => postCall(w, c, { deadlineIn: 500 }), {
    setup: (c) => {
      for (let i = 0; i < buckets * BUCKET; i++) post(w, c, { deadlineIn: 501, owner: 2 + (i % 14), reward: MIN_REWARD });
    },
  });
}

export const jobsStaffingCases: Case[] = [
  {
    name: 'Jobs.post_training_job', weightFn: 'JobsWeights.postTrainingJob', component: 'full buckets', values: [0, 8, 32, 63],
    prepare: (w, n) => postShifted(w, n),
  },
  {
    name: 'Jobs.post_inference_job', weightFn: 'JobsWeights.postInferenceJob',
    prepare: (w) => signedPoint(w, ownerPair(w, 1), callOf('Jobs', 'post_inference_job', { model_id: w.baseModel, input_hash: h256(3), input_cid: cid('input'), reward: REWARD })),
  },
  {
    name: 'Jobs.cancel_job', weightFn: 'JobsWeights.cancelJob', component: 'volunteers', values: [0, 3, MAX_WORKERS - 1],
    prepare: (w, n) =>
      signedPoint(w, ownerPair(w), (c) => callOf('Jobs', 'cancel_job', { job_id: nextJob(c) - 1n }), {
        setup: (c) => volunteer(w, c, post(w, c, { workers: MAX_WORKERS }), 0, n),
      }),
  },
  {
    name: 'Jobs.cancel_job', weightFn: 'JobsWeights.cancelJob', component: 'candidates', values: [0, 16, 32, MAX_CANDIDATES],
    prepare: (w, n) =>
      signedPoint(w, ownerPair(w), (c) => callOf('Jobs', 'cancel_job', { job_id: nextJob(c) - 1n }), {
        setup: (c) => apply(w, c, post(w, c, { workers: MAX_WORKERS }), CANDIDATE0, n),
      }),
  },
  {
    // The volunteer that fills the job: the assignment draws the seed and clears every candidate.
    name: 'Jobs.volunteer', weightFn: 'JobsWeights.volunteer', component: 'candidates', values: [0, 16, 32, MAX_CANDIDATES],
    prepare: (w, n) =>
      signedPoint(w, w.workers[MAX_WORKERS - 1]!, (c) => callOf('Jobs', 'volunteer', { job_id: nextJob(c) - 1n }), {
        setup: (c) => {
          const id = post(w, c, { workers: MAX_WORKERS });
          volunteer(w, c, id, 0, MAX_WORKERS - 1);
          apply(w, c, id, CANDIDATE0, n);
        },
      }),
  },
  {
    name: 'Jobs.volunteer', weightFn: 'JobsWeights.volunteer', component: 'workers', values: [1, 4, MAX_WORKERS],
    prepare: (w, n) =>
      signedPoint(w, w.workers[n - 1]!, (c) => callOf('Jobs', 'volunteer', { job_id: nextJob(c) - 1n }), {
        setup: (c) => volunteer(w, c, post(w, c, { workers: n }), 0, n - 1),
      }),
  },
  {
    name: 'Jobs.apply', weightFn: 'JobsWeights.apply', component: 'candidates', values: [0, 32, MAX_CANDIDATES - 1],
    prepare: (w, n) =>
      signedPoint(w, w.workers[CANDIDATE0 + n]!, (c) => callOf('Jobs', 'apply', { job_id: nextJob(c) - 1n }), {
        setup: (c) => apply(w, c, post(w, c, { workers: MAX_WORKERS }), CANDIDATE0, n),
      }),
  },
  {
    name: 'Jobs.assign', weightFn: 'JobsWeights.assign', component: 'candidates', values: [1, 16, 32, MAX_CANDIDATES],
    prepare: (w, n) =>
      signedPoint(w, ownerPair(w, 1), (c) => callOf('Jobs', 'assign', { job_id: nextJob(c) - 1n }), {
        gap: 10,
        setup: (c) => apply(w, c, post(w, c, { workers: 1 }), CANDIDATE0, n),
      }),
  },
  {
    name: 'Jobs.assign', weightFn: 'JobsWeights.assign', component: 'workers', values: [1, 4, MAX_WORKERS],
    prepare: (w, n) =>
      signedPoint(w, ownerPair(w, 1), (c) => callOf('Jobs', 'assign', { job_id: nextJob(c) - 1n }), {
        gap: 10,
        setup: (c) => apply(w, c, post(w, c, { workers: n }), CANDIDATE0, MAX_WORKERS),
      }),
  },
];
