/** Models calls for registering and managing a model: register, versions, publishing, ownership, revocation. */
import { BadOrigin, call, ensureSigned } from '../../runtime/framework/pallet.ts';
import { H256, MultiAddress } from '../../runtime/primitives.ts';
import { bytes, named, option, u64, vec } from '../../runtime/scale/codec.ts';
import { lookupAddress, sameAccount } from '../balances/lookup.ts';
import { ownedModel } from './access.ts';
import type { ResolvedModelsConfig } from './config.ts';
import { ModelsError } from './errors.ts';
import { ModelsEvent } from './events.ts';
import { registerModel } from './register.ts';
import type { ModelsStorage } from './storage.ts';
import { License, ModelId, ModelType, TensorShape } from './types.ts';
import { validateVersion } from './validate.ts';
import { ModelsWeights } from './weights.ts';

// Encoded size of tensor shapes, for the weight: 4 bytes per dimension and one for the dtype.
const shapeBytes = (shapes: { dims: number[] }[]) => shapes.reduce((n, s) => n + 4 * s.dims.length + 1, 0);

/** The registration and lifecycle calls (indices 0-3, 7, 8). */
export function modelsCalls(storage: ModelsStorage, config: ResolvedModelsConfig) {
  return {
    register_model: call({
      index: 0,
      args: {
        cid: bytes,
        model_hash: H256,
        name: bytes,
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
      },
      docs: [
        ' Register a model owned by the caller, unpublished, as version 1.',
        '',
        ' `cid` is the binary CIDv1 of the ONNX artifact and `model_hash` the hash of its weights (unique chain-wide).',
        ' With a `base_model`, the base must be published and its licence must let the caller build on it: Open,',
        ' Commercial or ResearchOnly with an access grant, Custom for its owner; the lineage is at most',
        ' `MaxLineageDepth` deep. `training_dataset` must be a registered dataset. Only the jobs pallet can attest',
        ' the training job, so it is not an argument here.',
      ],
      weight: (a) => ModelsWeights.registerModel(
        a.cid.length + a.name.length + a.architecture.length + a.framework.length + shapeBytes(a.inputs) + shapeBytes(a.outputs) +
          (a.license.tag === 'Custom' ? a.license.value.length : 0),
      ),
      dispatch: (ctx, origin, args) => {
        const owner = ensureSigned(origin);
        registerModel(ctx, storage, config, { ...args, owner });
      },
    }),
    add_version: call({
      index: 1,
      args: { model_id: ModelId, cid: bytes, model_hash: H256, checkpoint_root: option(H256), notes: bytes },
      docs: [
        ' Add a version to a model the caller owns; it becomes the model\'s current artifact (`cid`, `model_hash`)',
        ' and its parent is the version that was current. At most `MaxVersions` versions.',
      ],
      weight: (a) => ModelsWeights.addVersion(a.cid.length + a.notes.length),
      dispatch: (ctx, origin, { model_id, cid, model_hash, checkpoint_root, notes }) => {
        const who = ensureSigned(origin);
        const info = ownedModel(storage, ctx.state, model_id, who);
        if (info.revoked) throw ModelsError.Revoked;
        validateVersion(config, cid, notes);
        if (info.version_count >= config.maxVersions) throw ModelsError.TooManyVersions;
        if (storage.ModelByHash.contains(ctx.state, model_hash)) throw ModelsError.DuplicateModel;
        const version = info.version_count + 1;
        storage.Versions.insert(ctx.state, {
          version,
          cid,
          model_hash,
          parent_version: info.version_count,
          checkpoint_root,
          created_at: ctx.block.number,
          notes,
        }, model_id, version);
        storage.Models.insert(ctx.state, { ...info, cid, model_hash, version_count: version }, model_id);
        storage.ModelByHash.insert(ctx.state, model_id, model_hash);
        ctx.deposit(ModelsEvent, { tag: 'VersionAdded', value: { model_id, version, model_hash } });
      },
    }),
    publish: call({
      index: 2,
      args: { model_id: ModelId },
      docs: [' Publish a model the caller owns: it can be used (Open) or bought (tiers), and built on.'],
      weight: ModelsWeights.setFlag,
      dispatch: (ctx, origin, { model_id }) => {
        const info = ownedModel(storage, ctx.state, model_id, ensureSigned(origin));
        if (info.revoked) throw ModelsError.Revoked;
        if (info.published) throw ModelsError.AlreadyPublished;
        storage.Models.insert(ctx.state, { ...info, published: true }, model_id);
        ctx.deposit(ModelsEvent, { tag: 'ModelPublished', value: { model_id } });
      },
    }),
    unpublish: call({
      index: 3,
      args: { model_id: ModelId },
      docs: [' Unpublish a model the caller owns: no new purchases or derivatives; grants already bought stay valid.'],
      weight: ModelsWeights.setFlag,
      dispatch: (ctx, origin, { model_id }) => {
        const info = ownedModel(storage, ctx.state, model_id, ensureSigned(origin));
        if (info.revoked) throw ModelsError.Revoked;
        if (!info.published) throw ModelsError.NotPublished;
        storage.Models.insert(ctx.state, { ...info, published: false }, model_id);
        ctx.deposit(ModelsEvent, { tag: 'ModelUnpublished', value: { model_id } });
      },
    }),
    transfer_ownership: call({
      index: 7,
      args: { model_id: ModelId, new_owner: MultiAddress },
      argTypeNames: { new_owner: 'AccountIdLookupOf<T>' },
      docs: [' Give a model the caller owns to `new_owner`, who will receive its sales and royalties from now on.'],
      weight: ModelsWeights.transferOwnership,
      dispatch: (ctx, origin, { model_id, new_owner }) => {
        const from = ensureSigned(origin);
        const to = lookupAddress(new_owner);
        const info = ownedModel(storage, ctx.state, model_id, from);
        if (info.revoked) throw ModelsError.Revoked;
        if (sameAccount(from, to)) return;
        storage.Models.insert(ctx.state, { ...info, owner: to }, model_id);
        storage.ModelsByOwner.remove(ctx.state, from, model_id);
        storage.ModelsByOwner.insert(ctx.state, ctx.block.number, to, model_id);
        ctx.deposit(ModelsEvent, { tag: 'OwnershipTransferred', value: { model_id, from, to } });
      },
    }),
    revoke: call({
      index: 8,
      args: { model_id: ModelId },
      docs: [
        ' Revoke a model for good (its owner, or Root for a takedown): it is unpublished, nobody can use or buy',
        ' it, and it earns no more royalties. Its record and lineage stay, and its weights hash stays taken.',
      ],
      weight: ModelsWeights.setFlag,
      dispatch: (ctx, origin, { model_id }) => {
        if (origin.tag !== 'Root' && origin.tag !== 'Signed') throw BadOrigin;
        const info = origin.tag === 'Root' ? storage.Models.get(ctx.state, model_id) : ownedModel(storage, ctx.state, model_id, origin.who);
        if (!info) throw ModelsError.ModelNotFound;
        if (info.revoked) throw ModelsError.Revoked;
        storage.Models.insert(ctx.state, { ...info, revoked: true, published: false }, model_id);
        ctx.deposit(ModelsEvent, { tag: 'ModelRevoked', value: { model_id } });
      },
    }),
  };
}
