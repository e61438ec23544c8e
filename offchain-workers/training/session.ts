/**
 * onnxruntime-node sessions with the determinism options of `cpu-exact` training: one intra-op and one inter-op
 * thread, sequential execution and a fixed graph optimisation level. MLAS picks its blocking by thread count
 * (1 vs 2 threads give different bits for a 784-wide MatMul), and the optimisation level decides fusions and
 * layouts, so all of these are part of the job specification, not tuning knobs.
 */
import { createRequire } from 'node:module';
import * as ort from 'onnxruntime-node';
import { TrainingGraphError } from './errors.ts';

/** Where to run: `cpu` (the only bit-reproducible choice) or `cuda` (falls back to CPU when unavailable). */
export type OrtProvider = 'cpu' | 'cuda';

/** The options every training and verification session uses; changing any of them changes results. */
export const DETERMINISTIC_SESSION_OPTIONS = {
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
  executionMode: 'sequential',
  // 'extended' fuses only element-wise patterns on our graphs; weights are inputs, so no constant folding or
  // NCHWc re-layout of Conv weights (which 'all' would do) can change the numerics.
  graphOptimizationLevel: 'extended',
} as const satisfies ort.InferenceSession.SessionOptions;

/** The pinned onnxruntime-node version; `cpu-exact` results are only comparable under the same version. */
export const ORT_VERSION: string = (createRequire(import.meta.url)('onnxruntime-node/package.json') as { version: string }).version;

/** A ready session, the provider it really got, and a warning when CUDA was asked for but CPU is used. */
export interface TrainingSession {
  session: ort.InferenceSession;
  provider: OrtProvider;
  warning?: string;
}

/** Options of {@link createTrainingSession}. */
export interface TrainingSessionOptions {
  /** Default `cpu`. */
  ortProvider?: OrtProvider;
}

async function create(model: Uint8Array, executionProviders: ort.InferenceSession.ExecutionProviderConfig[]): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(model, { ...DETERMINISTIC_SESSION_OPTIONS, executionProviders });
}

function failed(error: unknown): TrainingGraphError {
  const reason = error instanceof Error ? error.message.split('\n')[0]! : String(error);
  return new TrainingGraphError('SessionFailed', `onnxruntime could not load the graph: ${reason}`);
}

/**
 * Creates a session for `model`. With `ortProvider: 'cuda'` it asks for `[{ name: 'cuda', deviceId: 0 }, 'cpu']`;
 * onnxruntime does not fall back by itself when the CUDA provider libraries are missing (it throws), so this
 * does, and says so in `warning`.
 *
 * @example
 * const { session, provider, warning } = await createTrainingSession(trainStepBytes, { ortProvider: 'cuda' });
 * if (warning) log.warn(warning);
 */
export async function createTrainingSession(model: Uint8Array, options: TrainingSessionOptions = {}): Promise<TrainingSession> {
  if (options.ortProvider === 'cuda') {
    try {
      return { session: await create(model, [{ name: 'cuda', deviceId: 0 }, 'cpu']), provider: 'cuda' };
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0]! : String(error);
      try {
        const session = await create(model, ['cpu']);
        return { session, provider: 'cpu', warning: `CUDA execution provider unavailable (${reason}); running on CPU instead` };
      } catch (cpuError) {
        throw failed(cpuError);
      }
    }
  }
  try {
    return { session: await create(model, ['cpu']), provider: 'cpu' };
  } catch (error) {
    throw failed(error);
  }
}
