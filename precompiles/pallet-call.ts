/**
 * The machinery of the pallet precompiles (`IModels` at 0x…0a12, `IJobs` at 0x…0a13), after Moonbeam's
 * `precompile_utils`: a selector table with `view` / non-payable / payable functions, Frontier's call-context
 * rules, and `dispatch`, which runs the real pallet call (`RuntimeHelper::try_dispatch`): gas charged from the
 * call's pre-dispatch weight before it runs, refunded to its actual weight, origin `Signed(toAccountId(caller))`,
 * inside the EVM's current checkpoint layer so that a reverting frame undoes the call's writes and events.
 *
 * Every outcome is an ExecResult (success, REVERT with revert data, or out of gas); nothing throws into the EVM.
 */
import { EVMError, type ExecResult, type PrecompileFunc, type PrecompileInput } from '@ethereumjs/evm';
import { toAccountId } from '../pallets/evm/address.ts';
import type { MessageFrame } from '../pallets/evm/vm.ts';
import { WEIGHT_PER_GAS } from '../pallets/evm/weights.ts';
import type { DispatchContext, RuntimeCall } from '../runtime/framework/pallet.ts';
import type { ComposedRuntime } from '../runtime/framework/runtime.ts';
import type { AccountId, DispatchError } from '../runtime/primitives.ts';
import { decode } from '../runtime/scale/codec.ts';
import { bytesValue, encodeAbi } from './inference/abi-encode.ts';
import { AbiDecodeError, AbiReader } from './inference/abi-reader.ts';
import { selector } from './inference/errors.ts';

/** Gas of one storage read (the runtime's `dbWeight.read`, 25 µs, at `WEIGHT_PER_GAS`), charged by views. */
export const READ_GAS = 1_000n;
/** The most calldata bytes a pallet precompile decodes (names, CIDs and shapes are all bounded far below). */
const MAX_CALLDATA = 64 * 1024;

/** What a function returns: data, a revert with data, or out of gas (all gas used). */
export type Outcome = { kind: 'return' | 'revert'; gas: bigint; data: Uint8Array } | { kind: 'oog' };

/** What a function runs with. */
export interface CallEnv {
  frame: MessageFrame;
  /** The EVM's `DispatchContext` (current checkpoint layer), nested dispatch routed through the runtime. */
  ctx: DispatchContext;
  runtime: ComposedRuntime;
  gasLimit: bigint;
  /** The caller's mapped account (`toAccountId(msg.sender)`). */
  account: AccountId;
}

/** One entry of a selector table. */
export interface PrecompileFunction {
  /** The Solidity signature (`publish(uint64)`); the selector is its keccak. */
  signature: string;
  mutability: 'view' | 'nonpayable' | 'payable';
  /** Decodes arguments with `r` (arguments start at byte 4) and runs; an `AbiDecodeError` becomes `BadCalldata()`. */
  run(env: CallEnv, r: AbiReader): Outcome | Promise<Outcome>;
}

const BAD_CALLDATA = selector('BadCalldata()');
const DISPATCH_FAILED = selector('DispatchFailed(string)');
const ERROR_STRING = selector('Error(string)');
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Revert data of Solidity's `revert("message")` (what Moonbeam's precompiles revert with for context rules). */
export const revertMessage = (message: string): Uint8Array => encodeAbi([bytesValue(utf8(message))], ERROR_STRING);
/** `DispatchFailed(string reason)`: the pallet call failed with `reason` (`Models.NotOwner`, `Token.FundsUnavailable`). */
export const dispatchFailed = (reason: string): Uint8Array => encodeAbi([bytesValue(utf8(reason))], DISPATCH_FAILED);

/** `Pallet.Error` for a module error, `Kind.Detail` or `Kind` for the others. */
export function dispatchErrorName(runtime: ComposedRuntime, e: DispatchError): string {
  if (e.tag === 'Module') {
    try {
      const v = decode(runtime.error, Uint8Array.of(e.value.index, e.value.error[0] ?? 0)) as { tag: string; value?: { tag?: string } };
      return `${v.tag}.${v.value?.tag ?? '?'}`;
    } catch {
      return `Module(${e.value.index}, ${e.value.error[0] ?? 0})`;
    }
  }
  const detail = 'value' in e ? (e.value as { tag?: string }).tag : undefined;
  return detail ? `${e.tag}.${detail}` : e.tag;
}

/** Gas for `refTime` picoseconds of weight, rounded up. */
export const weightToGas = (refTime: bigint): bigint => (refTime + WEIGHT_PER_GAS - 1n) / WEIGHT_PER_GAS;

/**
 * Dispatches `call` as the caller (Moonbeam's `try_dispatch`): charges the call's pre-dispatch weight as gas
 * (`ref_time / WEIGHT_PER_GAS`; out of gas when the limit is lower, before anything runs), then refunds down to
 * its actual weight. A failed call has written nothing and reverts `DispatchFailed("Pallet.Error")`.
 */
