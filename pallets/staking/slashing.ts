/**
 * Slashing: other pallets report a proven offence with a reason and a reference to the proof; the stake goes,
 * part to the reporter and the rest burned, and the slash is recorded. Active stake (locked or not) pays first,
 * then unlocking chunks, most recent first: stake that left last was the stake at risk when the offence happened.
 */
import type { DispatchContext } from '../../runtime/framework/pallet.ts';
import type { AccountId, Hash } from '../../runtime/primitives.ts';
import { sameAccount } from '../balances/lookup.ts';
import { PERMILL } from './config.ts';
import { StakingEvent } from './events.ts';
import { minOf, putLedger, type StakingEnv, transactional } from './ledger.ts';
import type { SlashReason, StakingLedger } from './types.ts';

/** Takes `amount` (capped at the total) off a ledger: active first, then chunks from the newest. Pure. */
export function slashLedger(ledger: StakingLedger, amount: bigint): { ledger: StakingLedger; slashed: bigint } {
  const slashed = minOf(amount, ledger.total);
  let remaining = slashed;
  const fromActive = minOf(remaining, ledger.active);
  remaining -= fromActive;
  const unlocking = ledger.unlocking.map((c) => ({ ...c }));
  for (let i = unlocking.length - 1; i >= 0 && remaining > 0n; i--) {
    const take = minOf(unlocking[i]!.value, remaining);
    unlocking[i]!.value -= take;
    remaining -= take;
  }
  return {
    ledger: { ...ledger, total: ledger.total - slashed, active: ledger.active - fromActive, unlocking: unlocking.filter((c) => c.value > 0n) },
    slashed,
  };
}

/**
 * Slashes up to `amount` of `offender`'s bonded stake and returns what was actually taken. The reporter's share
 * (`slashRewardShare` ppm) moves to its free balance; the rest is burned, lowering the total issuance. No share is
 * paid to the offender itself (a self-report must not soften a slash) nor to a reporter with no account (the
 * currency cannot credit one), so then everything is burned. Nothing bonded, or a zero amount: returns 0 and
 * writes nothing. Emits `Slashed` and stores a `SlashRecord`.
 */
export function slash(
  env: StakingEnv,
  ctx: DispatchContext,
  offender: AccountId,
  amount: bigint,
  reason: SlashReason,
  proofRef: Hash,
  reporter?: AccountId,
): bigint {
  const { currency, slashRewardShare } = env.config;
  const s = env.storage;
  const before = s.Ledger.get(ctx.state, offender);
  if (!before || amount === 0n) return 0n;
  const { ledger, slashed } = slashLedger(before, amount);
  if (slashed === 0n) return 0n;
  if (proofRef.length !== 32) throw new RangeError(`proofRef must be 32 bytes, got ${proofRef.length}`);
  return transactional(ctx, () => {
    const payee = reporter && !sameAccount(reporter, offender) && reporterExists(env, ctx, reporter) ? reporter : undefined;
    const share = payee ? (slashed * BigInt(slashRewardShare)) / BigInt(PERMILL) : 0n;
    const reporterReward = payee && share > 0n ? share - currency.repatriateReserved(ctx, offender, payee, share, 'Free') : 0n;
    const toBurn = slashed - reporterReward;
    const burned = toBurn - currency.slashReserved(ctx, offender, toBurn);
    putLedger(env, ctx.state, offender, ledger);
    const slashId = s.NextSlashId.get(ctx.state);
    s.NextSlashId.set(ctx.state, slashId + 1n);
    const taken = reporterReward + burned;
    s.SlashRecords.insert(ctx.state, { offender, amount: taken, reason: { tag: reason }, proof_ref: proofRef, reporter, block: ctx.block.number }, slashId);
    ctx.deposit(StakingEvent, {
      tag: 'Slashed',
      value: { slash_id: slashId, offender, amount: taken, reporter, reporter_reward: reporterReward, burned, reason: { tag: reason }, proof_ref: proofRef },
    });
    return taken;
  });
}

// The currency can only credit a reserve to an account that exists (it fails with `DeadAccount` otherwise).
function reporterExists(env: StakingEnv, ctx: DispatchContext, who: AccountId): boolean {
  return env.config.currency.free(ctx.state, who) + env.config.currency.reserved(ctx.state, who) > 0n;
}
