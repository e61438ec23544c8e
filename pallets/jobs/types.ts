/** pallet_jobs types: what a client asks for (a training spec or an inference request) and how it went. */
import { AccountId32, Balance, BlockNumber, H256 } from '../../runtime/primitives.ts';
import { bytes, type CodecType, named, option, u8, u32, u64, vec } from '../../runtime/scale/codec.ts';
import { enumeration, struct } from '../../runtime/scale/composite.ts';

/** Job ids count up from 0. */
export const JobId = named(u64, 'JobId');

/** The accelerator a training job prefers (the same kinds as the Workers pallet). */
export const Accelerator = enumeration(
  'pallet_jobs::types::Accelerator',
  {
    Cpu: { index: 0, docs: [' General-purpose CPU cores.'] },
    NvidiaGpu: { index: 1, docs: [' NVIDIA GPUs.'] },
    AmdGpu: { index: 2, docs: [' AMD GPUs.'] },
    Tpu: { index: 3, docs: [' Tensor processing units.'] },
    Other: { index: 4, docs: [' Any other accelerator.'] },
  },
  { docs: [' An accelerator kind a job may prefer.'] },
);

/** How re-execution is compared: bit equality, or a relative distance. */
export const TrainingMode = enumeration(
  'pallet_jobs::types::TrainingMode',
  {
    CpuExact: { index: 0, docs: [' onnxruntime on one CPU thread: verifiers require bit-identical state.'] },
    GpuTolerance: {
      index: 1,
      fields: { tolerance_ppm: u32 },
      docs: [' CUDA allowed: a re-executed segment may differ by `tolerance_ppm` of its honest update (100 = 1e-4).'],
    },
  },
  { docs: [' The training mode, which fixes what verification accepts.'] },
);
/** `{ tag: 'CpuExact' } | { tag: 'GpuTolerance', value: { tolerance_ppm } }`. */
export type TrainingMode = CodecType<typeof TrainingMode>;

/** A training job: everything the worker must follow; it chooses none of it (seed and data order come later). */
export const TrainingSpec = struct(
  'pallet_jobs::types::TrainingSpec',
  {
    train_step_model: bytes,
    dataset_id: u64,
    base_model: option(u64),
    hyperparams_hash: H256,
    hyperparams_cid: option(bytes),
    total_steps: u32,
    segment_length: u32,
    mode: TrainingMode,
    workers: u8,
    min_worker_stake: Balance,
    deadline: BlockNumber,
    region: option(bytes),
    accelerator: option(Accelerator),
  },
  {
    docs: [' What a training job asks for.'],
    fieldNames: { train_step_model: 'BoundedVec<u8, MaxCidLength>', hyperparams_cid: 'Option<BoundedVec<u8, MaxCidLength>>', region: 'Option<BoundedVec<u8, T::MaxRegionLength>>' },
    fieldDocs: {
      train_step_model: [' CIDv1 of the ONNX train-step graph (weights, optimizer state, batch, lr → new state, loss).'],
      dataset_id: [' The registered dataset to train on.'],
      base_model: [' The registered model to start from (its lineage), if any.'],
      hyperparams_hash: [' Hash of the full hyperparameters, learning-rate schedule included.'],
      hyperparams_cid: [' Where the hyperparameters can be fetched, if published.'],
      total_steps: [' Training steps T.'],
      segment_length: [' Steps k between committed state hashes; `ceil(T / k)` segments.'],
      mode: [' `CpuExact` or `GpuTolerance`.'],
      workers: [' How many workers train it together.'],
      min_worker_stake: [' Stake each worker locks as collateral while on the job.'],
      deadline: [' The block by which the result must be submitted.'],
      region: [' Preferred worker region (`eu-west`), for locality scoring.'],
      accelerator: [' Preferred accelerator kind.'],
    },
  },
);
/** A decoded `TrainingSpec`. */
export type TrainingSpec = CodecType<typeof TrainingSpec>;

/** Training, or one inference run on a registered model. */
export const JobKind = enumeration(
  'pallet_jobs::types::JobKind',
  {
    Training: { index: 0, fields: TrainingSpec, docs: [' Train a model as the spec says.'] },
    Inference: {
      index: 1,
      fields: { model_id: u64, input_hash: H256, input_cid: bytes, min_worker_stake: Balance, deadline: BlockNumber },
      docs: [' Run a registered model on the input at `input_cid` (hash `input_hash`) by `deadline`.'],
    },
  },
  { docs: [' What a job is for.'] },
);
/** A decoded `JobKind`. */
export type JobKind = CodecType<typeof JobKind>;

