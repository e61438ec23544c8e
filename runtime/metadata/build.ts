/**
 * Runtime metadata V14 and V15, generated from the pallets' declarations (never written by hand). Encoding goes
 * through @polkadot/types so the bytes are exactly what its decoder expects.
 */
import { TypeRegistry } from '@polkadot/types';
import { compactAddLength, u8aConcat } from '@polkadot/util';
import type { ComposedRuntime } from '../framework/runtime.ts';
import { H256, MultiAddress, MultiSignature } from '../primitives.ts';
import { type AnyCodec, bytes, compact, named, tuple, u8, u32, u128, unit } from '../scale/codec.ts';
import { enumeration, newtype, struct } from '../scale/composite.ts';
import { TypeTable } from './type-table.ts';

const MAGIC = new Uint8Array([0x6d, 0x65, 0x74, 0x61]); // "meta"
export const SUPPORTED_METADATA_VERSIONS = [14, 15] as const;

// Era's scale-info shape: Immortal, then Mortal1..Mortal255, each carrying the second byte as a u8.
const eraVariants: Record<string, { index: number; fields?: AnyCodec }> = { Immortal: { index: 0 } };
for (let i = 1; i < 256; i++) eraVariants[`Mortal${i}`] = { index: i, fields: u8 };
const Era = enumeration('sp_runtime::generic::era::Era', eraVariants);

const extension = (module: string, name: string, fields: AnyCodec[] = []) =>
  fields.length === 0
    ? struct(`frame_system::extensions::${module}::${name}`, {}, { params: [{ name: 'T', type: null }] })
    : newtype(`frame_system::extensions::${module}::${name}`, fields[0]!, { params: [{ name: 'T', type: null }] });

/** The signed extensions, in the order their data appears in the transaction and in the signed payload. */
export const SIGNED_EXTENSIONS: { identifier: string; type: AnyCodec; additionalSigned: AnyCodec }[] = [
  { identifier: 'CheckNonZeroSender', type: extension('check_non_zero_sender', 'CheckNonZeroSender'), additionalSigned: unit },
  { identifier: 'CheckSpecVersion', type: extension('check_spec_version', 'CheckSpecVersion'), additionalSigned: u32 },
  { identifier: 'CheckTxVersion', type: extension('check_tx_version', 'CheckTxVersion'), additionalSigned: u32 },
  { identifier: 'CheckGenesis', type: extension('check_genesis', 'CheckGenesis'), additionalSigned: H256 },
  { identifier: 'CheckMortality', type: extension('check_mortality', 'CheckMortality', [named(Era, 'Era')]), additionalSigned: H256 },
  { identifier: 'CheckNonce', type: extension('check_nonce', 'CheckNonce', [named(compact(u32), 'T::Nonce')]), additionalSigned: unit },
  { identifier: 'CheckWeight', type: extension('check_weight', 'CheckWeight'), additionalSigned: unit },
  {
    identifier: 'ChargeTransactionPayment',
    type: newtype('pallet_transaction_payment::ChargeTransactionPayment', named(compact(u128), 'BalanceOf<T>'), { params: [{ name: 'T', type: null }] }),
    additionalSigned: unit,
  },
];

const Extra = tuple(...SIGNED_EXTENSIONS.map((e) => e.type));

export interface MetadataInput {
  composed: ComposedRuntime;
  /** Runtime APIs answered over `state_call` (V15 lists them with their signatures). */
  apis: { name: string; methods: { name: string; inputs: { name: string; type: AnyCodec }[]; output: AnyCodec; docs: string[] }[]; docs: string[] }[];
}

export interface BuiltMetadata {
  /** `b"meta" ++ 14 ++ MetadataV14`, what `state_getMetadata` returns. */
  v14: Uint8Array;
  v15: Uint8Array;
  typeCount: number;
}

