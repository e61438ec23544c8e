/**
 * `manifest.json` of a model directory: what the graphs are (architecture, optimizer, hyperparameters), the
 * tensor names, shapes and dtypes of the train-step signature, the runtime settings results depend on, and
 * the size and blake2b-256 hash of every file beside it. One zod schema parses and types it.
 */
import { z } from 'zod';

/** Manifest format tag; bump on any incompatible change. */
export const MANIFEST_FORMAT = 'trainchain-model/1';
/** File names inside a model directory. */
export const PACKAGE_FILES = { trainStep: 'train-step.onnx', inference: 'inference.onnx', initState: 'init-state.bin', manifest: 'manifest.json' } as const;

const positive = z.number().int().positive();
const hex32 = z.string().regex(/^0x[0-9a-f]{64}$/, 'expected 0x + 64 lower-case hex digits');
const tensor = z.strictObject({ name: z.string().min(1), dtype: z.enum(['float32', 'int64']), shape: z.array(z.number().int().nonnegative()).readonly() });
const file = z.strictObject({ bytes: z.number().int().nonnegative(), blake2b256: hex32 });

/** The network: an MLP by layer widths, or a CNN by input shape, conv stack and classes. */
export const ArchitectureSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('mlp'), layers: z.array(positive).min(2) }),
  z.strictObject({
    kind: z.literal('cnn'),
    input: z.tuple([positive, positive, positive]),
    convs: z.array(z.strictObject({ channels: positive, kernel: positive, stride: positive })).min(1),
    classes: positive,
  }),
]);
/** A parsed architecture. */
export type Architecture = z.infer<typeof ArchitectureSchema>;

/** The optimizer and its graph-constant hyperparameters. */
export const OptimizerSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('sgd'), momentum: z.number().min(0).lt(1) }),
  z.strictObject({ kind: z.literal('adam'), beta1: z.number().min(0).lt(1), beta2: z.number().min(0).lt(1), epsilon: z.number().positive() }),
]);

/** The whole manifest. */
export const ManifestSchema = z.strictObject({
  format: z.literal(MANIFEST_FORMAT),
  architecture: ArchitectureSchema,
  optimizer: OptimizerSchema,
  hyperparameters: z.strictObject({ batchSize: positive, learningRate: z.number().positive(), classes: positive }),
  /** The 32-byte seed the initial weights were drawn from. */
  seed: hex32,
  runtime: z.strictObject({
    onnxruntimeNode: z.string(),
    opset: positive,
    graphOptimizationLevel: z.string(),
    intraOpNumThreads: positive,
    interOpNumThreads: positive,
    executionMode: z.string(),
  }),
  tensors: z.strictObject({ weights: z.array(tensor).min(1), state: z.array(tensor), x: tensor, y: tensor }),
  files: z.strictObject({ [PACKAGE_FILES.trainStep]: file, [PACKAGE_FILES.inference]: file, [PACKAGE_FILES.initState]: file }),
});
/** A parsed manifest. */
export type Manifest = z.infer<typeof ManifestSchema>;
