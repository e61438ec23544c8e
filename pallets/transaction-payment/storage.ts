/** Transaction-payment storage (FRAME's `StorageVersion` item is left out: this chain has no migrations yet). */
import { defineStorage, storage } from '../../runtime/framework/storage.ts';
import { FIXED_ONE, FixedU128 } from './types.ts';

/** The storage items, with FRAME's names (FRAME documents none of them). */
export const transactionPaymentStorage = defineStorage('TransactionPayment', {
  NextFeeMultiplier: storage.value({ value: FixedU128, default: FIXED_ONE, docs: [] }),
});
/** The bound storage items of TransactionPayment. */
export type TransactionPaymentStorage = typeof transactionPaymentStorage;
