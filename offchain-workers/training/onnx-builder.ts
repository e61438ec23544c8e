/**
 * A small ONNX graph builder over `onnx-proto` (protobufjs static code for onnx.proto): graph inputs and outputs
 * with shapes, initializers, nodes with attributes; emits IR 8 / opset 17 (onnxruntime 1.30 runs both).
 *
 * Serialization is deterministic: names come from a counter, fields are written in schema order, and constants
 * are deduplicated by value, so the same builder calls always give the same bytes (and the same model hash).
 */
import onnxProto from 'onnx-proto';
import type { TensorDtype } from './signature.ts';

const { onnx } = onnxProto;
type NodeProto = onnxProto.onnx.INodeProto;
type ValueInfoProto = onnxProto.onnx.IValueInfoProto;
type TensorProto = onnxProto.onnx.ITensorProto;
type AttributeProto = onnxProto.onnx.IAttributeProto;

/** The opset the builder targets; changing it changes every model hash. */
export const OPSET_VERSION = 17;
/** ONNX IR version written into the model. */
export const IR_VERSION = 8;

/** An attribute value: integers become INT/INTS, `{ float }`/`{ floats }` FLOAT/FLOATS, strings STRING. */
export type AttrValue = number | readonly number[] | string | { float: number } | { floats: readonly number[] };

/** A dimension: a fixed size, or a symbolic name such as `'N'` for a dynamic batch. */
export type Dim = number | string;

const ELEM_TYPE: Record<TensorDtype, number> = { float32: onnx.TensorProto.DataType.FLOAT, int64: onnx.TensorProto.DataType.INT64 };

function attribute(name: string, value: AttrValue): AttributeProto {
  const AT = onnx.AttributeProto.AttributeType;
  if (typeof value === 'string') return { name, type: AT.STRING, s: new TextEncoder().encode(value) };
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new TypeError(`attribute ${name}: ${value} is not an integer (use { float })`);
    return { name, type: AT.INT, i: value };
  }
  if ('float' in value) return { name, type: AT.FLOAT, f: value.float };
  if ('floats' in value) return { name, type: AT.FLOATS, floats: [...value.floats] };
  return { name, type: AT.INTS, ints: [...value] };
}

function valueInfo(name: string, dtype: TensorDtype, shape: readonly Dim[]): ValueInfoProto {
  const dim = shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }));
  return { name, type: { tensorType: { elemType: ELEM_TYPE[dtype], shape: { dim } } } };
}

function rawBytes(data: Float32Array | BigInt64Array): Uint8Array {
  // raw_data is little-endian by the ONNX spec; typed arrays are little-endian on every host ORT supports.
  return new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
}

/** Builds one ONNX graph node by node; `toBytes()` serializes it as a ModelProto. */
export class GraphBuilder {
  private readonly nodes: NodeProto[] = [];
  private readonly inputs: ValueInfoProto[] = [];
  private readonly outputs: ValueInfoProto[] = [];
  private readonly initializers: TensorProto[] = [];
  private readonly constants = new Map<string, string>();
  private counter = 0;

  constructor(private readonly graphName: string) {}

  /** A fresh, deterministic tensor name. */
  fresh(hint: string): string {
    return `${hint}_${this.counter++}`;
  }

  /** Declares a graph input; returns its name. */
  input(name: string, dtype: TensorDtype, shape: readonly Dim[]): string {
    this.inputs.push(valueInfo(name, dtype, shape));
    return name;
  }

  /** Declares a graph output (a tensor some node already produces under `name`). */
  output(name: string, dtype: TensorDtype, shape: readonly Dim[]): string {
    this.outputs.push(valueInfo(name, dtype, shape));
    return name;
  }

  /** A float32 scalar constant (shared between uses of the same value). */
  constFloat(value: number): string {
    const bits = new Float32Array([value]);
    return this.constant(`f:${new Uint32Array(bits.buffer)[0]}`, 'c', ELEM_TYPE.float32, [], rawBytes(bits));
  }

  /** A 1-D float32 constant. */
  constFloats(values: readonly number[]): string {
    const data = Float32Array.from(values);
    return this.constant(`fs:${new Uint32Array(data.buffer).join(',')}`, 'cf', ELEM_TYPE.float32, [values.length], rawBytes(data));
  }

  /** A 1-D int64 constant, e.g. axes or a shape. */
  constInts(values: readonly number[]): string {
    const data = BigInt64Array.from(values, (v) => BigInt(v));
    return this.constant(`i:${values.join(',')}`, 'ci', ELEM_TYPE.int64, [values.length], rawBytes(data));
  }

  /** Appends a node with `outputs` (names, or a count of fresh names); returns the output names. */
  node(opType: string, inputs: readonly string[], attrs: Record<string, AttrValue> = {}, outputs: readonly string[] | number = 1): string[] {
    const names = typeof outputs === 'number' ? Array.from({ length: outputs }, () => this.fresh(opType.toLowerCase())) : [...outputs];
    const attribute_ = Object.entries(attrs).map(([k, v]) => attribute(k, v));
    this.nodes.push({ name: this.fresh(`n_${opType}`), opType, input: [...inputs], output: names, attribute: attribute_ });
    return names;
  }

  /** Appends a single-output node; `output` names the result (for graph outputs), otherwise a fresh name. */
  op(opType: string, inputs: readonly string[], attrs: Record<string, AttrValue> = {}, output?: string): string {
    return this.node(opType, inputs, attrs, output === undefined ? 1 : [output])[0]!;
  }

  /** Serializes the model: IR 8, default domain at opset 17, producer `trainchain`. */
  toBytes(): Uint8Array {
    const graph = { name: this.graphName, node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs };
    const model = onnx.ModelProto.create({
      irVersion: IR_VERSION,
      producerName: 'trainchain',
      opsetImport: [{ domain: '', version: OPSET_VERSION }],
      graph,
    });
    // protobufjs hands back a Node Buffer (possibly a slice of a shared pool): copy into a plain Uint8Array.
    return new Uint8Array(onnx.ModelProto.encode(model).finish());
  }

  private constant(key: string, hint: string, dataType: number, dims: number[], data: Uint8Array): string {
    const known = this.constants.get(key);
    if (known !== undefined) return known;
    const name = this.fresh(hint);
    this.initializers.push({ name, dims, dataType, rawData: data });
    this.constants.set(key, name);
    return name;
  }
}
