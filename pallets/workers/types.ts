/** pallet_workers types: what a worker offers (its spec) and what the chain tracks about it. */
import { Balance, BlockNumber } from '../../runtime/primitives.ts';
import { bytes, type CodecType, u16, u32, vec } from '../../runtime/scale/codec.ts';
import { enumeration, struct } from '../../runtime/scale/composite.ts';

/** The kind of accelerator a worker trains and infers on. */
export const Accelerator = enumeration(
  'pallet_workers::types::Accelerator',
  {
    Cpu: { index: 0, docs: [' General-purpose CPU cores only.'] },
    NvidiaGpu: { index: 1, docs: [' NVIDIA GPUs (the only kind that runs `OnnxCuda`).'] },
    AmdGpu: { index: 2, docs: [' AMD GPUs.'] },
    Tpu: { index: 3, docs: [' Tensor processing units.'] },
    Other: { index: 4, docs: [' Any other accelerator.'] },
  },
  { docs: [' The kind of accelerator a worker offers.'] },
);
/** `{ tag: 'NvidiaGpu' }` etc. */
export type Accelerator = CodecType<typeof Accelerator>;

/** An execution runtime for ONNX graphs a worker supports. */
export const Runtime = enumeration(
  'pallet_workers::types::Runtime',
  {
    OnnxCpu: { index: 0, docs: [' onnxruntime on CPU, one thread, sequential: bit-reproducible (`cpu-exact` jobs).'] },
    OnnxCuda: { index: 1, docs: [' onnxruntime with the CUDA execution provider (`gpu-tolerance` jobs).'] },
  },
  { docs: [' An ONNX execution runtime a worker supports.'] },
);
/** `{ tag: 'OnnxCpu' }` or `{ tag: 'OnnxCuda' }`. */
export type Runtime = CodecType<typeof Runtime>;

/** What a worker offers; bounded by the pallet's constants and checked by `register` and `update_spec`. */
export const WorkerSpec = struct(
  'pallet_workers::types::WorkerSpec',
  {
    accelerator: Accelerator,
    accelerator_count: u16,
    memory_mb: u32,
    region: bytes,
    runtimes: vec(Runtime),
    price_per_second: Balance,
  },
  {
    docs: [' The capabilities and price a worker advertises to job schedulers.'],
    fieldNames: { region: 'BoundedVec<u8, T::MaxRegionLength>', runtimes: 'BoundedVec<Runtime, T::MaxRuntimes>' },
    fieldDocs: {
      accelerator: [' The kind of accelerator.'],
      accelerator_count: [' How many accelerators (CPU: cores), at least one.'],
      memory_mb: [' Accelerator memory (CPU: RAM) in MiB, at least one.'],
      region: [' Where the machine runs (`eu-west`), printable ASCII, used for locality scoring.'],
      runtimes: [' The ONNX runtimes the worker supports, non-empty and without duplicates.'],
      price_per_second: [' The asking price per second of work, in the smallest unit.'],
    },
  },
);
/** A decoded `WorkerSpec`. */
export type WorkerSpec = CodecType<typeof WorkerSpec>;

/** Whether a worker takes work. */
export const WorkerStatus = enumeration(
  'pallet_workers::types::WorkerStatus',
  {
    Active: { index: 0, docs: [' Heartbeating: schedulers may assign it work.'] },
    Offline: { index: 1, docs: [' Missed its heartbeat deadline; a heartbeat makes it Active again.'] },
    Deregistering: {
      index: 2,
      fields: { since: BlockNumber },
      docs: [' Leaving: takes no work; removed by `finalize_deregistration` once it has no active stake.'],
    },
  },
  { docs: [' The lifecycle state of a registered worker.'] },
);
/** `{ tag: 'Active' } | { tag: 'Offline' } | { tag: 'Deregistering', value: { since } }`. */
export type WorkerStatus = CodecType<typeof WorkerStatus>;

/** Everything the chain tracks about a worker. */
export const WorkerInfo = struct(
  'pallet_workers::types::WorkerInfo',
  {
    spec: WorkerSpec,
    registered_at: BlockNumber,
    last_heartbeat: BlockNumber,
    uptime_blocks: u32,
    reputation: u32,
    jobs_completed: u32,
    faults: u32,
    status: WorkerStatus,
  },
  {
    docs: [' A registered worker: its spec, liveness, reputation and record.'],
    fieldDocs: {
      uptime_blocks: [' Blocks vouched for by heartbeats (each covers at most `OfflineAfter` blocks).'],
      reputation: [' Parts per million, between 0 and `MaxReputation`.'],
    },
  },
);
/** A decoded `WorkerInfo`. */
export type WorkerInfo = CodecType<typeof WorkerInfo>;

/** Why a reputation changed, as the `ReputationChanged` event reports it. */
export const ReputationReason = enumeration(
  'pallet_workers::types::ReputationReason',
  {
    VerifiedWork: { index: 0, docs: [' Work the worker submitted was verified.'] },
    Timeout: { index: 1, docs: [' The worker went silent on an assigned job.'] },
    InvalidWork: { index: 2, docs: [' Work the worker submitted was proven wrong.'] },
    Root: { index: 3, docs: [' Set by Root with `set_reputation`.'] },
  },
  { docs: [' The cause of a reputation change.'] },
);
/** `'VerifiedWork' | 'Timeout' | 'InvalidWork' | 'Root'`. */
export type ReputationReason = CodecType<typeof ReputationReason>['tag'];
/** The faults other pallets report with `noteFault`. */
export type FaultKind = 'Timeout' | 'InvalidWork';
