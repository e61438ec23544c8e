/**
 * Test and bench models, generated in code (never downloaded):
 *  - `mlpOnnx(widths)`: a raw ONNX MLP with its weights as initializers (MatMul + Add, ReLU between layers),
 *    input `x` [N, widths[0]] with a dynamic batch, output `logits` [N, last]; also GPT-2-small-sized stacks;
 *  - `trainedMlpPack(layers)`: a trained-model pack as `runJob` uploads it (inference.onnx + final-state.bin +
 *    manifest.json), built with offchain-workers/training's graph builder.
 */
import onnxProto from 'onnx-proto';
import { packFiles } from '../../../offchain-workers/trainer/package-blob.ts';
import type { Manifest } from '../../../offchain-workers/training/manifest.ts';
import { createModelPackage } from '../../../offchain-workers/training/model-package.ts';
import { PACK_FINAL_STATE } from '../sessions.ts';

const { onnx } = onnxProto;
const FLOAT = onnx.TensorProto.DataType.FLOAT;

/** A deterministic float stream in [-1, 1) (xorshift32; exact in float32). */
export function pseudoRandom(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 31 - 1;
  };
}

/** A generated model: its bytes, what it costs, and how it is called. */
export interface GeneratedModel {
  bytes: Uint8Array;
  parameters: number;
  /** Multiply-adds × 2 for one example. */
  flops: bigint;
  inputWidth: number;
  outputWidth: number;
}

const valueInfo = (name: string, dims: (number | string)[]): onnxProto.onnx.IValueInfoProto => ({
  name,
  type: { tensorType: { elemType: FLOAT, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } },
});

/** An MLP `widths[0] → … → widths[last]` with He-scaled pseudo-random weights and zero biases. */
export function mlpOnnx(widths: readonly number[], seed = 1): GeneratedModel {
  const rand = pseudoRandom(seed);
  const nodes: onnxProto.onnx.INodeProto[] = [];
  const inits: onnxProto.onnx.ITensorProto[] = [];
  let x = 'x';
  let parameters = 0;
  let flops = 0n;
  for (let l = 0; l + 1 < widths.length; l++) {
    const [fanIn, out] = [widths[l]!, widths[l + 1]!];
    const w = new Float32Array(fanIn * out);
    const scale = Math.sqrt(6 / fanIn);
    for (let i = 0; i < w.length; i++) w[i] = rand() * scale;
    inits.push({ name: `w${l}`, dims: [fanIn, out], dataType: FLOAT, rawData: new Uint8Array(w.buffer) });
    inits.push({ name: `b${l}`, dims: [out], dataType: FLOAT, rawData: new Uint8Array(out * 4) });
    parameters += w.length + out;
    flops += 2n * BigInt(fanIn * out);
    const last = l + 2 === widths.length;
    nodes.push({ name: `mm${l}`, opType: 'MatMul', input: [x, `w${l}`], output: [`h${l}`] });
    nodes.push({ name: `add${l}`, opType: 'Add', input: [`h${l}`, `b${l}`], output: [last ? 'logits' : `z${l}`] });
    if (!last) nodes.push({ name: `relu${l}`, opType: 'Relu', input: [`z${l}`], output: [(x = `a${l}`)] });
  }
  const graph = { name: 'mlp', node: nodes, initializer: inits, input: [valueInfo('x', ['N', widths[0]!])], output: [valueInfo('logits', ['N', widths.at(-1)!])] };
  const model = onnx.ModelProto.create({ irVersion: 8, producerName: 'trainchain-test', opsetImport: [{ domain: '', version: 17 }], graph });
  return { bytes: new Uint8Array(onnx.ModelProto.encode(model).finish()), parameters, flops, inputWidth: widths[0]!, outputWidth: widths.at(-1)! };
}

/**
 * Widths of a GPT-2-small-sized MatMul stack: 12 blocks of four 768×768 (attention q, k, v, projection) and
 * 768×3072×768 (MLP), then a 768×50257 LM head: 123.7 M parameters (GPT-2 small: 124.4 M).
 */
export function gpt2SmallWidths(): number[] {
  const widths = [768];
  for (let b = 0; b < 12; b++) widths.push(768, 768, 768, 768, 3072, 768);
  widths.push(50257);
  return widths;
}

/** A trained-model pack and the pieces a direct `session.run` needs. */
export interface GeneratedPack {
  bytes: Uint8Array;
  inference: Uint8Array;
  weights: { name: string; shape: number[]; data: Float32Array }[];
  manifest: Manifest;
}

/** A pack of an MLP classifier (`layers`, e.g. [8, 16, 3]) with its seeded initial weights as the final state. */
export async function trainedMlpPack(layers: number[]): Promise<GeneratedPack> {
  const pkg = await createModelPackage({
    architecture: { kind: 'mlp', layers },
    optimizer: { kind: 'sgd', momentum: 0.9 },
    batchSize: 4,
    learningRate: 0.1,
    seed: new Uint8Array(32).fill(7),
  });
  const state = pkg.initState;
  const stateBytes = new Uint8Array(state.reduce((n, t) => n + t.byteLength, 0));
  let at = 0;
  for (const t of state) {
    stateBytes.set(new Uint8Array(t.buffer, t.byteOffset, t.byteLength), at);
    at += t.byteLength;
  }
  const files = new Map<string, Uint8Array>([
    ['manifest.json', new TextEncoder().encode(`${JSON.stringify(pkg.manifest, null, 2)}\n`)],
    ['inference.onnx', pkg.inference],
    [PACK_FINAL_STATE, stateBytes],
  ]);
  const weights = pkg.signature.weights.map((w, i) => ({ name: w.name, shape: [...w.shape], data: state[i]! }));
  return { bytes: packFiles(files), inference: pkg.inference, weights, manifest: pkg.manifest };
}
