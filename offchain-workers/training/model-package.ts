/**
 * A model directory: `train-step.onnx`, `inference.onnx`, `init-state.bin` (initial weights then optimizer
 * state, raw little-endian float32 in signature order, deterministic from the seed) and `manifest.json`
 * (manifest.ts). Reading checks every file's size and blake2b-256 hash and re-validates the train-step graph.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { TensorDataset } from '../datasets/tds.ts';
import { cnnNetwork } from './cnn.ts';
import { TrainingGraphError } from './errors.ts';
import { initialState } from './init-state.ts';
import { loadTrainStep, type LoadTrainStepOptions } from './loader.ts';
import { type Architecture, type Manifest, MANIFEST_FORMAT, ManifestSchema, PACKAGE_FILES } from './manifest.ts';
import { mlpNetwork } from './mlp.ts';
import { OPSET_VERSION } from './onnx-builder.ts';
import type { OptimizerSpec } from './optimizers.ts';
import { DETERMINISTIC_SESSION_OPTIONS, ORT_VERSION } from './session.ts';
import { elementCount, stateTensors, type TrainStepSignature } from './signature.ts';
import { blake2b256, hashReady, StateHasher } from './state-hash.ts';
import { buildTrainingGraphs, type Network } from './train-graph.ts';

/** What {@link createModelPackage} needs. */
export interface ModelPackageOptions {
  architecture: Architecture;
  optimizer: OptimizerSpec;
  batchSize: number;
  /** The default learning rate recorded in the manifest (the graph takes lr as an input). */
  learningRate: number;
  /** 32 bytes; the initial weights are drawn from it. */
  seed: Uint8Array;
}

/** A model package in memory. */
export interface ModelPackage {
  manifest: Manifest;
  trainStep: Uint8Array;
  inference: Uint8Array;
  /** Weights then optimizer state, in signature order. */
  initState: Float32Array[];
  signature: TrainStepSignature;
}

const hex = (b: Uint8Array): string => `0x${Buffer.from(b).toString('hex')}`;
const fileEntry = (b: Uint8Array): { bytes: number; blake2b256: string } => ({ bytes: b.length, blake2b256: hex(blake2b256(b)) });
const bad = (message: string): TrainingGraphError => new TrainingGraphError('BadPackage', message);

/** The network an architecture describes. */
export function networkFor(architecture: Architecture): Network {
  return architecture.kind === 'mlp' ? mlpNetwork(architecture) : cnnNetwork(architecture);
}

/** Builds both graphs and the seeded initial state, and describes them in a manifest. */
export async function createModelPackage(o: ModelPackageOptions): Promise<ModelPackage> {
  await hashReady();
  const net = networkFor(o.architecture);
  const graphs = buildTrainingGraphs(net, o.batchSize, o.optimizer);
  const initState = initialState(net.weights, graphs.signature.state, o.seed);
  const initBytes = new StateHasher().concat(initState).slice();
  const { weights, state, x, y } = graphs.signature;
  const { intraOpNumThreads, interOpNumThreads, executionMode, graphOptimizationLevel } = DETERMINISTIC_SESSION_OPTIONS;
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    architecture: o.architecture,
    optimizer: o.optimizer,
    hyperparameters: { batchSize: o.batchSize, learningRate: o.learningRate, classes: net.classes },
    seed: hex(o.seed),
    runtime: { onnxruntimeNode: ORT_VERSION, opset: OPSET_VERSION, graphOptimizationLevel, intraOpNumThreads, interOpNumThreads, executionMode },
    tensors: { weights, state, x, y },
    files: {
      [PACKAGE_FILES.trainStep]: fileEntry(graphs.trainStep),
      [PACKAGE_FILES.inference]: fileEntry(graphs.inference),
      [PACKAGE_FILES.initState]: fileEntry(initBytes),
    },
  };
  return { manifest, trainStep: graphs.trainStep, inference: graphs.inference, initState, signature: graphs.signature };
}

