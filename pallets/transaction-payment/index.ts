/**
 * pallet_transaction_payment: the fee formula, the `NextFeeMultiplier`, the `OperationalFeeMultiplier` constant and
 * the `TransactionFeePaid` event. It has no calls; the executive charges fees through the returned `fees`.
 */
import { constant, type PalletDef } from '../../runtime/framework/pallet.ts';
import { storageEntries } from '../../runtime/framework/storage.ts';
import { u8 } from '../../runtime/scale/codec.ts';
import { TransactionPaymentEvent } from './events.ts';
import { createFees, type Fees } from './fees.ts';
import { transactionPaymentStorage } from './storage.ts';
import type { TransactionPaymentConfig } from './types.ts';

/** Builds the TransactionPayment pallet and its fee API. */
export function transactionPaymentPallet(config: TransactionPaymentConfig) {
  const fees: Fees = createFees(config, transactionPaymentStorage);
  const pallet: PalletDef = {
    name: 'TransactionPayment',
    crate: 'pallet_transaction_payment',
    docs: [' Transaction fees: how they are computed, charged, refunded and paid to the block author.'],
    storage: storageEntries(transactionPaymentStorage),
    events: TransactionPaymentEvent,
    constants: {
      OperationalFeeMultiplier: constant(u8, config.operationalFeeMultiplier, [
        ' A fee multiplier for `Operational` extrinsics to compute "virtual tip" to boost their',
        ' `priority`',
        '',
        ' This value is multiplied by the `final_fee` to obtain a "virtual tip" that is later',
        ' added to a tip component in regular `priority` calculations.',
        ' It means that a `Normal` transaction can front-run a similarly-sized `Operational`',
        ' extrinsic (with no tip), by including a tip value greater than the virtual tip.',
        '',
        ' ```rust,ignore',
        ' // For `Normal`',
        ' let priority = priority_calc(tip);',
        '',
        ' // For `Operational`',
        ' let virtual_tip = (inclusion_fee + tip) * OperationalFeeMultiplier;',
        ' let priority = priority_calc(tip + virtual_tip);',
        ' ```',
        '',
        ' Note that since we use `final_fee` the multiplier applies also to the regular `tip`',
        ' sent with the transaction. So, not only does the transaction get a priority bump based',
        ' on the `inclusion_fee`, but we also amplify the impact of tips applied to `Operational`',
        ' transactions.',
      ]),
    },
  };
  return { pallet, storage: transactionPaymentStorage, fees };
}
/** What `transactionPaymentPallet` returns: `{ pallet, storage, fees }`. */
export type TransactionPaymentPallet = ReturnType<typeof transactionPaymentPallet>;
export type { Fees } from './fees.ts';
export type { FeeBreakdown, TransactionPaymentConfig } from './types.ts';
export { FIXED_ONE, FixedU128 } from './types.ts';
export { TransactionPaymentEvent } from './events.ts';
