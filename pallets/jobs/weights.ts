/**
 * Jobs call weights in picoseconds of reference-machine time (1 µs = 1e6, 1 ms = 1e9). Measured with
 * `bench/weights.ts` on the 2-core dev machine (2 × AMD EPYC, shared), 2026-11-22: 1.5 × (3 × the fitted execution
 * median + 30 µs per storage key written), rounded up; each component fitted alone on a worst-case state. 3 is the
 * measured in-block factor (a call in a full block runs up to ~3× slower than alone), 30 µs the measured trie root +
 * LevelDB commit cost of one key. Arguments are sizes: weights grow with what a call reads, writes or loops over.
 */
import { type Weight, weight } from '../../runtime/primitives.ts';

const US = 1_000_000n;
const big = (n: number) => BigInt(n);
/** Encoding of argument bytes into the stored job (0.014 µs a byte, from `submit_result`'s losses). */
const PER_BYTE = 14_000n;
/**
 * Posting: validation, the reserve, job, owner index, next id and a deadline entry written (390 µs), plus the worst
 * case of `scheduleCheck`: 63 full deadline buckets skipped at 14 µs each.
 */
const POST = 1_300n * US;

/** Pre-dispatch weight of each call and of the hook. */
export const JobsWeights = {
  postTrainingJob: (specBytes: number): Weight => weight(POST + big(specBytes) * PER_BYTE, 6_000n + big(specBytes)),
  postInferenceJob: (cidBytes: number): Weight => weight(POST + big(cidBytes) * PER_BYTE, 5_000n + big(cidBytes)),
  /** Refund; per worker its lock, load and ledger (4 keys, 12 µs); per candidate its entry (1 key, 3 µs). */
  cancelJob: (maxWorkers: number, maxCandidates: number): Weight => weight(240n * US + big(maxWorkers) * 240n * US + big(maxCandidates) * 59n * US, 8_000n),
  /** Eligibility reads and a lock; when it fills the job, randomness, a schedule entry and the candidates cleared. */
  volunteer: (maxCandidates: number): Weight => weight(510n * US + big(maxCandidates) * 61n * US, 8_000n),
  apply: (): Weight => weight(210n * US, 6_000n),
  /** Reads and scores every candidate (15 µs each), locks the chosen (25 µs, 3 keys each), completes the assignment. */
  assign: (maxCandidates: number, maxWorkers: number): Weight =>
    weight(610n * US + big(maxCandidates) * 120n * US + big(maxWorkers) * 250n * US, 10_000n + big(maxCandidates) * 200n),
  startTraining: (): Weight => weight(210n * US, 4_000n),
  /** The job written with its losses (0.012 µs each). */
  submitResult: (losses: number): Weight => weight(110n * US + big(losses) * 55_000n, 5_000n + big(losses) * 4n),
  submitInferenceResult: (): Weight => weight(79n * US, 5_000n),
  /**
   * The costlier of acceptance (an inference job paid out: a payout per verifier) and rejection (a slash, then per
   * worker its lock released and a fault noted).
   */
  forceVerificationResult: (verifiers: number, maxWorkers: number): Weight => {
    const accept = 820n * US + big(verifiers) * 130n * US;
    const reject = 520n * US + big(maxWorkers) * 290n * US;
    return weight(accept > reject ? accept : reject, 8_000n);
  },
  /** One role read per evaluator, the model registration, a payout per payee and an unlock and a note per worker. */
  forceEvaluation: (evaluators: number, maxWorkers: number, maxVerifiers: number): Weight =>
    weight(940n * US + big(evaluators) * 190n * US + big(maxWorkers) * 500n * US + big(maxVerifiers) * 160n * US, 12_000n),
  /**
   * Per due job, the worst case: a training job whose eight workers went silent, each slashed, noted and released,
   * the escrow refunded (570 µs, ~60 keys written). The bucket is found by a prefix scan of the whole state (2.4 µs
   * per 1,000 keys measured), which the benchmark's small state keeps cheap.
   */
  onInitialize: (due: number): Weight => weight(63n * US + big(due) * 5_300n * US, big(due) * 6_000n),
};