/** Writes the four files into `dir` (created if needed). */
export async function writeModelPackage(dir: string, pkg: ModelPackage): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, PACKAGE_FILES.trainStep), pkg.trainStep);
  await writeFile(join(dir, PACKAGE_FILES.inference), pkg.inference);
  await writeFile(join(dir, PACKAGE_FILES.initState), new StateHasher().concat(pkg.initState));
  await writeFile(join(dir, PACKAGE_FILES.manifest), `${JSON.stringify(pkg.manifest, null, 2)}\n`);
}

async function readChecked(dir: string, name: keyof Manifest['files'], manifest: Manifest): Promise<Uint8Array> {
  const bytes = new Uint8Array(await readFile(join(dir, name)).catch(() => { throw bad(`${name} is missing from ${dir}`); }));
  const want = manifest.files[name];
  if (bytes.length !== want.bytes || hex(blake2b256(bytes)) !== want.blake2b256) throw bad(`${name} does not match the size or blake2b-256 hash in manifest.json`);
  return bytes;
}

/** Reads and verifies a model directory; throws {@link TrainingGraphError} (`BadPackage` or a loader code). */
export async function readModelPackage(dir: string, options: LoadTrainStepOptions = {}): Promise<ModelPackage> {
  await hashReady();
  let manifest: Manifest;
  try {
    manifest = ManifestSchema.parse(JSON.parse(await readFile(join(dir, PACKAGE_FILES.manifest), 'utf8')));
  } catch (e) {
    const why = e instanceof z.ZodError ? `${e.issues[0]?.path.join('.')}: ${e.issues[0]?.message}` : (e as Error).message;
    throw bad(`${join(dir, PACKAGE_FILES.manifest)} is missing or invalid (${why})`);
  }
  const trainStep = await readChecked(dir, PACKAGE_FILES.trainStep, manifest);
  const inference = await readChecked(dir, PACKAGE_FILES.inference, manifest);
  const initBytes = await readChecked(dir, PACKAGE_FILES.initState, manifest);
  const signature = loadTrainStep(trainStep, options);
  const { weights, state, x, y } = manifest.tensors;
  if (JSON.stringify({ weights, state, x, y }) !== JSON.stringify({ weights: signature.weights, state: signature.state, x: signature.x, y: signature.y })) {
    throw bad('manifest tensors do not match the train-step graph signature');
  }
  const specs = stateTensors(signature);
  const total = specs.reduce((n, s) => n + elementCount(s.shape), 0);
  if (initBytes.length !== total * 4) throw bad(`init-state.bin holds ${initBytes.length} bytes, the signature needs ${total * 4}`);
  const all = new Float32Array(initBytes.buffer.slice(initBytes.byteOffset, initBytes.byteOffset + initBytes.length));
  let at = 0;
  const initState = specs.map((s) => all.slice(at, (at += elementCount(s.shape))));
  return { manifest, trainStep, inference, initState, signature };
}

/**
 * Checks that `ds` can train the package's model: the same number of values per example (a `[28, 28]` dataset
 * feeds a `[784]` MLP or a `[1, 28, 28]` CNN), no more classes than the model outputs, at least one full batch.
 * Throws {@link TrainingGraphError} `ShapeMismatch`.
 */
export function checkDatasetFits(pkg: Pick<ModelPackage, 'manifest' | 'signature'>, ds: TensorDataset): void {
  const want = pkg.signature.x.shape.slice(1);
  const mismatch = (message: string): TrainingGraphError => new TrainingGraphError('ShapeMismatch', message);
  if (elementCount(ds.featureShape) !== elementCount(want)) {
    throw mismatch(`dataset examples are [${ds.featureShape}] (${elementCount(ds.featureShape)} values), the model takes [${want}] (${elementCount(want)})`);
  }
  const classes = pkg.manifest.hyperparameters.classes;
  if (ds.classes > classes) throw mismatch(`dataset has ${ds.classes} classes, the model outputs ${classes}`);
  if (ds.count < pkg.signature.batchSize) throw mismatch(`dataset has ${ds.count} examples, fewer than one batch of ${pkg.signature.batchSize}`);
}