/** The job lifecycle; `canTransition` in `transitions.ts` holds the allowed moves. */
export const JobStatus = enumeration(
  'pallet_jobs::types::JobStatus',
  {
    Open: { index: 0, docs: [' Posted: waiting for workers to volunteer or apply.'] },
    Assigned: { index: 1, docs: [' Has its workers and seed; training has not started yet.'] },
    Training: { index: 2, docs: [' A worker started training.'] },
    Submitted: { index: 3, docs: [' A result was submitted.'] },
    Verifying: { index: 4, docs: [' The verification protocol is checking the result.'] },
    Evaluating: { index: 5, docs: [' Verified; evaluators are scoring the model.'] },
    Completed: { index: 6, docs: [' Paid out.'] },
    Failed: { index: 7, docs: [' The result was rejected; the offender was slashed and the owner refunded.'] },
    Cancelled: { index: 8, docs: [' Cancelled by its owner before training started; refunded.'] },
    Expired: { index: 9, docs: [' Its deadline passed without a result; refunded.'] },
  },
  { docs: [' Where a job is in its lifecycle.'] },
);
/** `'Open' | 'Assigned' | …`. */
export type JobStatusName = CodecType<typeof JobStatus>['tag'];

/** What a training worker commits to. */
export const TrainingResult = struct(
  'pallet_jobs::types::TrainingResult',
  { model_hash: H256, model_cid: bytes, checkpoint_root: H256, segment_losses: vec(u32) },
  {
    docs: [' A submitted training result.'],
    fieldNames: { model_cid: 'BoundedVec<u8, MaxCidLength>', segment_losses: 'BoundedVec<u32, T::MaxSegments>' },
    fieldDocs: {
      model_hash: [' Hash of the final state (the last checkpoint leaf).'],
      checkpoint_root: [' Merkle root of the state hashes at every segment boundary.'],
      segment_losses: [' Loss at the end of each segment, fixed point × 1e6.'],
    },
  },
);

/** What an inference worker commits to. */
export const InferenceResult = struct(
  'pallet_jobs::types::InferenceResult',
  { output_hash: H256, output_cid: bytes, receipt: H256 },
  {
    docs: [' A submitted inference result.'],
    fieldNames: { output_cid: 'BoundedVec<u8, MaxCidLength>' },
    fieldDocs: { receipt: [' Hash binding model hash, input hash and output hash.'] },
  },
);

/** A job's submitted result. */
export const JobResult = enumeration('pallet_jobs::types::JobResult', {
  Training: { index: 0, fields: TrainingResult },
  Inference: { index: 1, fields: InferenceResult },
}, { docs: [' A submitted result of either kind.'] });
/** A decoded `JobResult`. */
export type JobResult = CodecType<typeof JobResult>;

/** Who a payout went to. */
export const PayoutRole = enumeration('pallet_jobs::types::PayoutRole', {
  Worker: { index: 0 },
  Verifier: { index: 1 },
  Evaluator: { index: 2 },
  Treasury: { index: 3 },
  BlockAuthor: { index: 4, docs: [' The network fee, to the author of the completing block.'] },
}, { docs: [' The role a payout rewards.'] });
/** `'Worker' | 'Verifier' | …`. */
export type PayoutRoleName = CodecType<typeof PayoutRole>['tag'];

/** A job with its escrow. */
export const JobInfo = struct(
  'pallet_jobs::types::JobInfo',
  {
    owner: AccountId32,
    kind: JobKind,
    reward: Balance,
    fee: Balance,
    escrow_remaining: Balance,
    status: JobStatus,
    workers: vec(AccountId32),
    seed: option(H256),
    posted_at: BlockNumber,
    assigned_at: option(BlockNumber),
    result: option(JobResult),
    verifiers: vec(AccountId32),
    evaluators: vec(AccountId32),
    score: option(u32),
    model_id: option(u64),
  },
  {
    docs: [' A job, its escrow and its progress.'],
    fieldDocs: {
      reward: [' What the workers, verifiers, evaluators and treasury share on completion.'],
      fee: [' The network fee, to the block author on completion.'],
      escrow_remaining: [' Reserved on the owner and not yet paid or refunded: reward + fee until the end, then 0.'],
      workers: [' Volunteers so far (Open), or the assigned workers.'],
      seed: [' Chain randomness drawn at assignment: the training seed and data order.'],
      score: [' The evaluators\' score, parts per million.'],
      model_id: [' The model registered on completion.'],
    },
  },
);
/** A decoded `JobInfo`. */
export type JobInfo = CodecType<typeof JobInfo>;
