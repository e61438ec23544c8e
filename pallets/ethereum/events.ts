/** Ethereum events, as Frontier's (`pallet_ethereum::Event`). */
import { defineEvents } from '../../runtime/framework/pallet.ts';
import { H160, H256 } from '../../runtime/primitives.ts';
import { bytes } from '../../runtime/scale/codec.ts';
import { ExitReason } from '../evm/types.ts';

/** `pallet_ethereum::pallet::Event`. */
export const EthereumEvent = defineEvents('Ethereum', 'pallet_ethereum', {
  Executed: {
    index: 0,
    fields: { from: H160, to: H160, transaction_hash: H256, exit_reason: ExitReason, extra_data: bytes },
    docs: [' An ethereum transaction was successfully executed.'],
  },
});
