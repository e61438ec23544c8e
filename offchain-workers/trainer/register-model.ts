/**
 * Registers a model directory (model-package.ts) in the models pallet: verifies the package, uploads it as one
 * model pack (package-blob.ts) and calls `models.register_model` with the pack's CID, the blake2b-256 of its
 * initial weights as the model hash, and the shapes and parameter count read from the train-step signature. The
 * model is then published (unless asked not to) so that training jobs can name it as their base model.
 */
import { basename, resolve } from 'node:path';
import { u8aToHex } from '@polkadot/util';
import { PACKAGE_FILES } from '../training/manifest.ts';
import { type ModelPackage, readModelPackage } from '../training/model-package.ts';
import { elementCount } from '../training/signature.ts';
import { type BlobBytes, cidBytes } from './blobs.ts';
import type { ChainClient } from './chain.ts';
import { packModel } from './package-blob.ts';

/** Licences a model may be registered under from the CLI. */
export type ModelLicense = 'Open' | 'Commercial' | 'ResearchOnly';

/** What {@link registerModel} needs. */
export interface RegisterModelOptions {
  dir: string;
  /** Default: the directory's name. */
  name?: string;
  license?: ModelLicense;
  /** Leave the model unpublished (jobs cannot derive from it then). Default false. */
  unpublished?: boolean;
}

/** The registered model. */
export interface RegisteredModel {
  modelId: number;
  cid: string;
  /** 0x-hex blake2b-256 of `init-state.bin`. */
  modelHash: string;
  parameters: number;
  published: boolean;
}

const text = (s: string): string => u8aToHex(new TextEncoder().encode(s));

/** Reads a model directory with one clear message when it is missing or damaged. */
export async function readModelDir(dir: string): Promise<ModelPackage> {
  try {
    return await readModelPackage(dir);
  } catch (e) {
    throw new Error(`${dir} is not a model directory: ${(e as Error).message}`);
  }
}

/** The chain's description of a package: architecture text, model type, input and output shapes, size. */
export function describePackage(pkg: ModelPackage): { architecture: string; modelType: string; inputs: unknown[]; outputs: unknown[]; parameters: number } {
  const a = pkg.manifest.architecture;
  const architecture = a.kind === 'mlp' ? `mlp ${a.layers.join('-')}` : `cnn ${a.input.join('x')} ${a.convs.map((c) => `${c.channels}x${c.kernel}s${c.stride}`).join(',')} ${a.classes}`;
  const parameters = pkg.signature.weights.reduce((n, w) => n + elementCount(w.shape), 0);
  // 0 is a dynamic dimension: the inference graph takes any batch size.
  const inputs = [{ dims: [0, ...pkg.signature.x.shape.slice(1)], dtype: 'Float32' }];
  const outputs = [{ dims: [0, pkg.manifest.hyperparameters.classes], dtype: 'Float32' }];
  return { architecture, modelType: a.kind === 'cnn' ? 'Vision' : 'Custom', inputs, outputs, parameters };
}

/** Uploads, registers and (by default) publishes; returns the model id. */
export async function registerModel(c: ChainClient, blobs: BlobBytes, o: RegisterModelOptions): Promise<RegisteredModel> {
  const pkg = await readModelDir(o.dir);
  const d = describePackage(pkg);
  const modelHash = pkg.manifest.files[PACKAGE_FILES.initState].blake2b256;
  const known = await c.query('models', 'modelByHash')(modelHash);
  if (!known.isEmpty) throw new Error(`a model with these initial weights is already registered as #${known.toString()}`);
  const cid = await blobs.put(await packModel(o.dir));
  const name = o.name ?? basename(resolve(o.dir));
  const events = await c.send(
    c.tx('models', 'registerModel')(
      u8aToHex(cidBytes(cid)), modelHash, text(name), text(d.architecture), text('onnx'), { [d.modelType]: null }, d.inputs, d.outputs,
      d.parameters, 0, { [o.license ?? 'Open']: null }, null, null,
    ),
  );
  const registered = events.find((e) => e.section === 'models' && e.method === 'ModelRegistered');
  if (registered === undefined) throw new Error('the chain emitted no ModelRegistered event');
  const modelId = Number(registered.data[0]);
  if (!o.unpublished) await c.send(c.tx('models', 'publish')(modelId));
  return { modelId, cid, modelHash, parameters: d.parameters, published: !o.unpublished };
}
