/**
 * Test support for the Models tests (not part of any runtime): System 0, Balances 2 and Models 13 composed as in
 * the TrainChain runtime, a small in-memory dataset registry, and builders for valid call arguments.
 */
import type { ComposedRuntime } from '../../runtime/framework/runtime.ts';
import { composeRuntime } from '../../runtime/framework/runtime.ts';
import { newTestExt, signed } from '../../runtime/framework/testing.ts';
import { balancesPallet } from '../balances/index.ts';
import { acct, hexAcct, mockSystem } from '../balances/mock.ts';
import { CID_CODEC, CID_HASH, makeCid } from '../common/cid.ts';
import { type ModelsConfig, modelsPallet } from './index.ts';

export const ED = 10n;
export const [ALICE, BOB, CHARLIE, DAVE, EVE] = [1, 2, 3, 4, 5].map(acct) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array];
export const TREASURY = acct(9);
/** Every test account starts with this much. */
export const ENDOWMENT = 1_000_000_000n;
/** The dataset ids the mock dataset registry knows. */
export const DATASET = 7n;

/** A valid binary CIDv1 (raw, sha2-256) whose digest is `n` repeated. */
export const cid = (n: number): Uint8Array => makeCid(new Uint8Array(32).fill(n), CID_CODEC.Raw, CID_HASH.Sha2_256);
/** A dag-pb, blake2b-256 CIDv1. */
export const dagPbCid = (n: number): Uint8Array => makeCid(new Uint8Array(32).fill(n), CID_CODEC.DagPb, CID_HASH.Blake2b_256);
/** A 32-byte hash `n, n, …`. */
export const hash = (n: number): Uint8Array => new Uint8Array(32).fill(n);
export const text = (s: string): Uint8Array => new TextEncoder().encode(s);
export const id = (who: Uint8Array) => ({ tag: 'Id', value: who });

/** `register_model` arguments for a valid root model; `n` makes the CID and the hash unique. */
export function modelArgs(n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    cid: cid(n),
    model_hash: hash(n),
    name: text(`model-${n}`),
    architecture: text('resnet18'),
    framework: text('onnx'),
    model_type: { tag: 'Vision' },
    inputs: [{ dims: [0, 3, 224, 224], dtype: { tag: 'Float32' } }],
    outputs: [{ dims: [0, 1000], dtype: { tag: 'Float32' } }],
    parameter_count: 11_689_512n,
    flops_per_inference: 1_814_000_000n,
    license: { tag: 'Commercial' },
    base_model: undefined,
    training_dataset: undefined,
    ...overrides,
  };
}

/**
 * The mock runtime; `config` overrides the Models Config (shares, bounds). `accounts` are endowed: `n` with
 * ENDOWMENT, `[n, amount]` with `amount`.
 */
export function setup(config: Partial<ModelsConfig> = {}, accounts: (number | [number, bigint])[] = [1, 2, 3, 4, 5, 9]) {
  let runtime: ComposedRuntime | undefined;
  const system = mockSystem(() => runtime!);
  const balances = balancesPallet({ existentialDeposit: ED, accounts: system.accounts });
  const datasets = new Set<bigint>([DATASET]);
  const models = modelsPallet({
    currency: balances.currency,
    treasury: TREASURY,
    datasets: { exists: (_state, dataset) => datasets.has(dataset) },
    ...config,
  });
  runtime = composeRuntime('test_runtime', [
    { index: 0, pallet: system.pallet },
    { index: 2, pallet: balances.pallet },
    { index: 13, pallet: models.pallet },
  ]);
  const ext = newTestExt(runtime, (ctx) =>
    balances.pallet.genesis!.build(ctx.state, {
      balances: accounts.map((a) => (typeof a === 'number' ? [hexAcct(a), ENDOWMENT] : [hexAcct(a[0]), a[1]]) as [string, bigint]),
    }),
  );
  const free = (who: Uint8Array) => balances.currency.free(ext.state, who);
  const model = (modelId: bigint) => models.storage.Models.get(ext.state, modelId);
  /** Registers `modelArgs(n, overrides)` as `who` and returns the new id. */
  const register = (who: Uint8Array, n: number, overrides: Record<string, unknown> = {}): bigint => {
    const next = models.storage.NextModelId.get(ext.state);
    ext.assertOk(signed(who), 'Models', 'register_model', modelArgs(n, overrides));
    return next;
  };
  /** Registers and publishes a model, with `tiers` when given. */
  const publish = (who: Uint8Array, n: number, overrides: Record<string, unknown> = {}, tiers?: unknown[]): bigint => {
    const modelId = register(who, n, overrides);
    ext.assertOk(signed(who), 'Models', 'publish', { model_id: modelId });
    if (tiers) ext.assertOk(signed(who), 'Models', 'set_access_tiers', { model_id: modelId, tiers });
    return modelId;
  };
  return { runtime, ext, balances, models, datasets, free, model, register, publish, registry: models.registry, storage: models.storage };
}
/** What `setup` returns. */
export type ModelsTest = ReturnType<typeof setup>;

/** A tier: price, optional duration in blocks, optional uses. */
export const tier = (price: bigint, duration_blocks?: number, max_uses?: number) => ({ price, duration_blocks, max_uses });
