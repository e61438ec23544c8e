import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { SeededStream, seedFromString } from '../datasets/prng.ts';
import { cnnNetwork, DEFAULT_CONVS } from './cnn.ts';
import { loadTrainStep } from './loader.ts';
import { mlpNetwork } from './mlp.ts';
import { type Dim, GraphBuilder } from './onnx-builder.ts';
import { DEFAULT_OPTIMIZERS } from './optimizers.ts';
import { createTrainingSession } from './session.ts';
import { buildTrainingGraphs } from './train-graph.ts';

const { onnx } = onnxProto;

interface UserGraph {
  inputs?: [string, 'float32' | 'int64', Dim[]][];
  outputs?: string[];
  op?: string;
}

/** A tiny hand-made train step: w [3,2]; x [4,3]; y [4]; lr → w.new, loss, with one configurable operator. */
function userGraph({ inputs, outputs = ['w.new', 'loss'], op = 'Relu' }: UserGraph = {}): Uint8Array {
  const g = new GraphBuilder('user');
  for (const [name, dtype, shape] of inputs ?? [['w', 'float32', [3, 2]], ['x', 'float32', [4, 3]], ['y', 'int64', [4]], ['lr', 'float32', []]]) g.input(name, dtype, shape);
  const act = g.op(op, [g.op('MatMul', ['x', 'w'])]);
  g.op('ReduceSum', [act, g.constInts([0, 1])], { keepdims: 0 }, 'loss');
  g.op('Sub', ['w', g.op('Mul', ['w', 'lr'])], {}, 'w.new');
  for (const name of outputs) g.output(name, 'float32', name === 'loss' ? [] : [3, 2]);
  return g.toBytes();
}

function mutate(bytes: Uint8Array, change: (m: onnxProto.onnx.ModelProto) => void): Uint8Array {
  const model = onnx.ModelProto.decode(bytes);
  change(model);
  return onnx.ModelProto.encode(model).finish();
}

const graph = (m: onnxProto.onnx.ModelProto): onnxProto.onnx.GraphProto => m.graph as onnxProto.onnx.GraphProto;

describe('loadTrainStep accepts what we build', () => {
  it.each([
    ['MLP + SGD momentum', mlpNetwork({ layers: [784, 128, 10] }), DEFAULT_OPTIMIZERS.sgd],
    ['MLP + Adam', mlpNetwork({ layers: [784, 128, 10] }), DEFAULT_OPTIMIZERS.adam],
    ['CNN + Adam', cnnNetwork({ input: [1, 28, 28], convs: DEFAULT_CONVS, classes: 10 }), DEFAULT_OPTIMIZERS.adam],
  ] as const)('%s: the signature read back equals the one built', (_name, net, optimizer) => {
    const graphs = buildTrainingGraphs(net, 64, optimizer);
    expect(loadTrainStep(graphs.trainStep)).toEqual(graphs.signature);
  });

  it('a user graph with no optimizer state', () => {
    const sig = loadTrainStep(userGraph());
    expect(sig.weights.map((w) => w.name)).toEqual(['w']);
    expect(sig.state).toEqual([]);
    expect(sig.batchSize).toBe(4);
  });
});

describe('loadTrainStep rejects', () => {
  const noise = new SeededStream(seedFromString('noise'), 'loader');
  const random = Uint8Array.from({ length: 512 }, () => noise.below(256));
  const valid = userGraph();

  it.each([
    ['random bytes', random],
    ['a truncated model', valid.subarray(0, Math.floor(valid.length / 2))],
    ['an empty file', new Uint8Array()],
  ])('malformed: %s', (_name, bytes) => {
    expect(() => loadTrainStep(bytes)).toThrow(expect.objectContaining({ code: 'Malformed' }));
  });

  it('a file above the size limit, before parsing it', () => {
    expect(() => loadTrainStep(random, { maxBytes: 100 })).toThrow(expect.objectContaining({ code: 'TooLarge' }));
  });

  it.each([
    ['built-in Softmax (CPU-ISA dependent)', userGraph({ op: 'Softmax' }), /Softmax \(its reduction order depends on the CPU/],
    ['random operators', userGraph({ op: 'Dropout' }), /Dropout \(it draws random numbers/],
    ['an unknown operator', userGraph({ op: 'Einsum' }), /Einsum \(not in the allowed operator set\)/],
    ['a custom domain', mutate(valid, (m) => (graph(m).node[1]!.domain = 'com.microsoft')), /com\.microsoft::Relu/],
    ['an old opset', mutate(valid, (m) => (m.opsetImport[0]!.version = 9)), /opset 9 is outside 13–21/],
  ])('unsupported: %s', (_name, bytes, message) => {
    expect(() => loadTrainStep(bytes)).toThrow(expect.objectContaining({ code: 'UnsupportedOperator', message: expect.stringMatching(message) }));
  });

  it('initializers stored in external files', () => {
    const bytes = mutate(valid, (m) => {
      const t = graph(m).initializer[0]!;
      t.dataLocation = onnx.TensorProto.DataLocation.EXTERNAL;
      t.externalData = [{ key: 'location', value: '/etc/passwd' }];
    });
    expect(() => loadTrainStep(bytes)).toThrow(expect.objectContaining({ code: 'ExternalData' }));
  });

  const W: [string, 'float32', Dim[]] = ['w', 'float32', [3, 2]];
  const X: [string, 'float32', Dim[]] = ['x', 'float32', [4, 3]];
  const Y: [string, 'int64', Dim[]] = ['y', 'int64', [4]];
  const LR: [string, 'float32', Dim[]] = ['lr', 'float32', []];
  it.each([
    ['no learning-rate input', userGraph({ inputs: [W, X, Y] }), /last three inputs must be x, y, lr/],
    ['float labels', userGraph({ inputs: [W, X, ['y', 'float32', [4]], LR] }), /input y must be int64 \[4\]/],
    ['a dynamic batch', userGraph({ inputs: [W, ['x', 'float32', ['N', 3]], Y, LR] }), /input x must be float32 with a static shape/],
    ['loss before the updated weights', userGraph({ outputs: ['loss', 'w.new'] }), /output 0 must be w\.new/],
    ['an extra output', userGraph({ outputs: ['w.new', 'loss', 'w.new'] }), /followed by loss, and nothing else/],
    ['a weight after optimizer state', userGraph({ inputs: [['opt.w', 'float32', [3, 2]], W, X, Y, LR], outputs: ['opt.w.new', 'w.new', 'loss'] }), /weights must come before optimizer state/],
  ])('wrong signature: %s', (_name, bytes, message) => {
    expect(() => loadTrainStep(bytes)).toThrow(expect.objectContaining({ code: 'WrongSignature', message: expect.stringMatching(message) }));
  });
});

describe('createTrainingSession', () => {
  it('turns onnxruntime’s refusal of a statically valid graph into SessionFailed', async () => {
    const broken = mutate(userGraph(), (m) => (graph(m).node[0]!.input = ['x', 'nowhere']));
    expect(loadTrainStep(broken).weights).toHaveLength(1);
    await expect(createTrainingSession(broken)).rejects.toMatchObject({ code: 'SessionFailed' });
  });

  it('falls back to CPU with a warning when the CUDA provider cannot load', async () => {
    const result = await createTrainingSession(userGraph(), { ortProvider: 'cuda' });
    if (result.provider === 'cpu') expect(result.warning).toMatch(/CUDA execution provider unavailable .*running on CPU instead/);
    else expect(result.warning).toBeUndefined();
  });
});
