/**
 * Runtime APIs answered through `state_call` (`Core_version`, `Metadata_metadata_at_version`, …): each with its
 * SCALE input and output, so the same table serves the RPC and metadata V15's `apis`.
 */
import { RuntimeVersionCodec } from '../pallets/system/types.ts';
import { verifySignature } from './crypto/verify.ts';
import { type SignatureCheck, validateTransaction } from './executive.ts';
import { buildMetadata, type BuiltMetadata, SUPPORTED_METADATA_VERSIONS } from './metadata/build.ts';
import { AccountId32, DispatchClass, H256, Weight } from './primitives.ts';
import type { Runtime } from './runtime.ts';
import { type AnyCodec, bool, bytes, type Codec, decode, encode, makeCodec, named, option, result, tuple, u8, u32, u64, u128, vec } from './scale/codec.ts';
import { enumeration, struct } from './scale/composite.ts';
import type { StateReader } from './state/overlay.ts';
import { TransactionValidityError } from './validity.ts';

const RuntimeDispatchInfo = struct(
  'pallet_transaction_payment::types::RuntimeDispatchInfo',
  { weight: Weight, class: DispatchClass, partial_fee: named(u128, 'Balance') },
  { params: [{ name: 'Balance', type: u128 }, { name: 'Weight', type: Weight }] },
);
const InclusionFee = struct('pallet_transaction_payment::types::InclusionFee', { base_fee: u128, len_fee: u128, adjusted_weight_fee: u128 }, { params: [{ name: 'Balance', type: u128 }] });
const FeeDetails = struct('pallet_transaction_payment::types::FeeDetails', { inclusion_fee: option(InclusionFee), tip: u128 }, { params: [{ name: 'Balance', type: u128 }] });

const TransactionSource = enumeration('sp_runtime::transaction_validity::TransactionSource', { InBlock: { index: 0 }, Local: { index: 1 }, External: { index: 2 } });
const InvalidTransactionCodec = enumeration('sp_runtime::transaction_validity::InvalidTransaction', {
  Call: { index: 0 }, Payment: { index: 1 }, Future: { index: 2 }, Stale: { index: 3 }, BadProof: { index: 4 }, AncientBirthBlock: { index: 5 },
  ExhaustsResources: { index: 6 }, Custom: { index: 7, fields: u8 }, BadMandatory: { index: 8 }, MandatoryValidation: { index: 9 }, BadSigner: { index: 10 },
});
const UnknownTransactionCodec = enumeration('sp_runtime::transaction_validity::UnknownTransaction', { CannotLookup: { index: 0 }, NoUnsignedValidator: { index: 1 }, Custom: { index: 2, fields: u8 } });
const TransactionValidityErrorCodec = enumeration('sp_runtime::transaction_validity::TransactionValidityError', {
  Invalid: { index: 0, fields: InvalidTransactionCodec },
  Unknown: { index: 1, fields: UnknownTransactionCodec },
});
const ValidTransactionCodec = struct('sp_runtime::transaction_validity::ValidTransaction', {
  priority: u64, requires: vec(bytes), provides: vec(bytes), longevity: u64, propagate: bool,
});
const TransactionValidity = result(ValidTransactionCodec, TransactionValidityErrorCodec);
const OpaqueMetadata = named(bytes, 'OpaqueMetadata');

/**
 * An extrinsic argument (`uxt`, `tx`): on the wire it is the extrinsic's own length-prefixed encoding, which is
 * also what `decodeExtrinsic` takes, so the value keeps its prefix.
 */
const OpaqueExtrinsic: Codec<Uint8Array> = makeCodec(
  () => bytes.info,
  (w, v) => w.bytes(v),
  (r) => {
    const start = r.offset;
    r.take(r.length());
    return r.bytes.subarray(start, r.offset);
  },
  'Block::Extrinsic',
);

/** A synchronous signature check, for runtime API calls that validate a transaction outside the pool. */
const checkSignature: SignatureCheck = (ext, payload) => {
  const s = ext.signed;
  return !!s?.signer && verifySignature({ scheme: s.signature.scheme, signer: s.signer, signature: s.signature.bytes, message: payload });
};

export interface ApiMethod {
  inputs: { name: string; type: AnyCodec }[];
  output: AnyCodec;
  docs: string[];
  /** Decoded inputs in, the output value out (encoded by the caller with `output`). */
  call(state: StateReader, bestNumber: number, args: unknown[]): unknown;
}

export interface RuntimeApis {
  metadata: BuiltMetadata;
  /** `Api_method` → its definition. */
  methods: Map<string, ApiMethod>;
  /** Runs `state_call(name, data)`: decodes the SCALE input, returns SCALE output. Throws on unknown name or bad input. */
  call(state: StateReader, bestNumber: number, name: string, data: Uint8Array): Uint8Array;
}

