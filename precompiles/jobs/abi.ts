/**
 * `IJobs` ABI (contracts/IJobs.sol) ↔ the jobs pallet's types: `TrainingSpec` calldata decoded into the pallet's
 * spec, and a job's status and training result encoded as the views return them.
 */
import type { JobInfo, TrainingSpec } from '../../pallets/jobs/types.ts';
import { type AbiValue, bytesValue, fixedWord, uintWord } from '../inference/abi-encode.ts';
import { AbiDecodeError, type AbiReader } from '../inference/abi-reader.ts';
import { NO_ID, optionalId } from '../pallet-call.ts';

/** `IJobs` status codes: the pallet's `JobStatus` variant indices. */
export const JOB_STATUSES = ['Open', 'Assigned', 'Training', 'Submitted', 'Verifying', 'Evaluating', 'Completed', 'Failed', 'Cancelled', 'Expired'] as const;
/** Accelerator codes 0-4; `NO_ACCELERATOR` (255) for no preference. */
const ACCELERATORS = ['Cpu', 'NvidiaGpu', 'AmdGpu', 'Tpu', 'Other'] as const;
const NO_ACCELERATOR = 255;

/** Decodes `postTrainingJob(TrainingSpec, uint256 reward)`. */
export function decodePostTrainingJob(r: AbiReader): { spec: TrainingSpec; reward: bigint } {
  const P = 4;
  const t = r.offset(P, P);
  const field = (i: number) => t + 32 * i;
  const dyn = (i: number) => r.bytes(r.offset(field(i), t)).slice();
  const optionalBytes = (i: number) => {
    const b = dyn(i);
    return b.length === 0 ? undefined : b;
  };
  const tolerance = r.uintN(field(7), 32);
  const acc = r.uintN(field(12), 8);
  if (acc !== NO_ACCELERATOR && acc >= ACCELERATORS.length) throw new AbiDecodeError('accelerator out of range');
  const spec: TrainingSpec = {
    train_step_model: dyn(0),
    dataset_id: r.uint(field(1), 64),
    base_model: optionalId(r, field(2)),
    hyperparams_hash: r.word(field(3)).slice(),
    hyperparams_cid: optionalBytes(4),
    total_steps: r.uintN(field(5), 32),
    segment_length: r.uintN(field(6), 32),
    mode: tolerance === 0 ? { tag: 'CpuExact' } : { tag: 'GpuTolerance', value: { tolerance_ppm: tolerance } },
    workers: r.uintN(field(8), 8),
    min_worker_stake: r.uint(field(9), 128),
    deadline: r.uintN(field(10), 32),
    region: optionalBytes(11),
    accelerator: acc === NO_ACCELERATOR ? undefined : { tag: ACCELERATORS[acc]! },
  };
  return { spec, reward: r.uint(P + 32, 128) };
}

/** `jobStatus`'s outputs: `(uint8 status, bytes32 owner, uint256 reward, uint256 escrowRemaining)`. */
export function encodeJobStatus(job: JobInfo): AbiValue[] {
  return [uintWord(BigInt(JOB_STATUSES.indexOf(job.status.tag))), fixedWord(job.owner), uintWord(job.reward), uintWord(job.escrow_remaining)];
}

/**
 * `jobResult`'s outputs: `(bytes32 modelHash, bytes modelCid, bytes32 checkpointRoot, uint64 modelId)`, the model id
 * `NO_ID` until the job completes; undefined when no training result was submitted.
 */
export function encodeJobResult(job: JobInfo): AbiValue[] | undefined {
  if (job.result?.tag !== 'Training') return undefined;
  const { model_hash, model_cid, checkpoint_root } = job.result.value;
  return [fixedWord(model_hash), bytesValue(model_cid), fixedWord(checkpoint_root), uintWord(job.model_id ?? NO_ID)];
}
