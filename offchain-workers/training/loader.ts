/**
 * Validates a user's own train-step ONNX file before any session is created: size limit, protobuf parse,
 * opset and operator allow-list, no external data, and the signature
 * `weights…, opt.state…, x, y, lr → weights….new, opt.state….new, loss` (see signature.ts).
 */
import onnxProto from 'onnx-proto';
import { TrainingGraphError } from './errors.ts';
import { operatorRejection } from './operators.ts';
import { IO_NAMES, STATE_PREFIX, type TensorDtype, type TensorSpec, type TrainStepSignature, updatedName } from './signature.ts';

const { onnx } = onnxProto;
type Model = onnxProto.onnx.ModelProto;
type Graph = onnxProto.onnx.GraphProto;
type ValueInfo = onnxProto.onnx.IValueInfoProto;
type Tensor = onnxProto.onnx.ITensorProto;
type Int64 = number | { toNumber(): number } | null | undefined;

/** Train-step graphs keep their weights outside the file, so 16 MiB leaves ample room for constants. */
export const DEFAULT_MAX_GRAPH_BYTES = 16 * 1024 * 1024;
/** Default-domain opsets accepted (onnxruntime 1.30 implements all of them). */
export const OPSET_RANGE = { min: 13, max: 21 } as const;

/** Options of {@link loadTrainStep}. */
export interface LoadTrainStepOptions {
  /** Reject files larger than this many bytes. Default {@link DEFAULT_MAX_GRAPH_BYTES}. */
  maxBytes?: number;
}

const toInt = (v: Int64): number => (v === null || v === undefined ? 0 : typeof v === 'number' ? v : v.toNumber());
const wrong = (message: string): TrainingGraphError => new TrainingGraphError('WrongSignature', message);

function decode(bytes: Uint8Array): { model: Model; graph: Graph } {
  try {
    const model = onnx.ModelProto.decode(bytes);
    // Decoded messages always carry their repeated fields (empty arrays by default), unlike the I* interfaces.
    const graph = model.graph as Graph | null | undefined;
    if (graph === null || graph === undefined || graph.node.length === 0) throw new Error('no graph or an empty one');
    if (graph.node.some((n) => !n.opType)) throw new Error('a node has no operator type');
    return { model, graph };
  } catch (e) {
    throw new TrainingGraphError('Malformed', `not a valid ONNX model: ${(e as Error).message}`);
  }
}

function tensorSpec(v: ValueInfo, role: string): TensorSpec & { dynamic: boolean; declared: boolean } {
  const name = v.name ?? '';
  const tt = v.type?.tensorType;
  if (tt === null || tt === undefined) throw wrong(`${role} ${name} is not a tensor`);
  const elem = tt.elemType ?? 0;
  const dtype: TensorDtype | undefined = elem === onnx.TensorProto.DataType.FLOAT ? 'float32' : elem === onnx.TensorProto.DataType.INT64 ? 'int64' : undefined;
  if (dtype === undefined) throw wrong(`${role} ${name} has element type ${elem}; only float32 (and int64 labels) are supported`);
  const dims = tt.shape?.dim ?? [];
  const shape = dims.map((d) => toInt(d.dimValue));
  return { name, dtype, shape, dynamic: dims.some((d) => !!d.dimParam || toInt(d.dimValue) <= 0), declared: tt.shape !== null && tt.shape !== undefined };
}

function expect(t: TensorSpec & { dynamic: boolean }, dtype: TensorDtype, shape: readonly number[] | undefined, role: string): void {
  const same = shape === undefined || (t.shape.length === shape.length && t.shape.every((d, i) => d === shape[i]));
  if (t.dtype !== dtype || t.dynamic || !same) {
    throw wrong(`${role} ${t.name} must be ${dtype}${shape ? ` [${shape}]` : ' with a static shape'}, got ${t.dtype} [${t.shape}]${t.dynamic ? ' (dynamic)' : ''}`);
  }
}

