/**
 * The inference precompile's gas schedule. Work is paid before it is done: the input, FLOP and model-size terms
 * before onnxruntime runs (and the model blob is fetched before the session is built, so its size is known),
 * the output term after the run, when the output size is known (a shortfall there is out of gas, all gas used).
 *
 *   pre  = 3_000 + 16·inputBytes + ceil(flops·batch / FLOP_PER_GAS) + 16·ceil(modelBytes / 1024)
 *   post = 16·outputBytes
 *
 * No 21_000 base: the transaction already paid its intrinsic gas. `flops` is the model's registered
 * `flops_per_inference`; `batch` is the product of the sizes given for the dimensions the model declares dynamic.
 */

/**
 * FLOPs bought by one unit of gas. With 40 M gas per second of block time (Moonbeam's ratio, and our
 * WEIGHT_PER_GAS of 25 µs/1000 gas), 250 FLOP/gas prices one second of inference at 10 GFLOP, about what one
 * core sustains on MatMul-heavy models at batch 1 (memory-bound gemv streams ~20 GB/s of float32 weights, i.e.
 * 10 GFLOP/s; see bench/inference.ts for measured figures).
 */
export const FLOP_PER_GAS = 250n;

/** Gas constants of the schedule above. */
export const INFERENCE_GAS = {
  /** Fixed cost of an inference call: decoding, model lookup, hashing and signing the attestation. */
  base: 3_000n,
  perInputByte: 16n,
  perOutputByte: 16n,
  /**
   * Per KiB of model blob, every call: session cache upkeep and the amortised cost of (re)loading it. It cannot
   * depend on whether this node has the session cached (every node must charge the same), so it is priced for
   * the cached case: at 200 a GPT-2-small-sized blob (483 MiB) cost 101 M gas, over the 60 M block gas limit;
   * at 16 it costs 7.9 M, and a 2.3 MB Silero VAD 37 k.
   */
  perModelKiB: 16n,
  /** `inferPaid`: moving the payment on to the payee (two account writes). */
  payment: 5_000n,
  /** `quote`, `modelInfo`, and a call refused before the model is known: one storage read. */
  lookup: 2_600n,
} as const;

/** The gas charged before running: everything but the output term. */
export function preRunGas(inputBytes: number | bigint, flops: bigint, batch: bigint, modelBytes: number): bigint {
  const g = INFERENCE_GAS;
  const flopGas = (flops * batch + FLOP_PER_GAS - 1n) / FLOP_PER_GAS;
  return g.base + g.perInputByte * BigInt(inputBytes) + flopGas + g.perModelKiB * BigInt(Math.ceil(modelBytes / 1024));
}

/** The gas charged after running, for the outputs. */
export function outputGas(outputBytes: number): bigint {
  return INFERENCE_GAS.perOutputByte * BigInt(outputBytes);
}
