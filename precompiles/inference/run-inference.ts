/**
 * `infer`, `inferPaid` and `inferFixed`: look the model up, check access (or payment) and tensors, charge gas,
 * load the session, run onnxruntime, charge the output, settle against the inference log, forward a payment and
 * encode the result. Returns an outcome; never throws for anything a caller can provoke.
 */
import type { EVMInterface } from '@ethereumjs/evm';
import type * as ort from 'onnxruntime-node';
import { type AbiValue, encodeAbi, intWord, uintWord } from './abi-encode.ts';
import { modelIdOf } from './calls.ts';
import { InferenceErrors as E } from './errors.ts';
import { fixedToFloat32, floatToFixed } from './fixed-point.ts';
import { INFERENCE_GAS, outputGas, preRunGas } from './gas.ts';
import type { InferenceHost, InferenceModel } from './host.ts';
import { keccak256 } from './keccak.ts';
import { checkPayment, forwardPayment } from './payment.ts';
import type { LoadedModel, SessionCache } from './sessions.ts';
import { attestationValue, settle } from './settle.ts';
import { type AbiTensor, BadTensorError, checkTensor, fromOrtTensor, tensorsValue, toOrtTensor } from './tensor.ts';

/** What a call ends in; the precompile maps it to an ExecResult. */
export type Outcome = { kind: 'return' | 'revert'; gas: bigint; data: Uint8Array } | { kind: 'oog' };

/** An inference request, from `infer` (tensors) or `inferFixed` (one float input, fixed-point output). */
export type InferenceRequest =
  | { fn: 'infer' | 'inferPaid'; modelId: Uint8Array; tensors: AbiTensor[] }
  | { fn: 'inferFixed'; modelId: Uint8Array; input: bigint[]; shape: number[]; decimals: number };

/** What `runInference` works with. */
export interface InferenceContext {
  host: InferenceHost;
  sessions: SessionCache;
  /** Blob sizes by CID, remembered for `quote` once a blob was fetched. */
  sizes: Map<string, number>;
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const reason = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0]!;

/** The call's input tensors; `inferFixed` input becomes one FLOAT tensor. */
function requestTensors(req: InferenceRequest): AbiTensor[] {
  if (req.fn !== 'inferFixed') return req.tensors;
  const count = req.shape.reduce((a, b) => a * b, 1);
  if (count !== req.input.length) throw new BadTensorError(0, `shape holds ${count} values, input has ${req.input.length}`);
  const x = fixedToFloat32(req.input, req.decimals);
  return [{ dtype: 1, shape: req.shape, data: new Uint8Array(x.buffer) }];
}

/** The FLOP multiplier: the sizes given for the model's declared dynamic (0) dims; checks the fixed dims. */
function batchOf(model: InferenceModel, tensors: readonly AbiTensor[]): bigint {
  if (model.inputs.length === 0) return 1n;
  if (tensors.length !== model.inputs.length) throw new BadTensorError(Math.min(tensors.length, model.inputs.length), `the model takes ${model.inputs.length} inputs`);
  let batch = 1n;
  tensors.forEach((t, i) => {
    const dims = model.inputs[i]!.dims;
    if (dims.length !== t.shape.length) throw new BadTensorError(i, `rank ${t.shape.length}, the model declares ${dims.length}`);
    dims.forEach((d, j) => {
      if (d === 0) batch *= BigInt(Math.max(1, t.shape[j]!));
      else if (d !== t.shape[j]) throw new BadTensorError(i, `dim ${j} is ${t.shape[j]}, the model declares ${d}`);
    });
  });
  return batch;
}

function inputHashOf(req: InferenceRequest): Uint8Array {
  if (req.fn !== 'inferFixed') return keccak256(encodeAbi([tensorsValue(req.tensors)]));
  const ints: AbiValue = { kind: 'array', items: req.input.map(intWord) };
  const shape: AbiValue = { kind: 'array', items: req.shape.map((s) => uintWord(BigInt(s))) };
  return keccak256(encodeAbi([ints, shape, uintWord(BigInt(req.decimals))]));
}

/** The outputs as an ABI value and their size in bytes for gas; throws on NaN or non-float fixed-point output. */
function outputsOf(req: InferenceRequest, m: LoadedModel, out: ort.InferenceSession.ReturnType): { value: AbiValue; bytes: number } {
  const tensors = m.outputNames.map((n) => fromOrtTensor(out[n]!));
  if (req.fn !== 'inferFixed') return { value: tensorsValue(tensors), bytes: tensors.reduce((s, t) => s + t.data.length, 0) };
  const first = out[m.outputNames[0]!]!;
  if (first.type !== 'float32' && first.type !== 'float64') throw new Error(`inferFixed needs a float output, got ${first.type}`);
  const ys = Array.from(first.data as Float32Array | Float64Array, (y) => intWord(floatToFixed(y, req.decimals)));
  return { value: { kind: 'array', items: ys }, bytes: 32 * ys.length };
}

