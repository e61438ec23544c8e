/**
 * The ONNX inference precompile at `0x…0a11` for @ethereumjs/evm's `customPrecompiles` (ABI:
 * contracts/IInference.sol). Every outcome is an ExecResult: success, a REVERT carrying a typed error (unused
 * gas is kept by the caller), or out of gas (all gas used). It never throws: a throw would reject `runTx`.
 *
 * @example
 * const inference = createInferencePrecompile(host, { ortProvider: 'cpu' });
 * const vm = await createVM({ common, evmOpts: { customPrecompiles: [inference] } });
 */
import { EVMError, type ExecResult, type PrecompileFunc, type PrecompileInput } from '@ethereumjs/evm';
import { boolWord, encodeAbi, fixedWord, uintWord } from './abi-encode.ts';
import { AbiDecodeError } from './abi-reader.ts';
import { decodeCall, type InferenceCall, modelIdOf } from './calls.ts';
import { InferenceErrors as E } from './errors.ts';
import { INFERENCE_GAS, preRunGas } from './gas.ts';
import type { InferenceHost } from './host.ts';
import { keccakReady } from './keccak.ts';
import { type InferenceContext, type Outcome, runInference } from './run-inference.ts';
import { SessionCache, type SessionCacheOptions } from './sessions.ts';
import { BadTensorError } from './tensor.ts';

/** The precompile's address. */
export const INFERENCE_ADDRESS = '0x0000000000000000000000000000000000000a11';

/** Options of {@link createInferencePrecompile}: the session cache's (size bound, `ortProvider`, warnings). */
export type InferencePrecompileOptions = SessionCacheOptions;

/** What `createInferencePrecompile` returns: a `customPrecompiles` entry plus its session cache. */
export interface InferencePrecompile {
  address: typeof INFERENCE_ADDRESS;
  function: PrecompileFunc;
  /** The loaded sessions (release them with `sessions.clear()` on shutdown). */
  sessions: SessionCache;
}

const ZERO_ADDRESS = new Uint8Array(20);
const MAX_U256 = (1n << 256n) - 1n;
const LICENSES: Record<string, bigint> = { Open: 0n, Commercial: 1n, ResearchOnly: 2n, Custom: 3n };
const equal = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

function toExecResult(o: Outcome, gasLimit: bigint): ExecResult {
  if (o.kind === 'oog') return { returnValue: new Uint8Array(0), executionGasUsed: gasLimit, exceptionError: new EVMError(EVMError.errorMessages.OUT_OF_GAS) };
  if (o.kind === 'return') return { returnValue: o.data, executionGasUsed: o.gas };
  return { returnValue: o.data, executionGasUsed: o.gas, exceptionError: new EVMError(EVMError.errorMessages.REVERT) };
}

/** `quote` and `modelInfo`: one registry read, no model run. */
async function lookupCall(ctx: InferenceContext, call: Extract<InferenceCall, { fn: 'quote' | 'modelInfo' }>): Promise<Outcome> {
  const gas = INFERENCE_GAS.lookup;
  const id = modelIdOf(call.modelId);
  const model = id === undefined ? undefined : ctx.host.model(id);
  if (!model) return { kind: 'revert', gas, data: E.modelNotFound(call.modelId) };
  if (call.fn === 'modelInfo') {
    const info = [
      fixedWord(model.model_hash), fixedWord(model.owner), uintWord(model.flops_per_inference & 0xffff_ffff_ffff_ffffn),
      uintWord(LICENSES[model.license.tag] ?? 3n), boolWord(model.published), boolWord(model.revoked),
      uintWord(BigInt(model.inputs.length & 0xff)), uintWord(BigInt(model.outputs.length & 0xff)),
    ];
    return { kind: 'return', gas, data: encodeAbi([{ kind: 'tuple', items: info }]) };
  }
  const cidKey = Buffer.from(model.cid).toString('hex');
  let size = ctx.sessions.peek(cidKey)?.sizeBytes ?? ctx.sizes.get(cidKey);
  if (size === undefined) {
    const blob = await ctx.host.modelBytes(model.cid);
    if (!blob) return { kind: 'revert', gas, data: E.modelNotFound(call.modelId) };
    ctx.sizes.set(cidKey, (size = blob.length));
  }
  const quoted = preRunGas(call.inputBytes, model.flops_per_inference, 1n, size);
  // `inputBytes` is any uint256: saturate rather than overflow the return word.
  return { kind: 'return', gas, data: encodeAbi([uintWord(quoted < MAX_U256 ? quoted : MAX_U256)]) };
}

/** The precompile over `host`; see the module doc and contracts/IInference.sol. */
export function createInferencePrecompile(host: InferenceHost, options: InferencePrecompileOptions = {}): InferencePrecompile {
  const ctx: InferenceContext = { host, sessions: new SessionCache(options), sizes: new Map() };
  void keccakReady();

  async function call(input: PrecompileInput): Promise<Outcome> {
    const frame = host.frame();
    const gas = INFERENCE_GAS.lookup;
    // As Frontier: DELEGATECALL/CALLCODE would run the precompile in the caller's context.
    if (frame && (frame.isDelegateCall || !equal(frame.codeAddress, frame.to))) return { kind: 'revert', gas, data: E.badCallContext() };
    let decoded: InferenceCall;
    try {
      decoded = decodeCall(input.data);
    } catch (e) {
      if (e instanceof BadTensorError) return { kind: 'revert', gas, data: E.badTensor(e.index) };
      if (e instanceof AbiDecodeError) return { kind: 'revert', gas, data: E.badCalldata() };
      throw e;
    }
    const value = frame?.value ?? 0n;
    // Only inferPaid is payable.
    if (value !== 0n && decoded.fn !== 'inferPaid') return { kind: 'revert', gas, data: E.badCallContext() };
    if (decoded.fn === 'quote' || decoded.fn === 'modelInfo') return lookupCall(ctx, decoded);
    return runInference(ctx, decoded, input.gasLimit, { caller: frame?.caller ?? ZERO_ADDRESS, value, evm: input._EVM });
  }

  const fn: PrecompileFunc = async (input) => {
    await keccakReady();
    let outcome: Outcome;
    try {
      outcome = await call(input);
    } catch (e) {
      // Unreachable by design; a bug must still not reject runTx. All gas is used, as for a hard failure.
      const why = e instanceof Error ? e.message : String(e);
      outcome = { kind: 'revert', gas: input.gasLimit, data: E.modelFailed(new Uint8Array(32), `internal error: ${why}`) };
    }
    if (outcome.kind !== 'oog' && outcome.gas > input.gasLimit) outcome = { kind: 'oog' };
    return toExecResult(outcome, input.gasLimit);
  };
  return { address: INFERENCE_ADDRESS, function: fn, sessions: ctx.sessions };
}
