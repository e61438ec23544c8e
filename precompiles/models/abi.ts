/**
 * `IModels` ABI (contracts/IModels.sol) ↔ the models pallet's types: `ModelSpec` calldata decoded into the
 * arguments of `register_model`, and a `ModelInfo` record encoded as the Solidity struct the views return.
 */
import type { ModelInfo, TensorShape } from '../../pallets/models/types.ts';
import type { ModelFields } from '../../pallets/models/validate.ts';
import { type AbiValue, boolWord, bytesValue, fixedWord, uintWord } from '../inference/abi-encode.ts';
import type { AbiReader } from '../inference/abi-reader.ts';
import { enumArg, NO_ID, optionalId } from '../pallet-call.ts';

/** `IModels.ModelType` order (the pallet's variant indices). */
const MODEL_TYPES = ['Language', 'Vision', 'Audio', 'Multimodal', 'Custom'] as const;
/** `IModels.License` order. */
const LICENSES = ['Open', 'Commercial', 'ResearchOnly', 'Custom'] as const;
/** `IModels.DType` order. */
const DTYPES = ['Float32', 'Float16', 'Int64', 'Int32', 'Uint8', 'Bool'] as const;


/** `TensorShape[]` (`(uint32[] dims, uint8 dtype)[]`) whose length word is at `at`. */
function readShapes(r: AbiReader, at: number): TensorShape[] {
  const n = r.length(at, 32);
  const base = at + 32;
  return Array.from({ length: n }, (_, i) => {
    const t = r.offset(base + 32 * i, base);
    return { dims: r.uintArray(r.offset(t, t), 32), dtype: { tag: enumArg(r, t + 32, DTYPES) } };
  });
}

/** Decodes `registerModel(ModelSpec)`'s argument (the tuple's offset is the first word after the selector). */
export function decodeModelSpec(r: AbiReader): ModelFields {
  const P = 4;
  const t = r.offset(P, P);
  const field = (i: number) => t + 32 * i;
  const dyn = (i: number) => r.bytes(r.offset(field(i), t)).slice();
  const license = enumArg(r, field(10), LICENSES);
  return {
    cid: dyn(0),
    model_hash: r.word(field(1)).slice(),
    name: dyn(2),
    architecture: dyn(3),
    framework: dyn(4),
    model_type: { tag: enumArg(r, field(5), MODEL_TYPES) },
    inputs: readShapes(r, r.offset(field(6), t)),
    outputs: readShapes(r, r.offset(field(7), t)),
    parameter_count: r.uint(field(8), 64),
    flops_per_inference: r.uint(field(9), 64),
    license: license === 'Custom' ? { tag: 'Custom', value: dyn(11) } : { tag: license },
    base_model: optionalId(r, field(12)),
    training_dataset: optionalId(r, field(13)),
  };
}

const idWord = (id: bigint | undefined): AbiValue => uintWord(id ?? NO_ID);

/** `IModels.ModelInfo` of a record (see the struct's field docs). */
export function encodeModelInfo(m: ModelInfo): AbiValue {
  return {
    kind: 'tuple',
    items: [
      fixedWord(m.owner),
      fixedWord(m.model_hash),
      bytesValue(m.cid),
      bytesValue(m.name),
      uintWord(BigInt(MODEL_TYPES.indexOf(m.model_type.tag))),
      uintWord(BigInt(LICENSES.indexOf(m.license.tag))),
      uintWord(m.parameter_count),
      uintWord(m.flops_per_inference),
      idWord(m.base_model),
      idWord(m.training_dataset),
      idWord(m.training_job),
      uintWord(BigInt(m.version_count)),
      uintWord(m.usage_count),
      uintWord(BigInt(m.created_at)),
      boolWord(m.published),
      boolWord(m.revoked),
    ],
  };
}
