/**
 * Jobs call weights in picoseconds of reference-machine time (1 µs = 1e6, 1 ms = 1e9). These are estimates
 * (reads and writes at FRAME's RocksDB figures plus the hashing and loops each call does) until `bench/weights`
 * measures this pallet. Arguments are sizes: weights grow with what a call reads, writes or loops over.
 */
import { type Weight, weight } from '../../runtime/primitives.ts';

const US = 1_000_000n;
const big = (n: number) => BigInt(n);

/** Pre-dispatch weight of each call and of the hook. */
export const JobsWeights = {
  /** Validation, two existence reads (dataset, base model), a reserve, four writes and a schedule entry. */
  postTrainingJob: (specBytes: number): Weight => weight(90n * US + big(specBytes) * 50_000n, 6_000n + big(specBytes)),
  postInferenceJob: (cidBytes: number): Weight => weight(70n * US + big(cidBytes) * 50_000n, 5_000n + big(cidBytes)),
  /** Refund, one unlock per worker, the candidate list cleared. */
  cancelJob: (maxWorkers: number, maxCandidates: number): Weight => weight(45n * US + big(maxWorkers) * 25n * US + big(maxCandidates) * 8n * US, 8_000n),
  /** Eligibility reads and a lock; when it fills the job, randomness, a schedule entry and the candidates cleared. */
  volunteer: (maxCandidates: number): Weight => weight(90n * US + big(maxCandidates) * 8n * US, 8_000n),
  apply: (): Weight => weight(50n * US, 6_000n),
  /** Reads and scores every candidate, locks the chosen, then completes the assignment. */
  assign: (maxCandidates: number, maxWorkers: number): Weight => weight(80n * US + big(maxCandidates) * 40n * US + big(maxWorkers) * 30n * US, 10_000n + big(maxCandidates) * 200n),
  startTraining: (): Weight => weight(35n * US, 4_000n),
  /** Grows with the losses stored; includes an allowance for the verification hook. */
  submitResult: (losses: number): Weight => weight(110n * US + big(losses) * 200_000n, 5_000n + big(losses) * 4n),
  submitInferenceResult: (): Weight => weight(100n * US, 5_000n),
  /** Acceptance pays out an inference job; rejection slashes, releases every lock and refunds. */
  forceVerificationResult: (verifiers: number, maxWorkers: number): Weight => weight(80n * US + big(verifiers) * 25n * US + big(maxWorkers) * 60n * US, 8_000n),
  /** One role read per evaluator, the model registration, a payout per payee and an unlock per worker. */
  forceEvaluation: (evaluators: number, maxWorkers: number, maxVerifiers: number): Weight =>
    weight(200n * US + big(evaluators) * 60n * US + big(maxWorkers) * 90n * US + big(maxVerifiers) * 40n * US, 12_000n),
  /** Per due job: its timeouts, at worst a slash and an unlock per worker and a refund. */
  onInitialize: (due: number): Weight => weight(5n * US + big(due) * 400n * US, big(due) * 6_000n),
};
