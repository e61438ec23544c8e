/**
 * Property: random sequences of job actions by random accounts (most of them invalid) keep the money right.
 * After every step: TotalIssuance == Σ (free + reserved) and == genesis issuance − Σ slashed; each owner's
 * reserve is exactly its open escrows; a live job holds reward + fee, a finished one 0, and what it paid plus
 * refunded is never more than its escrow and exactly its escrow at the end; a failed call changes nothing; a
 * signed call never lowers another account's funds except by paying out that account's own escrow.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { root, signed } from '../../runtime/framework/testing.ts';
import type { AccountId } from '../../runtime/primitives.ts';
import { isTerminal } from './transitions.ts';
import { A, ALL, BASE_MODEL, CID, losses, MODEL_HASH, newJobsTest, ROOT_HASH, trainingSpec, type JobsTest } from './testkit.ts';

const OWNERS = [A.owner, A.owner2];
const WORKERS = [A.w1, A.w2, A.w3, A.w4];
const CALLERS = [A.owner, A.owner2, ...WORKERS, A.verifier, A.stranger];
const VERIFIERS = [A.verifier, A.verifier2];

// Job numbers and worker numbers are resolved against the jobs that exist (see `run`), and the next steps of the
// lifecycle weigh most, so random runs reach every ending; the generic calls keep trying the wrong ones.
const job = fc.nat(7).map(BigInt);
const pick = <T>(xs: T[]) => fc.nat(xs.length - 1).map((i) => xs[i]!);
const lifecycle = (name: string) => fc.record({ kind: fc.constant('work' as const), name: fc.constant(name), worker: fc.nat(3), job });
const post = fc.record({ kind: fc.constant('post' as const), owner: pick(OWNERS), reward: fc.bigInt({ min: 50n, max: 20_000n }), workers: fc.integer({ min: 1, max: 2 }), deadline: fc.integer({ min: 1, max: 40 }) });
const action = fc.oneof(
  { weight: 1, arbitrary: post },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('inference' as const), owner: pick(OWNERS), reward: fc.bigInt({ min: 100n, max: 5_000n }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('call' as const), name: fc.constantFrom('cancel_job', 'volunteer', 'apply', 'assign', 'start_training'), who: pick(CALLERS), job }) },
  { weight: 4, arbitrary: lifecycle('volunteer') },
  { weight: 3, arbitrary: lifecycle('start_training') },
  { weight: 1, arbitrary: lifecycle('apply') },
  { weight: 1, arbitrary: lifecycle('assign') },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('submit' as const), worker: fc.nat(3), job, segments: fc.constantFrom(10, 10, 10, 9) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('submitInference' as const), worker: fc.nat(3), job }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('verify' as const), job, accepted: fc.boolean(), offender: fc.nat(3), verifiers: fc.subarray(VERIFIERS) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('evaluate' as const), job, evaluators: fc.subarray([A.evaluator]), score: fc.integer({ min: 0, max: 1_000_000 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('advance' as const), blocks: fc.integer({ min: 1, max: 6 }), author: fc.boolean() }) },
);
type Action = typeof action extends fc.Arbitrary<infer T> ? T : never;

const hex = (a: AccountId) => Buffer.from(a).toString('hex');
const totals = (t: JobsTest) => new Map(ALL.map((a) => [hex(a), { free: t.free(a), reserved: t.reserved(a) }]));
const jobIds = (t: JobsTest) => Array.from({ length: Number(t.jobs.storage.NextJobId.get(t.ext.state)) }, (_, i) => BigInt(i));
const escrowOf = (t: JobsTest, owner: AccountId) =>
  jobIds(t).reduce((s, id) => (hex(t.job(id).owner) === hex(owner) ? s + t.job(id).escrow_remaining : s), 0n);

/**
 * Applies one action; returns the signer (for the no-foreign-funds check) when it was a signed call that succeeded.
 * `job` picks one of the two latest jobs (generic calls take it as is); `worker` picks among the job's workers when it has
 * some, else among all workers.
 */
