/**
 * Trains one job's model the way every honest worker must: the package's initial state, the chain seed for
 * the batch order, the manifest's learning rate, `total_steps` in segments of k aligned to global multiples
 * of k. Starting from a checkpoint at step `s` (a multiple of k) gives the same later segments, bit for bit
 * on CPU, as the uninterrupted run; the test recomputes a job's commitment with this same function.
 */
import { BatchPrefetcher } from '../datasets/batch-prefetch.ts';
import type { TensorDataset } from '../datasets/tds.ts';
import { checkDatasetFits, type ModelPackage } from '../training/model-package.ts';
import { createTrainingSession, type OrtProvider } from '../training/session.ts';
import { elementCount, stateTensors } from '../training/signature.ts';
import { runTrainerLoop, type SegmentCommitment } from '../training/trainer-loop.ts';

/** Inputs of {@link trainJob}. */
export interface TrainJobOptions {
  pkg: ModelPackage;
  dataset: TensorDataset;
  /** The job's 32-byte chain seed. */
  seed: Uint8Array;
  totalSteps: number;
  segmentLength: number;
  ortProvider?: OrtProvider;
  /** Resume point: a global step that ends a segment, and the state after it. Default: step 0, the init state. */
  from?: { step: number; state: Float32Array[] };
  /** Called in order after each segment with its commitment and the state after it. */
  onSegment?: (segment: SegmentCommitment, state: readonly Float32Array[]) => void | Promise<void>;
  /** Called as each step is about to run (global step index). */
  onStep?: (step: number) => void;
  /** Told when CUDA was asked for and CPU is used. */
  onWarning?: (message: string) => void;
}

/** Element counts of the state tensors, in signature order. */
export const stateLengths = (pkg: ModelPackage): number[] => stateTensors(pkg.signature).map((s) => elementCount(s.shape));

/** Runs the remaining steps; returns the final state and the segments trained in this call. */
export async function trainJob(o: TrainJobOptions): Promise<{ state: Float32Array[]; segments: SegmentCommitment[]; provider: OrtProvider }> {
  checkDatasetFits(o.pkg, o.dataset);
  const startStep = o.from?.step ?? 0;
  if (startStep % o.segmentLength !== 0 && startStep !== o.totalSteps) throw new Error(`resume step ${startStep} is not a segment boundary (k = ${o.segmentLength})`);
  const { session, provider, warning } = await createTrainingSession(o.pkg.trainStep, { ortProvider: o.ortProvider ?? 'cpu' });
  if (warning !== undefined) o.onWarning?.(warning);
  // Same batches as createBatchSource, in reused buffers: row copies on this thread when the features fit as float32,
  // else assembled on a worker thread ahead of the step that needs them.
  const source = await BatchPrefetcher.start(o.dataset, o.seed, o.pkg.signature.batchSize);
  try {
    const run = await runTrainerLoop({
      session,
      signature: o.pkg.signature,
      state: o.from?.state ?? o.pkg.initState,
      batches: (step) => {
        o.onStep?.(step);
        return source.batch(step);
      },
      startStep,
      steps: o.totalSteps - startStep,
      segmentLength: o.segmentLength,
      learningRate: o.pkg.manifest.hyperparameters.learningRate,
      onSegment: o.onSegment,
    });
    return { ...run, provider };
  } finally {
    await Promise.all([session.release(), source.close()]);
  }
}
