/**
 * `payment_*`: fee estimates through the `TransactionPaymentApi` runtime API. @polkadot/api's
 * `tx.paymentInfo()` calls that runtime API directly via `state_call`; these RPCs serve older clients
 * and tools. Errors are Substrate's: code 1 "Unable to query …" with the failure in `data`.
 */
import { u8aConcat, u8aToHex } from '@polkadot/util';
import type { ChainApi } from '../../node/chain-api.ts';
import { DispatchClass, Weight } from '../../runtime/primitives.ts';
import { type CodecType, decode, option, u128 } from '../../runtime/scale/codec.ts';
import { struct } from '../../runtime/scale/composite.ts';
import { RpcError } from '../errors.ts';
import { hex, optionalBlockHash } from './params.ts';
import { call, errorMessage } from './shared.ts';

// The runtime API's output layouts (pallet_transaction_payment::types), decoded here to build the JSON.
const RuntimeDispatchInfo = struct('pallet_transaction_payment::types::RuntimeDispatchInfo', {
  weight: Weight,
  class: DispatchClass,
  partial_fee: u128,
});
const InclusionFee = struct('pallet_transaction_payment::types::InclusionFee', { base_fee: u128, len_fee: u128, adjusted_weight_fee: u128 });
const FeeDetails = struct('pallet_transaction_payment::types::FeeDetails', { inclusion_fee: option(InclusionFee), tip: u128 });

/** Substrate's payment RPC error code for a failed runtime call. */
const RUNTIME_ERROR = 1;

/** Substrate's `NumberOrHex`: a JSON number while it is exact, a hex quantity beyond. */
function numberOrHex(v: bigint): number | string {
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : `0x${v.toString(16)}`;
}

/** Runs `TransactionPaymentApi_<method>(uxt, len)` at the given block (best when omitted). */
async function queryPayment(chain: ChainApi, params: unknown[], method: string, desc: string): Promise<Uint8Array> {
  const ext = hex(params[0], 'extrinsic');
  const hash = optionalBlockHash(params[1]);
  const fail = (data: string) => new RpcError(RUNTIME_ERROR, desc, data);
  const at = hash ?? chain.best().hash;
  const view = await chain.stateAt(at);
  if (!view) throw fail(`UnknownBlock: Header was not found in the database: ${u8aToHex(at)}`);
  // The runtime API takes the extrinsic's own encoding then its length as a u32 (little-endian).
  const len = new Uint8Array(4);
  new DataView(len.buffer).setUint32(0, ext.length, true);
  try {
    return await view.call(`TransactionPaymentApi_${method}`, u8aConcat(ext, len));
  } catch (err) {
    throw fail(errorMessage(err));
  }
}

/**
 * `[extrinsicHex, hash?]` → `{ weight: { refTime, proofSize }, class: "normal" | "operational" | "mandatory", partialFee: "<decimal>" }`.
 */
export const payment_queryInfo = call(async ({ chain }, params) => {
  const desc = 'Unable to query dispatch info.';
  const out = await queryPayment(chain, params, 'query_info', desc);
  let info: CodecType<typeof RuntimeDispatchInfo>;
  try {
    info = decode(RuntimeDispatchInfo, out);
  } catch (err) {
    throw new RpcError(RUNTIME_ERROR, desc, `Could not decode the runtime's answer: ${errorMessage(err)}`);
  }
  return {
    weight: { refTime: Number(info.weight.ref_time), proofSize: Number(info.weight.proof_size) },
    class: info.class.tag.toLowerCase(),
    // Substrate serializes the fee as a decimal string (`serde_balance`): a u128 does not fit a JSON number.
    partialFee: info.partial_fee.toString(),
  };
});

/** `[extrinsicHex, hash?]` → `{ inclusionFee: { baseFee, lenFee, adjustedWeightFee } | null }` (the tip is not serialized, as in Substrate). */
export const payment_queryFeeDetails = call(async ({ chain }, params) => {
  const desc = 'Unable to query fee details.';
  const out = await queryPayment(chain, params, 'query_fee_details', desc);
  let details: CodecType<typeof FeeDetails>;
  try {
    details = decode(FeeDetails, out);
  } catch (err) {
    throw new RpcError(RUNTIME_ERROR, desc, `Could not decode the runtime's answer: ${errorMessage(err)}`);
  }
  const fee = details.inclusion_fee;
  return {
    inclusionFee: fee
      ? { baseFee: numberOrHex(fee.base_fee), lenFee: numberOrHex(fee.len_fee), adjustedWeightFee: numberOrHex(fee.adjusted_weight_fee) }
      : null,
  };
});
