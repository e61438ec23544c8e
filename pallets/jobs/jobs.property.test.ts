/**
 * Property: random sequences of job actions by random accounts (many of them invalid) keep the money right.
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
import { A, ALL, BASE_MODEL, CID, losses, MODEL_HASH, newJobsTest, ROOT_HASH, TEST_CONSTANTS, trainingSpec, type JobsTest } from './testkit.ts';

const OWNERS = [A.owner, A.owner2];
const WORKERS = [A.w1, A.w2, A.w3, A.w4];
const CALLERS = [A.owner, A.owner2, ...WORKERS, A.verifier, A.stranger];
const VERIFIERS = [A.verifier, A.verifier2];
const NAMES = ['cancel_job', 'volunteer', 'apply', 'assign', 'start_training', 'submit_result', 'submit_inference_result'] as const;

const pick = <T>(xs: T[]) => fc.nat(xs.length - 1).map((i) => xs[i]!);
const post = fc.record({
  kind: fc.constant('post' as const),
  owner: pick(OWNERS),
  reward: fc.bigInt({ min: 90n, max: 20_000n }),
  workers: fc.integer({ min: 1, max: 2 }),
  deadline: fc.integer({ min: 1, max: 60 }),
});
// `step` takes one of the two latest jobs one step along its lifecycle, with some wrong choices (`variant`), so
// random runs reach every ending; `call` tries any call by anyone on any id, mostly failing.
const action = fc.oneof(
  { weight: 2, arbitrary: post },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('inference' as const), owner: pick(OWNERS), reward: fc.bigInt({ min: 100n, max: 5_000n }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('call' as const), name: fc.constantFrom(...NAMES), who: pick(CALLERS), job: fc.nat(5).map(BigInt) }) },
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('step' as const), latest: fc.nat(1), worker: fc.nat(3), variant: fc.nat(9), verifiers: fc.subarray(VERIFIERS) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('advance' as const), blocks: fc.integer({ min: 1, max: 8 }), author: fc.boolean() }) },
);
type Action = typeof action extends fc.Arbitrary<infer T> ? T : never;

const hex = (a: AccountId) => Buffer.from(a).toString('hex');
const totals = (t: JobsTest) => new Map(ALL.map((a) => [hex(a), { free: t.free(a), reserved: t.reserved(a) }]));
const jobIds = (t: JobsTest) => Array.from({ length: Number(t.jobs.storage.NextJobId.get(t.ext.state)) }, (_, i) => BigInt(i));
const escrowOf = (t: JobsTest, owner: AccountId) =>
  jobIds(t).reduce((s, id) => (hex(t.job(id).owner) === hex(owner) ? s + t.job(id).escrow_remaining : s), 0n);
const submitArgs = (job_id: bigint, segments: number) => ({ job_id, model_hash: MODEL_HASH, model_cid: CID, checkpoint_root: ROOT_HASH, segment_losses: losses(segments) });

/** Applies one action; returns the signer when it was a signed call that succeeded. */
function run(t: JobsTest, a: Action, onBlock: () => void): AccountId | undefined {
  const call = (who: AccountId | undefined, name: string, args: Record<string, unknown>) => {
    const before = t.ext.snapshot();
    const r = t.ext.call(who ? signed(who) : root, 'Jobs', name, args);
    if (!r.ok) expect(t.ext.snapshot(), `${name} failed but changed state`).toEqual(before);
    return r.ok ? who : undefined;
  };
  switch (a.kind) {
    case 'post':
      return call(a.owner, 'post_training_job', { spec: trainingSpec({ workers: a.workers, deadline: t.ext.ctx.block.number + a.deadline }), reward: a.reward });
    case 'inference':
      return call(a.owner, 'post_inference_job', { model_id: BASE_MODEL, input_hash: MODEL_HASH, input_cid: CID, reward: a.reward });
    case 'call':
      if (a.name === 'submit_result') return call(a.who, a.name, submitArgs(a.job, 10));
      if (a.name === 'submit_inference_result') return call(a.who, a.name, { job_id: a.job, output_hash: MODEL_HASH, output_cid: CID, receipt: ROOT_HASH });
      return call(a.who, a.name, { job_id: a.job });
    case 'step': {
      const count = t.jobs.storage.NextJobId.get(t.ext.state);
      if (count === 0n) return undefined;
      const id = count - 1n - (BigInt(a.latest) % count);
      const job = t.job(id);
      // Mostly one of the job's own workers; variant 0 takes any worker instead.
      const worker = job.workers.length > 0 && a.variant > 0 ? job.workers[a.worker % job.workers.length]! : WORKERS[a.worker]!;
      switch (job.status.tag) {
        case 'Open':
          if (a.variant === 1) return call(job.owner, 'cancel_job', { job_id: id });
          return call(WORKERS[a.worker]!, a.variant < 4 ? 'apply' : a.variant < 6 ? 'assign' : 'volunteer', { job_id: id });
        case 'Assigned':
          if (a.variant === 1) return call(job.owner, 'cancel_job', { job_id: id });
          if (job.kind.tag === 'Inference') return call(worker, 'submit_inference_result', { job_id: id, output_hash: MODEL_HASH, output_cid: CID, receipt: ROOT_HASH });
          return call(worker, 'start_training', { job_id: id });
        case 'Training':
          return call(worker, 'submit_result', submitArgs(id, a.variant === 2 ? 9 : 10));
        case 'Verifying':
          call(undefined, 'force_verification_result', { job_id: id, accepted: a.variant >= 4, verifiers: a.verifiers, offender: worker, proof_ref: new Uint8Array(32).fill(1) });
          return undefined;
        case 'Evaluating':
          call(undefined, 'force_evaluation', { job_id: id, evaluators: a.variant % 2 ? [A.evaluator] : [], score: a.variant * 100_000 });
          return undefined;
        default:
          return call(job.owner, 'cancel_job', { job_id: id });
      }
    }
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
        const t = newJobsTest({ ...TEST_CONSTANTS, assignmentTimeout: 12 });
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
        for (const a of [first, ...rest]) {
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
            if (isTerminal(j.status.tag)) expect([j.escrow_remaining, paid]).toEqual([0n, j.reward + j.fee]);
            else expect([j.escrow_remaining, paid]).toEqual([j.reward + j.fee, 0n]);
          }
          if (signer === undefined) continue;
          const after = totals(t);
          for (const other of ALL) {
            const k = hex(other);
            if (k === hex(signer)) continue;
            const [b, c] = [before.get(k)!, after.get(k)!];
            expect(c.free).toBeGreaterThanOrEqual(b.free);
            expect(b.free + b.reserved - c.free - c.reserved).toBeLessThanOrEqual(escrowBefore.get(k)! - escrowOf(t, other));
          }
        }
      }),
      { numRuns: 120 },
    );
  });
});
