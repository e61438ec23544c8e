/**
 * onnxruntime sessions for model blobs, cached by CID (content-addressed, so a CID always means the same bytes)
 * in an LRU bounded by the blobs' total size. Sessions use the training stack's deterministic options (CPU, one
 * intra- and one inter-op thread, sequential, `extended` optimisation; offchain-workers/training/session.ts).
 *
 * A model blob is either
 *  - a raw ONNX model: its graph inputs, in order, are the call's input tensors; or
 *  - a trained-model pack (offchain-workers/trainer/package-blob.ts, as `runJob` uploads it): `inference.onnx`
 *    (weights as graph inputs, then `x`), `final-state.bin` (weights then optimizer state, float32 LE, in
 *    manifest order) and `manifest.json`. The weights are bound from the final state once; the call passes only
 *    the remaining graph inputs (`x`), and gets `logits` and `probs`.
 */
import * as ort from 'onnxruntime-node';
import { PACK_FORMAT, unpackFiles } from '../../offchain-workers/trainer/package-blob.ts';
import { ManifestSchema, PACKAGE_FILES } from '../../offchain-workers/training/manifest.ts';
import { createTrainingSession, type OrtProvider } from '../../offchain-workers/training/session.ts';
import { elementCount } from '../../offchain-workers/training/signature.ts';
import { keccak256 } from './keccak.ts';

/** The final-state file of a pack (`FINAL_STATE_FILE` of offchain-workers/trainer/run-job.ts). */
export const PACK_FINAL_STATE = 'final-state.bin';

/** A model ready to run. */
export interface LoadedModel {
  session: ort.InferenceSession;
  /** keccak256 of the blob: the attestation's `modelHash`. */
  modelHash: Uint8Array;
  sizeBytes: number;
  /** The graph inputs a call supplies, in order (all inputs, less a pack's bound weights). */
  inputNames: readonly string[];
  outputNames: readonly string[];
  /** Feeds bound at load time (a pack's weights). */
  bound: Readonly<Record<string, ort.Tensor>>;
  provider: OrtProvider;
}

/** Options of {@link SessionCache}. */
export interface SessionCacheOptions {
  /** Total blob bytes kept loaded; the least recently used sessions are released beyond it. Default 2 GiB. */
  maxBytes?: number;
  /** `cuda` tries the CUDA provider and falls back to CPU with a warning. CUDA results are not bit-reproducible. */
  ortProvider?: OrtProvider;
  onWarning?: (message: string) => void;
}

const PACK_PREFIX = new TextEncoder().encode(`{"format":"${PACK_FORMAT}"`);

/** Whether `bytes` is a trained-model pack rather than a raw ONNX model. */
export function isModelPack(bytes: Uint8Array): boolean {
  return bytes.length >= PACK_PREFIX.length && PACK_PREFIX.every((b, i) => bytes[i] === b);
}

function packFeeds(files: Map<string, Uint8Array>): { graph: Uint8Array; bound: Record<string, ort.Tensor> } {
  const graph = files.get(PACKAGE_FILES.inference);
  const state = files.get(PACK_FINAL_STATE);
  const manifestBytes = files.get(PACKAGE_FILES.manifest);
  if (!graph || !state || !manifestBytes) throw new Error(`model pack lacks ${PACKAGE_FILES.inference}, ${PACK_FINAL_STATE} or ${PACKAGE_FILES.manifest}`);
  const manifest = ManifestSchema.parse(JSON.parse(new TextDecoder().decode(manifestBytes)));
  const specs = [...manifest.tensors.weights, ...manifest.tensors.state];
  const total = specs.reduce((n, s) => n + elementCount(s.shape), 0);
  if (state.length !== total * 4) throw new Error(`${PACK_FINAL_STATE} holds ${state.length} bytes, the manifest needs ${total * 4}`);
  const all = new Float32Array(state.slice().buffer);
  const bound: Record<string, ort.Tensor> = {};
  let at = 0;
  for (const w of manifest.tensors.weights) {
    const n = elementCount(w.shape);
    bound[w.name] = new ort.Tensor('float32', all.subarray(at, at + n), [...w.shape]);
    at += n;
  }
  return { graph, bound };
}

/** The LRU of loaded models; see the module doc. */
export class SessionCache {
  private readonly entries = new Map<string, LoadedModel>();
  private readonly loading = new Map<string, Promise<LoadedModel>>();
  private bytes = 0;
  private readonly maxBytes: number;

  constructor(private readonly options: SessionCacheOptions = {}) {
    this.maxBytes = options.maxBytes ?? 2 * 1024 ** 3;
  }

  /** The loaded model for `key` (a CID in hex), marked most recently used; undefined when not loaded. */
  peek(key: string): LoadedModel | undefined {
    const m = this.entries.get(key);
    if (m) {
      this.entries.delete(key);
      this.entries.set(key, m);
    }
    return m;
  }

  /** Loads `blob` under `key` (once, even when asked concurrently); throws when onnxruntime rejects it. */
  load(key: string, blob: Uint8Array): Promise<LoadedModel> {
    const known = this.peek(key) ?? this.loading.get(key);
    if (known) return Promise.resolve(known);
    const p = this.create(blob).finally(() => this.loading.delete(key));
    this.loading.set(key, p);
    return p.then((m) => this.insert(key, m));
  }

  /** Releases every session. */
  async clear(): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    this.bytes = 0;
    await Promise.all(all.map((m) => m.session.release()));
  }

  private async create(blob: Uint8Array): Promise<LoadedModel> {
    const { graph, bound } = isModelPack(blob) ? packFeeds(unpackFiles(blob)) : { graph: blob, bound: {} };
    const { session, provider, warning } = await createTrainingSession(graph, { ortProvider: this.options.ortProvider ?? 'cpu' });
    if (warning) this.options.onWarning?.(warning);
    const inputNames = session.inputNames.filter((n) => !(n in bound));
    return { session, modelHash: keccak256(blob), sizeBytes: blob.length, inputNames, outputNames: session.outputNames, bound, provider };
  }

  private insert(key: string, m: LoadedModel): LoadedModel {
    if (this.entries.has(key)) return this.peek(key)!;
    this.entries.set(key, m);
    this.bytes += m.sizeBytes;
    // Evict the least recently used, never the model just loaded: the call that loaded it is about to run it.
    for (const [k, old] of this.entries) {
      if (this.bytes <= this.maxBytes || k === key) break;
      this.entries.delete(k);
      this.bytes -= old.sizeBytes;
      void old.session.release();
    }
    return m;
  }
}