function checkOperatorsAndData(model: Model, graph: Graph): void {
  const opset = model.opsetImport.find((o) => !o.domain || o.domain === 'ai.onnx');
  const version = toInt(opset?.version);
  if (version < OPSET_RANGE.min || version > OPSET_RANGE.max) {
    throw new TrainingGraphError('UnsupportedOperator', `default-domain opset ${version || 'missing'} is outside ${OPSET_RANGE.min}–${OPSET_RANGE.max}`);
  }
  const refused = [...new Set(graph.node.map((n) => operatorRejection(n.opType ?? '', n.domain ?? '')).filter((r) => r !== undefined))];
  if (refused.length > 0) throw new TrainingGraphError('UnsupportedOperator', `unsupported operators: ${refused.join('; ')}`, { operators: refused });
  const external = (t: Tensor | null | undefined): boolean => !!t && (t.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL || (t.externalData?.length ?? 0) > 0);
  const tensors = [...graph.initializer, ...graph.node.flatMap((n) => (n.attribute ?? []).flatMap((a) => [a.t, ...(a.tensors ?? [])]))];
  if (tensors.some(external) || graph.sparseInitializer.length > 0) {
    throw new TrainingGraphError('ExternalData', 'the graph refers to external data files (or sparse initializers); embed constants in the file');
  }
}

/**
 * Parses `bytes` as a train-step graph and returns its signature, or throws {@link TrainingGraphError}
 * (`TooLarge`, `Malformed`, `UnsupportedOperator`, `ExternalData`, `WrongSignature`).
 */
export function loadTrainStep(bytes: Uint8Array, options: LoadTrainStepOptions = {}): TrainStepSignature {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_GRAPH_BYTES;
  if (bytes.length > maxBytes) throw new TrainingGraphError('TooLarge', `train-step graph is ${bytes.length} bytes, above the ${maxBytes}-byte limit`);
  const { model, graph } = decode(bytes);
  checkOperatorsAndData(model, graph);
  const inputs = graph.input.map((v) => tensorSpec(v, 'input'));
  const outputs = graph.output.map((v) => tensorSpec(v, 'output'));
  const tail = inputs.slice(-3).map((t) => t.name);
  if (tail.join(',') !== [IO_NAMES.features, IO_NAMES.labels, IO_NAMES.learningRate].join(',')) {
    throw wrong(`the last three inputs must be x, y, lr (got ${tail.join(', ') || 'none'})`);
  }
  const [x, y, lr] = inputs.slice(-3) as [(typeof inputs)[0], (typeof inputs)[0], (typeof inputs)[0]];
  expect(x, 'float32', undefined, 'input');
  if (x.shape.length < 2) throw wrong(`input x must be [batch, …features], got [${x.shape}]`);
  const batchSize = x.shape[0]!;
  expect(y, 'int64', [batchSize], 'input');
  expect(lr, 'float32', [], 'input');

  const carried = inputs.slice(0, -3);
  const initialized = new Set(graph.initializer.map((t) => t.name));
  const names = new Set<string>();
  carried.forEach((t, i) => {
    expect(t, 'float32', undefined, 'input');
    if (names.has(t.name) || initialized.has(t.name)) throw wrong(`input ${t.name} is declared twice or also an initializer`);
    names.add(t.name);
    const out = outputs[i];
    if (out?.name !== updatedName(t.name)) throw wrong(`output ${i} must be ${updatedName(t.name)} (got ${out?.name ?? 'none'})`);
    if (out.declared) expect(out, 'float32', t.shape, 'output');
  });
  const firstState = carried.findIndex((t) => t.name.startsWith(STATE_PREFIX));
  if (firstState >= 0 && carried.slice(firstState).some((t) => !t.name.startsWith(STATE_PREFIX))) {
    throw wrong(`weights must come before optimizer state (${STATE_PREFIX}*) in the inputs`);
  }
  const loss = outputs[carried.length];
  if (outputs.length !== carried.length + 1 || loss?.name !== IO_NAMES.loss) throw wrong(`outputs must be the ${carried.length} updated tensors followed by loss, and nothing else`);
  if (loss.declared) expect(loss, 'float32', [], 'output');

  const plain = (t: TensorSpec): TensorSpec => ({ name: t.name, dtype: t.dtype, shape: t.shape });
  const split = firstState < 0 ? carried.length : firstState;
  return { weights: carried.slice(0, split).map(plain), state: carried.slice(split).map(plain), x: plain(x), y: plain(y), batchSize };
}