/** The caller of a call and, for `inferPaid`, the value it sent and the EVM to move it with. */
export interface CallerContext {
  caller: Uint8Array;
  value: bigint;
  evm: EVMInterface;
}

/** Runs one `infer`/`inferPaid`/`inferFixed` call with `gasLimit`. */
export async function runInference(ctx: InferenceContext, req: InferenceRequest, gasLimit: bigint, from: CallerContext): Promise<Outcome> {
  const { caller } = from;
  const { host, sessions } = ctx;
  const revert = (gas: bigint, data: Uint8Array): Outcome => (gas > gasLimit ? { kind: 'oog' } : { kind: 'revert', gas, data });
  const lookup = INFERENCE_GAS.lookup;
  const id = modelIdOf(req.modelId);
  const model = id === undefined ? undefined : host.model(id);
  if (id === undefined || !model) return revert(lookup, E.modelNotFound(req.modelId));
  const offer = req.fn === 'inferPaid' ? host.callPrice?.(id) : undefined;
  if (req.fn === 'inferPaid') {
    // Paying replaces the access grant, not the owner's say: a revoked or unlisted model is not for sale.
    if (model.revoked || !model.published) return revert(lookup, E.accessDenied(req.modelId, caller));
    const refused = checkPayment(offer, from.value);
    if (refused === 'NotForSale') return revert(lookup, E.notForSale(req.modelId));
    if (refused === 'InsufficientPayment') return revert(lookup, E.insufficientPayment(req.modelId, offer!.price));
  } else if (model.revoked || !host.hasAccess(id, caller)) return revert(lookup, E.accessDenied(req.modelId, caller));

  let tensors: AbiTensor[];
  let batch: bigint;
  try {
    tensors = requestTensors(req);
    tensors.forEach(checkTensor);
    batch = batchOf(model, tensors);
  } catch (e) {
    if (e instanceof BadTensorError) return revert(lookup, E.badTensor(e.index));
    throw e;
  }
  const inputBytes = tensors.reduce((s, t) => s + t.data.length, 0);
  const flops = model.flops_per_inference;
  // Refuse before fetching anything when even a zero-byte model would not be affordable.
  if (preRunGas(inputBytes, flops, batch, 0) > gasLimit) return { kind: 'oog' };

  const cidKey = hex(model.cid);
  let m = sessions.peek(cidKey);
  if (!m) {
    const blob = await host.modelBytes(model.cid);
    if (!blob) return revert(lookup, E.modelNotFound(req.modelId));
    ctx.sizes.set(cidKey, blob.length);
    if (preRunGas(inputBytes, flops, batch, blob.length) > gasLimit) return { kind: 'oog' };
    try {
      m = await sessions.load(cidKey, blob);
    } catch (e) {
      return revert(preRunGas(inputBytes, flops, batch, blob.length), E.modelFailed(req.modelId, `cannot load the model: ${reason(e)}`));
    }
  }
  const pre = preRunGas(inputBytes, flops, batch, m.sizeBytes) + (offer ? INFERENCE_GAS.payment : 0n);
  if (pre > gasLimit) return { kind: 'oog' };
  if (tensors.length !== m.inputNames.length) return revert(pre, E.badTensor(Math.min(tensors.length, m.inputNames.length)));

  let outputs: { value: AbiValue; bytes: number };
  try {
    const feeds: Record<string, ort.Tensor> = { ...m.bound };
    tensors.forEach((t, i) => (feeds[m.inputNames[i]!] = toOrtTensor(t)));
    outputs = outputsOf(req, m, await m.session.run(feeds));
  } catch (e) {
    return revert(pre, E.modelFailed(req.modelId, reason(e)));
  }
  const total = pre + outputGas(outputs.bytes);
  if (total > gasLimit) return { kind: 'oog' };

  const encoded = encodeAbi([outputs.value]);
  const key = { modelHash: m.modelHash, inputHash: inputHashOf(req) };
  const att = settle(host, key, encoded, keccak256(encoded));
  if (!att) return revert(total, E.inferenceMismatch(key.modelHash, key.inputHash));
  if (offer) {
    try {
      await forwardPayment(from.evm, offer.payee, from.value);
    } catch (e) {
      return revert(total, E.modelFailed(req.modelId, `payment failed: ${reason(e)}`));
    }
  }
  return { kind: 'return', gas: total, data: encodeAbi([outputs.value, attestationValue(att)]) };
}