export function buildMetadata({ composed, apis }: MetadataInput): BuiltMetadata {
  const t = new TypeTable();
  const extra = t.id(Extra);
  const callId = t.id(composed.call);
  const unchecked = t.id(
    newtype('sp_runtime::generic::unchecked_extrinsic::UncheckedExtrinsic', bytes, {
      params: [
        { name: 'Address', type: MultiAddress },
        { name: 'Call', type: composed.call },
        { name: 'Signature', type: MultiSignature },
        { name: 'Extra', type: Extra },
      ],
    }),
  );
  const signedExtensions = SIGNED_EXTENSIONS.map((e) => ({ identifier: e.identifier, type: t.id(e.type), additionalSigned: t.id(e.additionalSigned) }));

  const pallets = composed.pallets.map(({ index, pallet }) => ({
    name: pallet.name,
    index,
    docs: pallet.docs ?? [],
    storage: pallet.storage?.length
      ? {
          prefix: pallet.name,
          items: pallet.storage.map((s) => ({
            name: s.name,
            modifier: s.modifier,
            type:
              s.keys.length === 0
                ? { Plain: t.id(s.value) }
                : {
                    Map: {
                      hashers: s.keys.map((k) => k.hasher),
                      key: t.id(s.keys.length === 1 ? s.keys[0]!.codec : tuple(...s.keys.map((k) => k.codec))),
                      value: t.id(s.value),
                    },
                  },
            fallback: compactAddLength(s.fallback),
            docs: s.docs,
          })),
        }
      : null,
    calls: pallet.calls && Object.keys(pallet.calls).length ? { type: t.id(variantOf(composed.call, pallet.name)) } : null,
    events: pallet.events ? { type: t.id(pallet.events.codec) } : null,
    // A Uint8Array given to @polkadot/types' `Bytes` is read as length-prefixed, so add the prefix.
    constants: Object.entries(pallet.constants ?? {}).map(([name, c]) => ({ name, type: t.id(c.codec), value: compactAddLength(c.value), docs: c.docs })),
    errors: pallet.errors ? { type: t.id(pallet.errors.codec) } : null,
  }));
  const runtimeType = t.id(struct(`${composed.crate}::Runtime`, {}));
  const eventId = t.id(composed.event);
  const errorId = t.id(composed.error);
  const apiList = apis.map((api) => ({
    name: api.name,
    methods: api.methods.map((m) => ({ name: m.name, inputs: m.inputs.map((i) => ({ name: i.name, type: t.id(i.type) })), output: t.id(m.output), docs: m.docs })),
    docs: api.docs,
  }));

  const registry = new TypeRegistry();
  const lookup = { types: t.types };
  const v14 = registry.createType('MetadataV14', {
    lookup,
    pallets,
    extrinsic: { type: unchecked, version: 4, signedExtensions },
    type: runtimeType,
  });
  const v15 = registry.createType('MetadataV15', {
    lookup,
    pallets,
    extrinsic: {
      version: 4,
      addressType: t.id(MultiAddress),
      callType: callId,
      signatureType: t.id(MultiSignature),
      extraType: extra,
      signedExtensions,
    },
    type: runtimeType,
    apis: apiList,
    outerEnums: { callType: callId, eventType: eventId, errorType: errorId },
    custom: { map: {} },
  });
  return {
    v14: u8aConcat(MAGIC, new Uint8Array([14]), v14.toU8a()),
    v15: u8aConcat(MAGIC, new Uint8Array([15]), v15.toU8a()),
    typeCount: t.types.length,
  };
}

/** A pallet's `Call` enum: the single field of its variant in `RuntimeCall`. */
function variantOf(call: { info: { def: { tag: string; variants?: { name: string; fields: { type: AnyCodec }[] }[] } } }, palletName: string): AnyCodec {
  const v = call.info.def.variants?.find((x) => x.name === palletName);
  if (!v) throw new Error(`pallet ${palletName} has no calls in RuntimeCall`);
  return v.fields[0]!.type;
}