export function runtimeApis(rt: Runtime): RuntimeApis {
  const api: Record<string, Record<string, Omit<ApiMethod, 'docs'> & { docs?: string[] }>> = {
    Core: {
      version: { inputs: [], output: RuntimeVersionCodec, call: () => rt.version, docs: [' Returns the version of the runtime.'] },
    },
    Metadata: {
      metadata: { inputs: [], output: OpaqueMetadata, call: () => metadata.v14, docs: [' Returns the metadata of a runtime.'] },
      metadata_at_version: {
        inputs: [{ name: 'version', type: u32 }],
        output: option(OpaqueMetadata),
        call: (_s, _n, [v]) => (v === 14 ? metadata.v14 : v === 15 ? metadata.v15 : undefined),
        docs: [' Returns the metadata at a given version.'],
      },
      metadata_versions: { inputs: [], output: vec(u32), call: () => [...SUPPORTED_METADATA_VERSIONS], docs: [' Returns the supported metadata versions.'] },
    },
    TaggedTransactionQueue: {
      validate_transaction: {
        inputs: [{ name: 'source', type: TransactionSource }, { name: 'tx', type: OpaqueExtrinsic }, { name: 'block_hash', type: H256 }],
        output: TransactionValidity,
        call: (state, bestNumber, [, tx, blockHash]) => {
          try {
            const v = validateTransaction(rt, state, bestNumber, blockHash as Uint8Array, rt.decodeExtrinsic(tx as Uint8Array), checkSignature);
            return { ok: true, value: { priority: v.priority, requires: v.requires.map(tagBytes), provides: v.provides.map(tagBytes), longevity: BigInt(v.longevity), propagate: true } };
          } catch (e) {
            if (e instanceof TransactionValidityError) return { ok: false, error: { tag: e.kind, value: { tag: e.reason } } };
            return { ok: false, error: { tag: 'Invalid', value: { tag: 'Call' } } };
          }
        },
      },
    },
    AccountNonceApi: {
      account_nonce: { inputs: [{ name: 'account', type: AccountId32 }], output: u32, call: (s, _n, [who]) => rt.system.accounts.get(s, who as Uint8Array).nonce, docs: [' Get current account nonce of given `AccountId`.'] },
    },
    TransactionPaymentApi: {
      query_info: {
        inputs: [{ name: 'uxt', type: OpaqueExtrinsic }, { name: 'len', type: u32 }],
        output: RuntimeDispatchInfo,
        call: (_s, _n, [uxt, len]) => {
          const info = rt.dispatchInfo(rt.decodeExtrinsic(uxt as Uint8Array).call);
          return { weight: info.weight, class: info.class, partial_fee: rt.fees.computeFee(len as number, info, 0n).total };
        },
      },
      query_fee_details: {
        inputs: [{ name: 'uxt', type: OpaqueExtrinsic }, { name: 'len', type: u32 }],
        output: FeeDetails,
        call: (_s, _n, [uxt, len]) => {
          const info = rt.dispatchInfo(rt.decodeExtrinsic(uxt as Uint8Array).call);
          const fee = rt.fees.computeFee(len as number, info, 0n);
          return { inclusion_fee: { base_fee: fee.baseFee, len_fee: fee.lenFee, adjusted_weight_fee: fee.adjustedWeightFee }, tip: 0n };
        },
      },
      query_weight_to_fee: { inputs: [{ name: 'weight', type: Weight }], output: u128, call: (_s, _n, [w]) => rt.weightToFee(w as never) },
      query_length_to_fee: { inputs: [{ name: 'length', type: u32 }], output: u128, call: (_s, _n, [len]) => BigInt(len as number) * 1_000_000_000n },
    },
  };
  const apis = Object.entries(api).map(([name, methods]) => ({
    name,
    docs: [],
    methods: Object.entries(methods).map(([m, def]) => ({ name: m, inputs: def.inputs, output: def.output, docs: def.docs ?? [] })),
  }));
  const metadata = buildMetadata({ composed: rt.composed, apis });
  const methods = new Map<string, ApiMethod>();
  for (const [name, ms] of Object.entries(api)) for (const [m, def] of Object.entries(ms)) methods.set(`${name}_${m}`, { ...def, docs: def.docs ?? [] });

  return {
    metadata,
    methods,
    call(state, bestNumber, name, data) {
      const method = methods.get(name);
      if (!method) throw new Error(`Exported method ${name} is not found`);
      const args = decode(tuple(...method.inputs.map((i) => i.type)), data);
      return encode(method.output, method.call(state, bestNumber, args));
    },
  };
}

const tagBytes = (tag: string) => new TextEncoder().encode(tag);
