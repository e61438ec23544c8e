/**
 * Pure argument checks shared by the calls and the jobs-pallet API. Each throws the documented `ModelsError`
 * before anything is written, so a rejected call never needs its rollback.
 */
import { validateCid } from '../common/cid.ts';
import type { ResolvedModelsConfig } from './config.ts';
import { ModelsError } from './errors.ts';
import type { AccessTier, License, ModelType, TensorShape } from './types.ts';

/** The descriptive fields of a registration, as the call and `registerTrainedModel` take them. */
export interface ModelFields {
  name: Uint8Array;
  cid: Uint8Array;
  model_hash: Uint8Array;
  architecture: Uint8Array;
  framework: Uint8Array;
  model_type: ModelType;
  inputs: TensorShape[];
  outputs: TensorShape[];
  parameter_count: bigint;
  flops_per_inference: bigint;
  license: License;
  base_model?: bigint;
  training_dataset?: bigint;
}

type Bounds = Pick<ResolvedModelsConfig, 'maxNameLength' | 'maxFieldLength' | 'maxTensors' | 'maxShapeDims' | 'maxNotesLength' | 'maxTiers'>;

/** `InvalidCid` unless `cid` is an accepted binary CIDv1 (the shared validator in `pallets/common/cid.ts`). */
export function ensureValidCid(cid: Uint8Array): void {
  try {
    validateCid(cid);
  } catch {
    throw ModelsError.InvalidCid;
  }
}

function ensureShapes(bounds: Bounds, shapes: TensorShape[]): void {
  if (shapes.length > bounds.maxTensors) throw ModelsError.TooManyTensors;
  for (const shape of shapes) if (shape.dims.length > bounds.maxShapeDims) throw ModelsError.TooManyDims;
}

/** Checks lengths, shapes and the CID of a registration (not the lineage or the dataset: those read state). */
export function validateModelFields(bounds: Bounds, f: ModelFields): void {
  if (f.name.length === 0) throw ModelsError.EmptyName;
  if (f.name.length > bounds.maxNameLength) throw ModelsError.NameTooLong;
  if (f.architecture.length > bounds.maxFieldLength || f.framework.length > bounds.maxFieldLength) throw ModelsError.FieldTooLong;
  if (f.license.tag === 'Custom' && f.license.value.length > bounds.maxFieldLength) throw ModelsError.FieldTooLong;
  ensureShapes(bounds, f.inputs);
  ensureShapes(bounds, f.outputs);
  ensureValidCid(f.cid);
}

/** Checks the arguments of a new version. */
export function validateVersion(bounds: Bounds, cid: Uint8Array, notes: Uint8Array): void {
  if (notes.length > bounds.maxNotesLength) throw ModelsError.NotesTooLong;
  ensureValidCid(cid);
}

/** At most `MaxTiers`; a tier must grant something (no zero duration, no zero uses). A zero price is a free tier. */
export function validateTiers(bounds: Bounds, tiers: AccessTier[]): void {
  if (tiers.length > bounds.maxTiers) throw ModelsError.TooManyTiers;
  for (const t of tiers) if (t.duration_blocks === 0 || t.max_uses === 0) throw ModelsError.InvalidTier;
}
