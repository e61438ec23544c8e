/** Balances storage. Account balances themselves live in `System.Account` (`AccountStore = System`). */
import { defineStorage, storage } from '../../runtime/framework/storage.ts';
import { Balance } from '../../runtime/primitives.ts';

/** The pallet's storage items, with FRAME's names and docs. */
export const balancesStorage = defineStorage('Balances', {
  TotalIssuance: storage.value({ value: Balance, default: 0n, docs: [' The total units issued in the system.'] }),
  InactiveIssuance: storage.value({ value: Balance, default: 0n, docs: [' The total units of outstanding deactivated balance in the system.'] }),
});
/** The bound storage items of Balances. */
export type BalancesStorage = typeof balancesStorage;
