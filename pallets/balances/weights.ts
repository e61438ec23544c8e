/**
 * Balances call weights in picoseconds of reference-machine time (1 µs = 1e6). Until `bench/weights.ts` measures
 * this pallet, they are FRAME's reference figures for `pallet_balances`, rounded up, with its proof sizes.
 */
import { type Weight, weight } from '../../runtime/primitives.ts';

/** Pre-dispatch weight of each call. */
export const BalancesWeights = {
  transferAllowDeath: (): Weight => weight(50_000_000n, 3_593n),
  transferKeepAlive: (): Weight => weight(40_000_000n, 3_593n),
  forceTransfer: (): Weight => weight(52_000_000n, 6_196n),
  transferAll: (): Weight => weight(48_000_000n, 3_593n),
  forceUnreserve: (): Weight => weight(17_000_000n, 3_593n),
  // FRAME charges the larger of its creating/killing variants.
  forceSetBalance: (): Weight => weight(22_000_000n, 3_593n),
  burnAllowDeath: (): Weight => weight(32_000_000n, 3_593n),
  burnKeepAlive: (): Weight => weight(22_000_000n, 3_593n),
};
