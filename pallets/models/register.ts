/**
 * Registration, shared by the `register_model` call and `registerTrainedModel` (the jobs pallet's path). All
 * checks run before the first write.
 */
import { Overflow, type DispatchContext } from '../../runtime/framework/pallet.ts';
import type { AccountId } from '../../runtime/primitives.ts';
import type { ResolvedModelsConfig } from './config.ts';
import { ModelsError } from './errors.ts';
import { ModelsEvent } from './events.ts';
import { ensureMayDerive } from './lineage.ts';
import type { ModelsStorage } from './storage.ts';
import type { ModelInfo } from './types.ts';
import { type ModelFields, validateModelFields } from './validate.ts';

/** A registration: the descriptive fields, who will own the model, and what only the jobs pallet may attest. */
export interface Registration extends ModelFields {
  owner: AccountId;
  /** The training job that produced the model (set by the jobs pallet only). */
  training_job?: bigint;
  /** Merkle root of the job's checkpoints, kept on version 1. */
  checkpoint_root?: Uint8Array;
}

const MAX_U64 = (1n << 64n) - 1n;

/**
 * Validates and registers a model; returns its id. Throws `DuplicateModel` for a known weights hash,
 * `DatasetNotFound`, the lineage errors of `ensureMayDerive` (checked for `owner`), or a field error.
 */
export function registerModel(ctx: DispatchContext, storage: ModelsStorage, config: ResolvedModelsConfig, r: Registration): bigint {
  const { state } = ctx;
  const now = ctx.block.number;
  validateModelFields(config, r);
  if (storage.ModelByHash.contains(state, r.model_hash)) throw ModelsError.DuplicateModel;
  if (r.training_dataset !== undefined && !config.datasets.exists(state, r.training_dataset)) throw ModelsError.DatasetNotFound;
  const depth = r.base_model === undefined ? 0 : ensureMayDerive(storage, state, r.base_model, r.owner, now, config.maxLineageDepth);
  const id = storage.NextModelId.get(state);
  if (id >= MAX_U64) throw Overflow;

  const info: ModelInfo = {
    owner: r.owner,
    name: r.name,
    cid: r.cid,
    model_hash: r.model_hash,
    architecture: r.architecture,
    framework: r.framework,
    model_type: r.model_type,
    inputs: r.inputs,
    outputs: r.outputs,
    parameter_count: r.parameter_count,
    flops_per_inference: r.flops_per_inference,
    license: r.license,
    base_model: r.base_model,
    training_dataset: r.training_dataset,
    training_job: r.training_job,
    lineage_depth: depth,
    published: false,
    created_at: now,
    version_count: 1,
    usage_count: 0n,
    revoked: false,
  };
  storage.NextModelId.set(state, id + 1n);
  storage.Models.insert(state, info, id);
  storage.ModelByHash.insert(state, id, r.model_hash);
  storage.ModelsByOwner.insert(state, now, r.owner, id);
  storage.Versions.insert(state, {
    version: 1,
    cid: r.cid,
    model_hash: r.model_hash,
    parent_version: undefined,
    checkpoint_root: r.checkpoint_root,
    created_at: now,
    notes: new Uint8Array(),
  }, id, 1);
  if (r.base_model !== undefined) storage.Children.insert(state, now, r.base_model, id);
  ctx.deposit(ModelsEvent, {
    tag: 'ModelRegistered',
    value: { model_id: id, owner: r.owner, model_hash: r.model_hash, base_model: r.base_model, training_job: r.training_job },
  });
  return id;
}
