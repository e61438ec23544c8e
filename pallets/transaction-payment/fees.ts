/**
 * Fees as FRAME's `pallet_transaction_payment` computes and charges them:
 * `total = base_fee + len_fee + multiplier × weight_fee + tip`, withdrawn before dispatch (the payer must stay
 * alive), corrected after it (unused weight refunded) and paid to the block author, or burned without one.
 */
import type { DispatchContext } from '../../runtime/framework/pallet.ts';
import type { AccountId, DispatchInfo } from '../../runtime/primitives.ts';
import type { StateReader } from '../../runtime/state/overlay.ts';
import { TransactionPaymentEvent } from './events.ts';
import type { TransactionPaymentStorage } from './storage.ts';
import { FIXED_ONE, type FeeBreakdown, type TransactionPaymentConfig } from './types.ts';

const MAX_U128 = (1n << 128n) - 1n;
const sat = (x: bigint): bigint => (x > MAX_U128 ? MAX_U128 : x);

/** The fee API the executive and the `TransactionPaymentApi` runtime API use. */
export interface Fees {
  /**
   * The fee of an extrinsic of `len` bytes with `info`, plus `tip`. `Pays::No` charges only the tip. With `state`,
   * the stored `NextFeeMultiplier` scales the weight fee; without, the multiplier is 1 (its value on this chain,
   * where nothing adjusts it yet).
   */
  computeFee(len: number, info: DispatchInfo, tip: bigint, state?: StateReader): FeeBreakdown;
  /**
   * Withdraws `fee` from `who` before dispatch (`Balances.Withdraw`). Returns false, changing nothing, when `who`
   * cannot pay and stay alive: the transaction is then invalid ("Inability to pay some fees").
   */
  withdrawFee(ctx: DispatchContext, who: AccountId, fee: bigint): boolean;
  /**
   * After dispatch: refunds `charged - actualFee` to `who` if it still exists, pays the rest to the block author
   * (burned if there is none, or it cannot receive it), and emits `TransactionFeePaid { who, actual_fee, tip }`.
   * `charged` and `actualFee` both include the tip.
   */
  settle(ctx: DispatchContext, who: AccountId, charged: bigint, actualFee: bigint, tip: bigint): void;
}

/** The fee API of one configuration. */
export function createFees(config: TransactionPaymentConfig, storage: TransactionPaymentStorage): Fees {
  const { currency } = config;
  return {
    computeFee(len, info, tip, state) {
      if (info.pays_fee.tag === 'No') return { baseFee: 0n, lenFee: 0n, adjustedWeightFee: 0n, total: tip };
      const multiplier = state ? storage.NextFeeMultiplier.get(state) : FIXED_ONE;
      const baseFee = config.baseFee;
      const lenFee = config.lengthToFee(len);
      // `FixedU128::saturating_mul_int`: rounds down, saturates at u128.
      const adjustedWeightFee = sat((multiplier * config.weightToFee(info.weight)) / FIXED_ONE);
      return { baseFee, lenFee, adjustedWeightFee, total: sat(baseFee + lenFee + adjustedWeightFee + tip) };
    },

    withdrawFee(ctx, who, fee) {
      if (fee === 0n) return true;
      // FRAME's adapters withdraw with `KeepAlive`/`Preserve`: a fee never reaps its payer.
      if (!currency.canWithdraw(ctx.state, who, fee, true)) return false;
      currency.withdraw(ctx, who, fee, true);
      return true;
    },

    settle(ctx, who, charged, actualFee, tip) {
      const refund = charged > actualFee ? charged - actualFee : 0n;
      let refunded = 0n;
      // As FRAME's `FungibleAdapter`: no refund to an account the call removed; the author gets it instead.
      if (refund > 0n && currency.free(ctx.state, who) + currency.reserved(ctx.state, who) > 0n && currency.canDeposit(ctx.state, who, refund)) {
        currency.deposit(ctx, who, refund);
        refunded = refund;
      }
      const paid = charged - refunded;
      const author = ctx.block.author;
      // The fee was burned when withdrawn; paying the author mints it back to them.
      if (paid > 0n && author && currency.canDeposit(ctx.state, author, paid)) currency.deposit(ctx, author, paid);
      ctx.deposit(TransactionPaymentEvent, { tag: 'TransactionFeePaid', value: { who, actual_fee: actualFee, tip } });
    },
  };
}
