/**
 * Evm weights. EVM work is metered in gas and converted at Moonbeam's ratio, 40 M gas per second of
 * reference-machine time (`WEIGHT_PER_GAS` = 25,000 ps): a call's pre-dispatch weight is its gas limit, its
 * actual weight the gas it used.
 */
import { type Weight, weight } from '../../runtime/primitives.ts';

/** Picoseconds of weight per unit of gas. */
export const WEIGHT_PER_GAS = 25_000n;
/** Proof size charged per call (the accounts and code it reads; not metered per slot). */
const EVM_PROOF = 16_384n;

/** The weight of `gas` units of EVM gas. */
export const gasToWeight = (gas: bigint): Weight => weight(gas * WEIGHT_PER_GAS, EVM_PROOF);

/** Pre-dispatch weights. */
export const EvmWeights = {
  /** `OriginalAccount` read and written (~10 µs measured for similar single-item calls, with margin). */
  mapAccount: (): Weight => weight(60_000_000n, 128n),
  call: (gasLimit: bigint): Weight => gasToWeight(gasLimit),
  create: (gasLimit: bigint): Weight => gasToWeight(gasLimit),
};
