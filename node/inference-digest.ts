/**
 * The block's inference log in its header: a `Consensus(b"infr", Vec<InferenceLogEntry>)` digest item the author
 * adds after execution (beside the seal, not seen by the runtime), so importers can replay the author's outputs.
 */
import type { InferenceLogEntry } from '../precompiles/inference/index.ts';
import type { DigestItem } from '../runtime/primitives.ts';
import { bytes, decode, encode, fixedBytes, vec } from '../runtime/scale/codec.ts';
import { struct } from '../runtime/scale/composite.ts';

/** Engine id of the inference log digest item. */
export const ENGINE_INFERENCE = new TextEncoder().encode('infr');

const Entry = struct('trainchain::InferenceLogEntry', {
  model_hash: fixedBytes(32),
  input_hash: fixedBytes(32),
  outputs: bytes,
  provider: fixedBytes(20),
  signature: fixedBytes(65),
});
const Entries = vec(Entry);

const isInference = (item: DigestItem): boolean => item.tag === 'Consensus' && Buffer.from(item.value[0]).equals(Buffer.from(ENGINE_INFERENCE));

/** The digest item carrying `entries`. */
export function inferenceDigest(entries: readonly InferenceLogEntry[]): DigestItem {
  const value = entries.map((e) => ({ model_hash: e.modelHash, input_hash: e.inputHash, outputs: e.outputs, provider: e.provider, signature: e.signature }));
  return { tag: 'Consensus', value: [ENGINE_INFERENCE, encode(Entries, value)] };
}

/** Splits a header's pre-seal digest into what the runtime saw and the inference log (undefined when absent). */
export function splitInferenceDigest(items: readonly DigestItem[]): { runtime: DigestItem[]; entries: InferenceLogEntry[] | undefined } {
  const found = items.filter(isInference);
  if (found.length > 1) throw new Error('more than one inference log in the header');
  const item = found[0];
  const entries = item?.tag === 'Consensus'
    ? decode(Entries, item.value[1]).map((e) => ({ modelHash: e.model_hash, inputHash: e.input_hash, outputs: e.outputs, provider: e.provider, signature: e.signature }))
    : undefined;
  return { runtime: items.filter((i) => !isInference(i)), entries };
}
