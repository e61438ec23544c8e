/**
 * pallet_models types: what a model record, a version, an access tier and an access grant look like on chain.
 * Each codec is also the scale-info type Polkadot.js Apps decodes, so field docs reach the explorer.
 */
import { AccountId32, Balance, BlockNumber, H256 } from '../../runtime/primitives.ts';
import { bool, bytes, type CodecType, named, option, u8, u32, u64, vec } from '../../runtime/scale/codec.ts';
import { enumeration, struct } from '../../runtime/scale/composite.ts';

/** What kind of data a model works on. */
export const ModelType = enumeration('pallet_models::types::ModelType', {
  Language: { index: 0, docs: [' Text in, text or embeddings out.'] },
  Vision: { index: 1, docs: [' Images or video.'] },
  Audio: { index: 2, docs: [' Speech or sound.'] },
  Multimodal: { index: 3, docs: [' More than one of the above.'] },
  Custom: { index: 4, docs: [' Anything else (tabular, graphs, control, ...).'] },
}, { docs: [' The kind of data a model works on.'] });
export type ModelType = CodecType<typeof ModelType>;

/** The terms a model is offered under; they decide who may use it and who may build on it. */
export const License = enumeration('pallet_models::types::License', {
  Open: { index: 0, docs: [' Free to use and to build on; no access purchase.'] },
  Commercial: { index: 1, docs: [' Use and derivatives need a purchased access grant.'] },
  ResearchOnly: { index: 2, docs: [' As Commercial, for research use; derivatives need an access grant.'] },
  Custom: { index: 3, fields: bytes, docs: [' Terms given as text or a URI/CID; only the owner may build on it.'] },
}, { docs: [' The licence of a model.'] });
export type License = CodecType<typeof License>;

/** Element type of a tensor, as ONNX names them. */
export const DType = enumeration('pallet_models::types::DType', {
  Float32: { index: 0 },
  Float16: { index: 1 },
  Int64: { index: 2 },
  Int32: { index: 3 },
  Uint8: { index: 4 },
  Bool: { index: 5 },
}, { docs: [' Element type of a tensor.'] });
export type DType = CodecType<typeof DType>;

/** The shape of one model input or output. */
export const TensorShape = struct('pallet_models::types::TensorShape', { dims: vec(u32), dtype: DType }, {
  docs: [' The shape and element type of one model input or output.'],
  fieldDocs: { dims: [' Dimensions, outermost first; 0 is a dynamic dimension (a batch or sequence length).'] },
});
export type TensorShape = CodecType<typeof TensorShape>;

/** A model id (`u64`, sequential). */
export const ModelId = named(u64, 'ModelId');

/** A registered model. */
export const ModelInfo = struct('pallet_models::types::ModelInfo', {
  owner: AccountId32,
  name: bytes,
  cid: bytes,
  model_hash: H256,
  architecture: bytes,
  framework: bytes,
  model_type: ModelType,
  inputs: vec(TensorShape),
  outputs: vec(TensorShape),
  parameter_count: u64,
  flops_per_inference: u64,
  license: License,
  base_model: option(ModelId),
  training_dataset: option(named(u64, 'DatasetId')),
  training_job: option(named(u64, 'JobId')),
  lineage_depth: u8,
  published: bool,
  created_at: BlockNumber,
  version_count: u32,
  usage_count: u64,
  revoked: bool,
}, {
  docs: [' A registered model: its artifact, its interface, its terms and its lineage.'],
  fieldDocs: {
    cid: [' Binary CIDv1 of the latest version\'s ONNX artifact.'],
    model_hash: [' Hash of the latest version\'s weights (the final state hash a training job commits).'],
    base_model: [' The model this one was derived from (fine-tuned, distilled, ...).'],
    training_job: [' The training job that produced it; only the jobs pallet can set this.'],
    lineage_depth: [' Number of ancestors: 0 for a root model, the base model\'s depth + 1 otherwise.'],
    published: [' Listed for use and purchase.'],
    version_count: [' Versions so far; the registered artifact is version 1.'],
    usage_count: [' Recorded uses (inference calls) by anyone.'],
    revoked: [' Withdrawn for good by its owner or by Root: no access, no new versions.'],
  },
});
export type ModelInfo = CodecType<typeof ModelInfo>;

/** One version of a model's artifact. */
export const ModelVersion = struct('pallet_models::types::ModelVersion', {
  version: u32,
  cid: bytes,
  model_hash: H256,
  parent_version: option(u32),
  checkpoint_root: option(H256),
  created_at: BlockNumber,
  notes: bytes,
}, {
  docs: [' One version of a model\'s artifact.'],
  fieldDocs: {
    parent_version: [' The version this one was trained from (the latest when it was added); None for version 1.'],
    checkpoint_root: [' Merkle root of the training checkpoints that led to it, if it came from a job.'],
  },
});
export type ModelVersion = CodecType<typeof ModelVersion>;

/** A way to buy access to a model. */
export const AccessTier = struct('pallet_models::types::AccessTier', {
  price: Balance,
  duration_blocks: option(BlockNumber),
  max_uses: option(u32),
}, {
  docs: [' A way to buy access to a model: a price for a number of blocks and/or a number of uses.'],
  fieldDocs: { duration_blocks: [' None: no expiry.'], max_uses: [' None: unlimited uses.'] },
});
export type AccessTier = CodecType<typeof AccessTier>;

/** What an account bought. */
export const AccessGrant = struct('pallet_models::types::AccessGrant', {
  tier_index: u32,
  expires_at: option(BlockNumber),
  uses_left: option(u32),
}, {
  docs: [' Access an account bought to a model.'],
  fieldDocs: { expires_at: [' The first block at which the grant is no longer valid; None: never.'], uses_left: [' None: unlimited.'] },
});
export type AccessGrant = CodecType<typeof AccessGrant>;
