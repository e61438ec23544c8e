import { describe, expect, it } from 'vitest';
import { signed } from '../../runtime/framework/testing.ts';
import { acct } from '../balances/mock.ts';
import type { WorkerView } from './config.ts';
import { JOBS_DEFAULTS } from './defaults.ts';
import { JobsError } from './index.ts';
import { type Candidate, rankCandidates } from './scheduler.ts';
import { A, jobEvents, newJobsTest, REWARD, trainingSpec, utf8 } from './testkit.ts';

const W = JOBS_DEFAULTS.schedulerWeights;
const only = (k: keyof typeof W) => ({ locality: 0, acceleratorFit: 0, sla: 0, price: 0, load: 0, [k]: 1_000_000 });

function view(region = 'us-east', fields: Partial<WorkerView['spec']> = {}, reputation = 500_000): WorkerView {
  const spec = { accelerator: { tag: 'NvidiaGpu' as const }, accelerator_count: 1, memory_mb: 1, region: utf8(region), runtimes: [{ tag: 'OnnxCpu' as const }], price_per_second: 100n };
  return { spec: { ...spec, ...fields }, reputation };
}
const cand = (n: number, v: WorkerView, load = 0): Candidate => ({ who: acct(n), view: v, load });

describe('rankCandidates (pure)', () => {
  it('scores each factor as documented', () => {
    const prefs = { region: utf8('us-east'), accelerator: 'NvidiaGpu' as const };
    const [a, b, c] = [cand(1, view('us-east', { accelerator_count: 8 })), cand(2, view('us-west', { price_per_second: 200n }), 1), cand(3, view('eu-west', { accelerator: { tag: 'AmdGpu' }, price_per_second: 0n }, 2_000_000), 3)];
    const byWho = new Map(rankCandidates(prefs, [a, b, c], W).map((s) => [s.who[0], s.factors]));
    expect(byWho.get(1)).toEqual({ locality: 1_000_000, acceleratorFit: 1_000_000, sla: 500_000, price: 0, load: 1_000_000 });
    // Cheapest is the free worker: any positive price scores 0 against it.
    expect(byWho.get(2)).toEqual({ locality: 500_000, acceleratorFit: 562_500, sla: 500_000, price: 0, load: 500_000 });
    expect(byWho.get(3)).toEqual({ locality: 0, acceleratorFit: 0, sla: 1_000_000, price: 1_000_000, load: 250_000 });
  });

  it('sums weight × factor in parts per million', () => {
    const [s] = rankCandidates({ region: utf8('us-east') }, [cand(1, view('us-east'), 0), cand(2, view('us-east', { price_per_second: 50n }), 0)], W);
    // Worker 2: 350_000 + 0.25 × 562_500 + 0.2 × 500_000 + 100_000 (cheapest) + 100_000.
    expect(s).toMatchObject({ who: acct(2), score: 790_625 });
  });

  it('needs no preference to be neutral', () => {
    const [s] = rankCandidates({}, [cand(1, view('anywhere'))], only('locality'));
    expect(s!.score).toBe(1_000_000);
  });

  it('breaks ties by the smaller account id, whatever the input order', () => {
    const same = [cand(5, view()), cand(3, view()), cand(4, view())];
    const order = (xs: Candidate[]) => rankCandidates({}, xs, W).map((s) => s.who[0]);
    expect(order(same)).toEqual([3, 4, 5]);
    expect(order([...same].reverse())).toEqual([3, 4, 5]);
  });

  it('follows the weights: locality wins by default, price when it carries all the weight', () => {
    const local = cand(1, view('us-east', { price_per_second: 1_000n }));
    const cheapFar = cand(2, view('eu-west', { price_per_second: 10n }));
    const prefs = { region: utf8('us-east') };
    expect(rankCandidates(prefs, [cheapFar, local], W)[0]!.who).toEqual(acct(1));
    expect(rankCandidates(prefs, [local, cheapFar], only('price'))[0]!.who).toEqual(acct(2));
    expect(rankCandidates(prefs, [local, cand(3, view('us-east'), 4)], only('load'))[0]!.who).toEqual(acct(1));
  });
});

