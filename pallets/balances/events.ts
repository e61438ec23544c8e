/** Balances events, with FRAME's indices, field names and docs (explorers decode them from metadata). */
import { defineEvents } from '../../runtime/framework/pallet.ts';
import { AccountId32, Balance } from '../../runtime/primitives.ts';
import { BalanceStatus } from './types.ts';

const who = { who: AccountId32, amount: Balance };

/** `pallet_balances::pallet::Event`, deposited with `ctx.deposit(BalancesEvent, …)`. */
export const BalancesEvent = defineEvents('Balances', 'pallet_balances', {
  Endowed: { index: 0, fields: { account: AccountId32, free_balance: Balance }, docs: [' An account was created with some free balance.'] },
  DustLost: {
    index: 1,
    fields: { account: AccountId32, amount: Balance },
    docs: [' An account was removed whose balance was non-zero but below ExistentialDeposit,', ' resulting in an outright loss.'],
  },
  Transfer: { index: 2, fields: { from: AccountId32, to: AccountId32, amount: Balance }, docs: [' Transfer succeeded.'] },
  BalanceSet: { index: 3, fields: { who: AccountId32, free: Balance }, docs: [' A balance was set by root.'] },
  Reserved: { index: 4, fields: who, docs: [' Some balance was reserved (moved from free to reserved).'] },
  Unreserved: { index: 5, fields: who, docs: [' Some balance was unreserved (moved from reserved to free).'] },
  ReserveRepatriated: {
    index: 6,
    fields: { from: AccountId32, to: AccountId32, amount: Balance, destination_status: BalanceStatus },
    docs: [' Some balance was moved from the reserve of the first account to the second account.', ' Final argument indicates the destination balance type.'],
  },
  Deposit: { index: 7, fields: who, docs: [' Some amount was deposited (e.g. for transaction fees).'] },
  Withdraw: { index: 8, fields: who, docs: [' Some amount was withdrawn from the account (e.g. for transaction fees).'] },
  Slashed: { index: 9, fields: who, docs: [' Some amount was removed from the account (e.g. for misbehavior).'] },
  Minted: { index: 10, fields: who, docs: [' Some amount was minted into an account.'] },
  Burned: { index: 11, fields: who, docs: [' Some amount was burned from an account.'] },
});
