/** Sudo errors (FRAME's index and docs). */
import { defineErrors } from '../../runtime/framework/pallet.ts';

/** `pallet_sudo::pallet::Error`. */
export const SudoError = defineErrors('Sudo', 'pallet_sudo', {
  RequireSudo: { index: 0, docs: [' Sender must be the Sudo account.'] },
});