export async function dispatch(env: CallEnv, call: RuntimeCall, extraGas = 0n): Promise<{ ok: true; gas: bigint } | Outcome> {
  const pre = weightToGas(env.runtime.callWeight(call).ref_time) + extraGas;
  if (pre > env.gasLimit) return { kind: 'oog' };
  const r = await env.runtime.dispatchAsync(env.ctx, { tag: 'Signed', who: env.account }, call);
  const actual = r.actualWeight ? weightToGas(r.actualWeight.ref_time) + extraGas : pre;
  const gas = actual < pre ? actual : pre;
  if (!r.ok) return { kind: 'revert', gas, data: dispatchFailed(dispatchErrorName(env.runtime, r.error)) };
  return { ok: true, gas };
}

const equal = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
const keyOf = (b: Uint8Array): number => ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;

function toExecResult(o: Outcome, gasLimit: bigint): ExecResult {
  if (o.kind === 'oog' || o.gas > gasLimit) return { returnValue: new Uint8Array(), executionGasUsed: gasLimit, exceptionError: new EVMError(EVMError.errorMessages.OUT_OF_GAS) };
  if (o.kind === 'return') return { returnValue: o.data, executionGasUsed: o.gas };
  return { returnValue: o.data, executionGasUsed: o.gas, exceptionError: new EVMError(EVMError.errorMessages.REVERT) };
}

/** Frontier's checks, in its order: call context, selector, static context, value. */
function refusal(frame: MessageFrame, fn: PrecompileFunction | undefined): string | undefined {
  if (frame.isDelegateCall || !equal(frame.codeAddress, frame.to)) return 'Cannot be called with DELEGATECALL or CALLCODE';
  if (!fn) return 'Unknown selector';
  if (fn.mutability !== 'view' && frame.isStatic) return "Can't call non-static function in static context";
  if (fn.mutability !== 'payable' && frame.value !== 0n) return 'Function is not payable';
  return undefined;
}

/** A precompile over a selector table, for a `PrecompileFactory` (`frame` and `context` are the factory's). */
export function palletPrecompile(
  functions: readonly PrecompileFunction[],
  runtime: () => ComposedRuntime,
  frame: () => MessageFrame | undefined,
  context: () => DispatchContext,
): PrecompileFunc {
  const table = new Map(functions.map((f) => [keyOf(selector(f.signature)), f]));
  const run = async (input: PrecompileInput): Promise<Outcome> => {
    const f = frame();
    if (!f) return { kind: 'revert', gas: 0n, data: revertMessage('No call frame') };
    const fn = input.data.length >= 4 ? table.get(keyOf(input.data)) : undefined;
    const refused = refusal(f, fn);
    if (refused || !fn) return { kind: 'revert', gas: 0n, data: revertMessage(refused ?? 'Unknown selector') };
    const base = context();
    const composed = runtime();
    // The EVM's context refuses nested dispatch (it has no runtime): route it through the composed runtime.
    const ctx: DispatchContext = {
      get state() {
        return base.state;
      },
      get block() {
        return base.block;
      },
      deposit: (events, event) => base.deposit(events, event),
      dispatch: (origin, call) => composed.dispatch(ctx, origin, call),
      eventCount: () => base.eventCount(),
      truncateEvents: (count) => base.truncateEvents(count),
    };
    const env: CallEnv = { frame: f, ctx, runtime: composed, gasLimit: input.gasLimit, account: toAccountId(ctx.state, f.caller) };
    try {
      if (input.data.length > MAX_CALLDATA) throw new AbiDecodeError('calldata too large');
      return await fn.run(env, new AbiReader(input.data, MAX_CALLDATA));
    } catch (e) {
      if (e instanceof AbiDecodeError) return { kind: 'revert', gas: READ_GAS, data: encodeAbi([], BAD_CALLDATA) };
      throw e;
    }
  };
  return async (input) => toExecResult(await run(input), input.gasLimit);
}

/** `type(uint64).max`: "none" for an optional id in the pallet precompiles' ABIs (`NO_ID` in the .sol files). */
export const NO_ID = (1n << 64n) - 1n;
/** A `uint64` id argument where `NO_ID` means none. */
export const optionalId = (r: AbiReader, pos: number): bigint | undefined => {
  const v = r.uint(pos, 64);
  return v === NO_ID ? undefined : v;
};
/** An enum argument (`uint8` index into `names`), `BadCalldata` when out of range. */
export function enumArg<N extends string>(r: AbiReader, pos: number, names: readonly N[]): N {
  const name = names[r.uintN(pos, 8)];
  if (name === undefined) throw new AbiDecodeError(`enum value at ${pos} out of range`);
  return name;
}
