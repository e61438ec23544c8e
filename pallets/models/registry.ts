/**
 * `ModelRegistry`: what other pallets (jobs) and the inference precompile use, received through their Config.
 * Queries read state only; `consumeAccess` and `registerTrainedModel` write nothing when they refuse.
 */
import type { DispatchContext } from '../../runtime/framework/pallet.ts';
import type { AccountId } from '../../runtime/primitives.ts';
import type { StateReader } from '../../runtime/state/overlay.ts';
import { checkAccess, consumeAccess } from './access.ts';
import type { ResolvedModelsConfig } from './config.ts';
import { lineage } from './lineage.ts';
import { type Registration, registerModel } from './register.ts';
import type { ModelsStorage } from './storage.ts';
import type { ModelInfo } from './types.ts';

/** A model produced by a training job, as the jobs pallet registers it on completion. */
export type TrainedModel = Registration & { training_job: bigint };

/** The Models API other pallets and precompiles see. */
export interface ModelRegistry {
  /** The model record, or undefined. */
  get(state: StateReader, id: bigint): ModelInfo | undefined;
  /** Whether a model with this id was registered (revoked ones included). */
  exists(state: StateReader, id: bigint): boolean;
  /** The model's current owner, or undefined. */
  ownerOf(state: StateReader, id: bigint): AccountId | undefined;
  /** The model's ancestors, nearest first and the root last (at most `MaxLineageDepth`); [] for a root model. */
  lineage(state: StateReader, id: bigint): bigint[];
  /**
   * Whether `who` may use the model at block `now` (grants expire by block number): its owner, a live grant, or
   * anyone for a published Open model; never for a revoked one.
   */
  hasAccess(state: StateReader, id: bigint, who: AccountId, now: number): boolean;
  /**
   * For the inference precompile: when `who` may use the model, records the use (one use off a counted grant,
   * usage counters, `UsageRecorded`) and returns true; otherwise returns false and writes nothing.
   */
  consumeAccess(ctx: DispatchContext, id: bigint, who: AccountId): boolean;
  /**
   * For the jobs pallet: registers a trained model for `owner` (unpublished, version 1 carrying the checkpoint
   * root) with the same checks as `register_model`, the licence of `base_model` checked for `owner`. Returns its
   * id; throws a `ModelsError` and writes nothing on invalid input.
   */
  registerTrainedModel(ctx: DispatchContext, model: TrainedModel): bigint;
}

/** The registry over the pallet's storage. */
export function createModelRegistry(storage: ModelsStorage, config: ResolvedModelsConfig): ModelRegistry {
  return {
    get: (state, id) => storage.Models.get(state, id),
    exists: (state, id) => storage.Models.contains(state, id),
    ownerOf: (state, id) => storage.Models.get(state, id)?.owner,
    lineage: (state, id) => lineage(storage, state, id, config.maxLineageDepth),
    hasAccess: (state, id, who, now) => checkAccess(storage, state, id, who, now).tag !== 'Denied',
    consumeAccess: (ctx, id, who) => consumeAccess(ctx, storage, id, who),
    registerTrainedModel: (ctx, model) => registerModel(ctx, storage, config, model),
  };
}
