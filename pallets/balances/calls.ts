/** Balances calls, with FRAME's indices, argument names and docs. Each is a thin layer over the ledger. */
import { call, ensureRoot, ensureSigned } from '../../runtime/framework/pallet.ts';
import { Balance, CompactBalance, MultiAddress } from '../../runtime/primitives.ts';
import { bool } from '../../runtime/scale/codec.ts';
import type { Currency } from './currency.ts';
import { BalancesEvent } from './events.ts';
import { burnFrom, type Ledger, reducibleBalance, saturatingAdd, saturatingSub, transfer, tryMutateAccount } from './ledger.ts';
import { lookupAddress } from './lookup.ts';
import { BalancesWeights } from './weights.ts';

/** The call table of a ledger; `currency` provides `unreserve` for `force_unreserve`. */
export function balancesCalls(l: Ledger, currency: Currency) {
  return {
    transfer_allow_death: call({
      index: 0,
      args: { dest: MultiAddress, value: CompactBalance },
      docs: [
        ' Transfer some liquid free balance to another account.',
        '',
        ' `transfer_allow_death` will set the `FreeBalance` of the sender and receiver.',
        ' If the sender\'s account is below the existential deposit as a result',
        ' of the transfer, the account will be reaped.',
        '',
        ' The dispatch origin for this call must be `Signed` by the transactor.',
      ],
      weight: BalancesWeights.transferAllowDeath,
      dispatch: (ctx, origin, { dest, value }) => {
        const source = ensureSigned(origin);
        transfer(l, ctx, source, lookupAddress(dest), value, 'Expendable');
      },
    }),
    force_transfer: call({
      index: 2,
      args: { source: MultiAddress, dest: MultiAddress, value: CompactBalance },
      docs: [
        ' Exactly as `transfer_allow_death`, except the origin must be root and the source account',
        ' may be specified.',
      ],
      weight: BalancesWeights.forceTransfer,
      dispatch: (ctx, origin, { source, dest, value }) => {
        ensureRoot(origin);
        transfer(l, ctx, lookupAddress(source), lookupAddress(dest), value, 'Expendable');
      },
    }),
    transfer_keep_alive: call({
      index: 3,
      args: { dest: MultiAddress, value: CompactBalance },
      docs: [
        ' Same as the [`transfer_allow_death`] call, but with a check that the transfer will not',
        ' kill the origin account.',
        '',
        ' 99% of the time you want [`transfer_allow_death`] instead.',
        '',
        ' [`transfer_allow_death`]: struct.Pallet.html#method.transfer',
      ],
      weight: BalancesWeights.transferKeepAlive,
      dispatch: (ctx, origin, { dest, value }) => {
        const source = ensureSigned(origin);
        transfer(l, ctx, source, lookupAddress(dest), value, 'Preserve');
      },
    }),
    transfer_all: call({
      index: 4,
      args: { dest: MultiAddress, keep_alive: bool },
      docs: [
        ' Transfer the entire transferable balance from the caller account.',
        '',
        ' NOTE: This function only attempts to transfer _transferable_ balances. This means that',
        ' any locked, reserved, or existential deposits (when `keep_alive` is `true`), will not be',
        ' transferred by this function. To ensure that this function results in a killed account,',
        ' you might need to prepare the account by removing any reference counters, storage',
        ' deposits, etc...',
        '',
        ' The dispatch origin of this call must be Signed.',
        '',
        ' - `dest`: The recipient of the transfer.',
        ' - `keep_alive`: A boolean to determine if the `transfer_all` operation should send all',
        '   of the funds the account has, causing the sender account to be killed (false), or',
        '   transfer everything except at least the existential deposit, which will guarantee to',
        '   keep the sender account alive (true).',
      ],
      weight: BalancesWeights.transferAll,
      dispatch: (ctx, origin, { dest, keep_alive }) => {
        const transactor = ensureSigned(origin);
        const preservation = keep_alive ? 'Preserve' : 'Expendable';
        const reducible = reducibleBalance(l, ctx.state, transactor, preservation, 'Polite');
        transfer(l, ctx, transactor, lookupAddress(dest), reducible, preservation);
      },
    }),
    force_unreserve: call({
      index: 5,
      args: { who: MultiAddress, amount: Balance },
      docs: [' Unreserve some balance from a user by force.', '', ' Can only be called by ROOT.'],
      weight: BalancesWeights.forceUnreserve,
      dispatch: (ctx, origin, { who, amount }) => {
        ensureRoot(origin);
        currency.unreserve(ctx, lookupAddress(who), amount);
      },
    }),
    force_set_balance: call({
      index: 8,
      args: { who: MultiAddress, new_free: CompactBalance },
      docs: [' Set the regular balance of a given account.', '', ' The dispatch origin for this call is `root`.'],
      weight: BalancesWeights.forceSetBalance,
      dispatch: (ctx, origin, { who: address, new_free }) => {
        ensureRoot(origin);
        const who = lookupAddress(address);
        // Below the ED the account is wiped out rather than left holding dust.
        const newFree = new_free < l.ed ? 0n : new_free;
        const oldFree = tryMutateAccount(l, ctx, who, (account) => {
          const old = account.free;
          account.free = newFree;
          return old;
        });
        // The account changed without an equal and opposite change elsewhere: the issuance follows it.
        const issuance = l.storage.TotalIssuance;
        if (newFree > oldFree) issuance.set(ctx.state, saturatingAdd(issuance.get(ctx.state), newFree - oldFree));
        else if (newFree < oldFree) issuance.set(ctx.state, saturatingSub(issuance.get(ctx.state), oldFree - newFree));
        ctx.deposit(BalancesEvent, { tag: 'BalanceSet', value: { who, free: newFree } });
      },
    }),
    burn: call({
      index: 10,
      args: { value: CompactBalance, keep_alive: bool },
      docs: [
        ' Burn the specified liquid free balance from the origin account.',
        '',
        ' If the origin\'s account ends up below the existential deposit as a result',
        ' of the burn and `keep_alive` is false, the account will be reaped.',
        '',
        ' Unlike sending funds to a _burn_ address, which merely makes the funds inaccessible,',
        ' this `burn` operation will reduce total issuance by the amount _burned_.',
      ],
      weight: ({ keep_alive }) => (keep_alive ? BalancesWeights.burnKeepAlive() : BalancesWeights.burnAllowDeath()),
      dispatch: (ctx, origin, { value, keep_alive }) => {
        const source = ensureSigned(origin);
        burnFrom(l, ctx, source, value, keep_alive ? 'Preserve' : 'Expendable', 'Exact', 'Polite');
      },
    }),
  };
}