function run(t: JobsTest, a: Action, onBlock: () => void): AccountId | undefined {
  const call = (who: AccountId | undefined, name: string, args: Record<string, unknown>) => {
    const before = t.ext.snapshot();
    const r = t.ext.call(who ? signed(who) : root, 'Jobs', name, args);
    if (!r.ok) expect(t.ext.snapshot(), `${name} failed but changed state`).toEqual(before);
    return r.ok ? who : undefined;
  };
  const now = t.ext.ctx.block.number;
  const count = t.jobs.storage.NextJobId.get(t.ext.state);
  const recent = count < 2n ? count : 2n;
  const id = !('job' in a) ? 0n : a.kind === 'call' || count === 0n ? a.job : count - 1n - (a.job % recent);
  const workers = t.jobs.job(t.ext.state, id)?.workers ?? [];
  const worker = (n: number) => (workers.length > 0 && n < 3 ? workers[n % workers.length]! : WORKERS[n]!);
  switch (a.kind) {
    case 'post':
      return call(a.owner, 'post_training_job', { spec: trainingSpec({ workers: a.workers, deadline: now + a.deadline }), reward: a.reward });
    case 'inference':
      return call(a.owner, 'post_inference_job', { model_id: BASE_MODEL, input_hash: MODEL_HASH, input_cid: CID, reward: a.reward });
    case 'call':
      return call(a.who, a.name, { job_id: id });
    case 'work':
      return call(a.name === 'volunteer' || a.name === 'apply' ? WORKERS[a.worker]! : worker(a.worker), a.name, { job_id: id });
    case 'submit':
      return call(worker(a.worker), 'submit_result', { job_id: id, model_hash: MODEL_HASH, model_cid: CID, checkpoint_root: ROOT_HASH, segment_losses: losses(a.segments) });
    case 'submitInference':
      return call(worker(a.worker), 'submit_inference_result', { job_id: id, output_hash: MODEL_HASH, output_cid: CID, receipt: ROOT_HASH });
    case 'verify':
      call(undefined, 'force_verification_result', { job_id: id, accepted: a.accepted, verifiers: a.verifiers, offender: worker(a.offender), proof_ref: new Uint8Array([1]) });
      return undefined;
    case 'evaluate':
      call(undefined, 'force_evaluation', { job_id: id, evaluators: a.evaluators, score: a.score });
      return undefined;
    case 'advance':
      for (let i = 0; i < a.blocks; i++) {
        t.advance(1, a.author ? A.author : undefined);
        onBlock();
      }
      return undefined;
  }
}

describe('jobs money invariants (fast-check)', () => {
  it('hold for random action sequences', () => {
    fc.assert(
      fc.property(post, fc.array(action, { minLength: 5, maxLength: 50 }), (first, rest) => {
        const actions = [first, ...rest];
        const t = newJobsTest();
        const genesis = t.issuance();
        let burned = 0n;
        const settled = new Map<bigint, bigint>();
        let seen = 0;
        const account = () => {
          const events = t.ext.events();
          for (const e of events.slice(seen)) {
            const v = e.value as { amount?: bigint; job_id?: bigint; refund?: bigint };
            if (e.pallet === 'Balances' && e.name === 'Slashed') burned += v.amount!;
            if (e.pallet !== 'Jobs') continue;
            const out = e.name === 'PaidOut' ? v.amount : ['JobCancelled', 'JobExpired', 'ResultRejected'].includes(e.name) ? v.refund : undefined;
            if (out !== undefined) settled.set(v.job_id!, (settled.get(v.job_id!) ?? 0n) + out);
          }
          seen = events.length;
        };
        for (const a of actions) {
          const before = totals(t);
          const escrowBefore = new Map(ALL.map((o) => [hex(o), escrowOf(t, o)]));
          const signer = run(t, a, () => {
            seen = 0;
            account();
          });
          account();

          expect(t.issuance()).toBe(t.held());
          expect(t.issuance()).toBe(genesis - burned);
          for (const owner of OWNERS) expect(t.reserved(owner)).toBe(escrowOf(t, owner));
          for (const id of jobIds(t)) {
            const j = t.job(id);
            const paid = settled.get(id) ?? 0n;
            expect(paid).toBeLessThanOrEqual(j.reward + j.fee);
            if (isTerminal(j.status.tag)) expect([j.escrow_remaining, paid]).toEqual([0n, j.reward + j.fee]);
            else expect([j.escrow_remaining, paid]).toEqual([j.reward + j.fee, 0n]);
          }
          if (signer === undefined) continue;
          const after = totals(t);
          for (const other of ALL) {
            const k = hex(other);
            if (k === hex(signer)) continue;
            const drop = before.get(k)!.free + before.get(k)!.reserved - after.get(k)!.free - after.get(k)!.reserved;
            expect(after.get(k)!.free).toBeGreaterThanOrEqual(before.get(k)!.free);
            expect(drop).toBeLessThanOrEqual(escrowBefore.get(k)! - escrowOf(t, other));
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