describe('assign', () => {
  /** Job 0 in us-east for one worker; w1 (eu-west), w2 (us-east) and w3 (us-west) apply. */
  function withCandidates(spec = trainingSpec({ workers: 1, region: utf8('us-east') })) {
    const t = newJobsTest();
    t.workers.register(t.ext.ctx, A.w2, { region: utf8('us-east') });
    t.workers.register(t.ext.ctx, A.w3, { region: utf8('us-west') });
    t.ext.assertOk(signed(A.owner), 'Jobs', 'post_training_job', { spec, reward: REWARD });
    for (const w of [A.w1, A.w2, A.w3]) t.ext.assertOk(signed(w), 'Jobs', 'apply', { job_id: 0n });
    return t;
  }

  it('waits for the application period, then picks the best-scored candidate and clears the list', () => {
    const t = withCandidates();
    t.advance();
    t.ext.assertNoop(signed(A.stranger), 'Jobs', 'assign', { job_id: 0n }, JobsError.ApplicationPeriod);
    t.advance();
    t.ext.assertOk(signed(A.stranger), 'Jobs', 'assign', { job_id: 0n });
    expect(jobEvents(t).at(-1)).toMatchObject({ name: 'JobAssigned', value: { job_id: 0n, workers: [A.w2] } });
    expect(t.job(0n)).toMatchObject({ status: { tag: 'Assigned' }, workers: [A.w2], assigned_at: 3 });
    expect(t.staking.storage.Locked.get(t.ext.state, A.w2)).toBe(1_000n);
    expect(t.jobs.storage.WorkerLoad.get(t.ext.state, A.w2)).toBe(1);
    expect(t.jobs.storage.CandidateCount.get(t.ext.state, 0n)).toBe(0);
    for (const w of [A.w1, A.w2, A.w3]) expect(t.jobs.storage.Candidates.contains(t.ext.state, 0n, w)).toBe(false);
  });

  it('skips candidates that became ineligible: offline, or their unlocked stake went to another job', () => {
    const t = withCandidates();
    t.workers.register(t.ext.ctx, A.w2, { active: false });
    t.advanceTo(3);
    t.ext.assertOk(signed(A.stranger), 'Jobs', 'assign', { job_id: 0n });
    expect(t.job(0n).workers).toEqual([A.w3]);

    const u = withCandidates(trainingSpec({ workers: 1, region: utf8('us-east'), min_worker_stake: 6_000n }));
    u.ext.assertOk(signed(A.owner2), 'Jobs', 'post_training_job', { spec: trainingSpec({ workers: 1, min_worker_stake: 6_000n }), reward: REWARD });
    u.ext.assertOk(signed(A.w2), 'Jobs', 'volunteer', { job_id: 1n });
    u.advanceTo(3);
    u.ext.assertOk(signed(A.stranger), 'Jobs', 'assign', { job_id: 0n });
    expect(u.job(0n).workers).toEqual([A.w3]);
  });

  it('fills only the places volunteers left, and fails without enough eligible candidates', () => {
    const t = withCandidates(trainingSpec({ workers: 3, region: utf8('us-east') }));
    t.ext.assertOk(signed(A.w4), 'Jobs', 'volunteer', { job_id: 0n });
    t.advanceTo(3);
    t.workers.register(t.ext.ctx, A.w1, { active: false });
    t.workers.register(t.ext.ctx, A.w3, { active: false });
    t.ext.assertNoop(signed(A.stranger), 'Jobs', 'assign', { job_id: 0n }, JobsError.NotEnoughCandidates);
    t.workers.register(t.ext.ctx, A.w3, { active: true });
    t.ext.assertOk(signed(A.stranger), 'Jobs', 'assign', { job_id: 0n });
    expect(t.job(0n).workers).toEqual([A.w4, A.w2, A.w3]);
  });
});
