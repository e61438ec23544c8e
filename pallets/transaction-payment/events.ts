/** Transaction-payment events (FRAME's index, fields and docs). */
import { defineEvents } from '../../runtime/framework/pallet.ts';
import { AccountId32 } from '../../runtime/primitives.ts';
import { named, u128 } from '../../runtime/scale/codec.ts';

const BalanceOf = named(u128, 'BalanceOf<T>');

/** `pallet_transaction_payment::pallet::Event`. */
export const TransactionPaymentEvent = defineEvents('TransactionPayment', 'pallet_transaction_payment', {
  TransactionFeePaid: {
    index: 0,
    fields: { who: AccountId32, actual_fee: BalanceOf, tip: BalanceOf },
    docs: [' A transaction fee `actual_fee`, of which `tip` was added to the minimum inclusion fee,', ' has been paid by `who`.'],
  },
});
