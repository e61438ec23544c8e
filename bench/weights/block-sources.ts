/**
 * The two block series the issue asks about, each valid in order on its prepared state: `post_training_job` from
 * the 16 bench owners, and `submit_result` by the workers of jobs already in Training (set up with the pallets'
 * calls: post, volunteer, start_training). Extrinsics are signed lazily, as many as a block size asks for.
 */
import type { RuntimeCall } from '../../runtime/framework/pallet.ts';
import type { DecodedExtrinsic } from '../../runtime/extrinsic/unchecked.ts';
import type { BlockSource } from './blocks.ts';
import { MIN_REWARD, nextJob, post, submitCall } from './jobs-setup.ts';
import { type Account, type BenchChain, callOf, unlimited } from './chain.ts';
import { owner, trainingSpec, type World } from './world.ts';

const OWNERS = 16;

/** A source over `chain`'s current state: extrinsic `i` is `call(i)` signed by `signer(i)`, nonces in order. */
function source(chain: BenchChain, max: number, signer: (i: number) => Account, call: (i: number) => RuntimeCall): BlockSource {
  const signed: DecodedExtrinsic[] = [];
  const sent = new Map<Account, number>();
  return {
    runtime: unlimited(chain.runtime),
    base: chain.flatten(),
    number: chain.number + 1,
    author: chain.keys.get('Alice').publicKey,
    max,
    extrinsics(n) {
      while (signed.length < n) {
        const i = signed.length;
        const who = signer(i);
        const ahead = sent.get(who) ?? 0;
        sent.set(who, ahead + 1);
        signed.push(chain.signed(who, call(i), ahead));
      }
      return signed.slice(0, n);
    },
  };
}

/**
 * `post_training_job` blocks: owner `i % 16` posts job `i`, with the smallest reward and deadlines spread over
 * 1,000 blocks (16 jobs a bucket at most: no shifting, the common case; `Jobs.post_training_job` above has the
 * full-bucket worst case).
 */
export function postSource(w: World, max: number): BlockSource {
  const chain = w.chain.fork();
  const at = chain.number + 1;
  return source(chain, max, (i) => owner(w, i % OWNERS), (i) =>
    callOf('Jobs', 'post_training_job', { spec: trainingSpec(w, at + 100 + (i % 1_000)), reward: MIN_REWARD }));
}

/**
 * `submit_result` blocks with `segments` losses each: `max` one-worker jobs are posted, taken by worker `j % 72`
 * and started in setup blocks; submission `j` is job `j`'s, by its worker.
 */
export function submitSource(w: World, max: number, segments: number): { source: BlockSource; setupMs: number } {
  const t0 = performance.now();
  const chain = w.chain.fork();
  const first = nextJob(chain);
  const workerOf = (j: number) => w.workers[j % w.workers.length]!;
  for (let j = 0; j < max; j++) {
    const id = post(w, chain, { owner: j % OWNERS, segments, reward: MIN_REWARD });
    chain.as(workerOf(j), callOf('Jobs', 'volunteer', { job_id: id }));
    chain.as(workerOf(j), callOf('Jobs', 'start_training', { job_id: id }));
    // Blocks of a realistic size, so the overlay stays shallow as in the node.
    if (j % 250 === 249) chain.next();
  }
  const setupMs = performance.now() - t0;
  return { source: source(chain, max, workerOf, (j) => submitCall(first + BigInt(j), segments)), setupMs };
}
