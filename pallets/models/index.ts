/**
 * pallet_models: AI models registered by CID and weights hash, with their interface (tensor shapes, FLOPs), their
 * licence, their lineage (base model, training dataset and job), versions, publishing, paid access tiers whose
 * price is split between the owner, the treasury and the lineage's owners, and usage counters.
 */
import { constant, type PalletDef } from '../../runtime/framework/pallet.ts';
import { storageEntries } from '../../runtime/framework/storage.ts';
import { AccountId32 } from '../../runtime/primitives.ts';
import { u32 } from '../../runtime/scale/codec.ts';
import { accessCalls } from './access-calls.ts';
import { modelsCalls } from './calls.ts';
import { type ModelsConfig, resolveModelsConfig } from './config.ts';
import { ModelsError } from './errors.ts';
import { ModelsEvent } from './events.ts';
import { createModelRegistry } from './registry.ts';
import { modelsStorage } from './storage.ts';

/** Builds the Models pallet (runtime index 13); `registry` is what the jobs pallet and the precompile receive. */
export function modelsPallet(config: ModelsConfig) {
  const c = resolveModelsConfig(config);
  const u32Constant = (value: number, doc: string) => constant(u32, value, [doc]);
  const pallet: PalletDef = {
    name: 'Models',
    crate: 'pallet_models',
    docs: [' AI models: registration by CID, versions, lineage, licences, paid access with royalties, usage.'],
    storage: storageEntries(modelsStorage),
    calls: { ...modelsCalls(modelsStorage, c), ...accessCalls(modelsStorage, c) },
    events: ModelsEvent,
    errors: ModelsError,
    constants: {
      OwnerShare: u32Constant(c.ownerShare, ' Parts per million of an access price that go to the model\'s owner; the rest go to the treasury.'),
      RoyaltyShare: u32Constant(c.royaltyShare, ' Parts per million of what each level of lineage receives that it passes to the level above.'),
      MaxLineageDepth: u32Constant(c.maxLineageDepth, ' The most ancestors a model may have.'),
      MaxNameLength: u32Constant(c.maxNameLength, ' The longest model name, in bytes.'),
      MaxFieldLength: u32Constant(c.maxFieldLength, ' The longest architecture, framework or custom licence text, in bytes.'),
      MaxTensors: u32Constant(c.maxTensors, ' The most inputs, and the most outputs, of a model.'),
      MaxShapeDims: u32Constant(c.maxShapeDims, ' The most dimensions of one tensor shape.'),
      MaxVersions: u32Constant(c.maxVersions, ' The most versions of one model.'),
      MaxNotesLength: u32Constant(c.maxNotesLength, ' The longest version notes, in bytes.'),
      MaxTiers: u32Constant(c.maxTiers, ' The most access tiers of one model.'),
      TreasuryAccount: constant(AccountId32, c.treasury, [' The account that receives the treasury\'s part of every access sale.']),
    },
  };
  const registry = createModelRegistry(modelsStorage, c);
  return { pallet, storage: modelsStorage, registry };
}
/** What `modelsPallet` returns: `{ pallet, storage, registry }`. */
export type ModelsPallet = ReturnType<typeof modelsPallet>;
export type { DatasetRegistry, ModelsConfig } from './config.ts';
export type { ModelRegistry, TrainedModel } from './registry.ts';
export type { AccessCheck } from './access.ts';
export { ModelsError } from './errors.ts';
export { ModelsEvent } from './events.ts';
export { splitPrice, type PriceSplit } from './payment.ts';
export { AccessGrant, AccessTier, DType, License, ModelInfo, ModelType, ModelVersion, TensorShape } from './types.ts';
