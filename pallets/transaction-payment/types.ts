/** Transaction-payment types: the fee multiplier's fixed-point type and the fee breakdown. */
import { u128 } from '../../runtime/scale/codec.ts';
import { newtype } from '../../runtime/scale/composite.ts';
import type { Weight } from '../../runtime/primitives.ts';
import type { Currency } from '../balances/index.ts';

/** `FixedU128`: a u128 holding the value × 10^18 (`sp_arithmetic::fixed_point::FixedU128`). */
export const FixedU128 = newtype('sp_arithmetic::fixed_point::FixedU128', u128, { rustName: 'Multiplier' });
/** 1.0 as a `FixedU128`. */
export const FIXED_ONE = 10n ** 18n;

/** The pallet's Config. */
export interface TransactionPaymentConfig {
  /** Pays fees, refunds and the block author. */
  currency: Currency;
  /** Fee of a call's weight, before the multiplier (FRAME's `WeightToFee`). */
  weightToFee: (weight: Weight) => bigint;
  /** Fee of an extrinsic's encoded length (FRAME's `LengthToFee`). */
  lengthToFee: (len: number) => bigint;
  /** Fee of `ExtrinsicBaseWeight`, charged once per extrinsic that pays. */
  baseFee: bigint;
  /** Multiplies an `Operational` extrinsic's fee into a virtual tip for its pool priority (u8). */
  operationalFeeMultiplier: number;
}

/** FRAME's `FeeDetails` flattened: the inclusion fee's three parts and the total (inclusion fee + tip). */
export interface FeeBreakdown {
  baseFee: bigint;
  lenFee: bigint;
  adjustedWeightFee: bigint;
  total: bigint;
}
