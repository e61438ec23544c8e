/** Models errors: every way a call can fail, each with the doc line explorers show. */
import { defineErrors } from '../../runtime/framework/pallet.ts';

/** `pallet_models::pallet::Error`: throw `ModelsError.ModelNotFound`. */
export const ModelsError = defineErrors('Models', 'pallet_models', {
  ModelNotFound: { index: 0, docs: [' No model has this id.'] },
  NotOwner: { index: 1, docs: [' Only the model\'s owner may do this.'] },
  InvalidCid: { index: 2, docs: [' The CID is not a binary CIDv1 (raw or dag-pb, sha2-256 or blake2b-256, at most 64 bytes).'] },
  DuplicateModel: { index: 3, docs: [' A model or version with this weights hash is already registered.'] },
  NameTooLong: { index: 4, docs: [' The name is longer than `MaxNameLength`.'] },
  TooManyDims: { index: 5, docs: [' A tensor shape has more than `MaxShapeDims` dimensions.'] },
  TooManyVersions: { index: 6, docs: [' The model already has `MaxVersions` versions.'] },
  TooManyTiers: { index: 7, docs: [' More than `MaxTiers` access tiers.'] },
  InvalidTier: { index: 8, docs: [' An access tier with a zero duration or zero uses grants nothing.'] },
  TierNotFound: { index: 9, docs: [' The model has no tier with this index.'] },
  NoAccessTiers: { index: 10, docs: [' The model\'s owner offers no access tiers.'] },
  LicenseForbidsDerivative: { index: 11, docs: [' The base model\'s licence does not let the caller build on it (a Commercial or ResearchOnly base needs an access grant; a Custom one, its owner).'] },
  BaseNotPublished: { index: 12, docs: [' The base model is not published.'] },
  LineageTooDeep: { index: 13, docs: [' The base model already has `MaxLineageDepth` ancestors.'] },
  DatasetNotFound: { index: 14, docs: [' The training dataset is not registered.'] },
  NotPublished: { index: 15, docs: [' The model is not published.'] },
  Revoked: { index: 16, docs: [' The model has been revoked.'] },
  AlreadyHasAccess: { index: 17, docs: [' The caller owns the model or holds a grant that has neither expired nor run out of uses.'] },
  AccessExpired: { index: 18, docs: [' The caller\'s access grant has expired.'] },
  NoUsesLeft: { index: 19, docs: [' The caller\'s access grant has no uses left.'] },
  OpenModelIsFree: { index: 20, docs: [' An Open-licence model is free: it has no tiers and needs no purchase.'] },
  EmptyName: { index: 21, docs: [' The name is empty.'] },
  FieldTooLong: { index: 22, docs: [' The architecture, framework or custom licence text is longer than `MaxFieldLength`.'] },
  TooManyTensors: { index: 23, docs: [' More than `MaxTensors` inputs or outputs.'] },
  NotesTooLong: { index: 24, docs: [' Version notes are longer than `MaxNotesLength`.'] },
  BaseModelNotFound: { index: 25, docs: [' No model has the base model id.'] },
  NoAccess: { index: 26, docs: [' The caller holds no access grant to this model.'] },
  AlreadyPublished: { index: 27, docs: [' The model is already published.'] },
});
