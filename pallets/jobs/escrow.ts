/**
 * The escrow is the owner's reserved balance, tracked per job in `escrow_remaining` (reward + fee from posting to
 * the end). It leaves exactly once, either paid out with `repatriateReserved(owner → payee, Free)` or refunded
 * with `unreserve`, and both leave `escrow_remaining == 0` in the same write as the terminal status.
 */
import type { DispatchContext } from '../../runtime/framework/pallet.ts';
import type { AccountId } from '../../runtime/primitives.ts';
import { PPM, type ResolvedJobsConfig } from './config.ts';
import { JobsEvent } from './events.ts';
import type { JobInfo, PayoutRoleName } from './types.ts';

/** Returns the whole remaining escrow to the owner; `refund` is what actually went back. */
export function refundEscrow(cfg: ResolvedJobsConfig, ctx: DispatchContext, job: JobInfo): { job: JobInfo; refund: bigint } {
  const notReturned = cfg.currency.unreserve(ctx, job.owner, job.escrow_remaining);
  return { job: { ...job, escrow_remaining: 0n }, refund: job.escrow_remaining - notReturned };
}

/** `total` in equal parts, the remainder to the first, so the parts add up to `total` exactly. */
export function splitEvenly(total: bigint, n: number): bigint[] {
  if (n === 0) return [];
  const each = total / BigInt(n);
  const parts = new Array<bigint>(n).fill(each);
  parts[0] = each + (total - each * BigInt(n));
  return parts;
}

/** The reward's split by the Config's shares; the treasury takes the rounding remainder. */
export function rewardParts(cfg: ResolvedJobsConfig, reward: bigint): { workers: bigint; verifiers: bigint; evaluators: bigint; treasury: bigint } {
  const part = (ppm: number) => (reward * BigInt(ppm)) / BigInt(PPM);
  const workers = part(cfg.payoutShares.workers);
  const verifiers = part(cfg.payoutShares.verifiers);
  const evaluators = part(cfg.payoutShares.evaluators);
  return { workers, verifiers, evaluators, treasury: reward - workers - verifiers - evaluators };
}

const exists = (cfg: ResolvedJobsConfig, ctx: DispatchContext, who: AccountId) =>
  cfg.currency.free(ctx.state, who) + cfg.currency.reserved(ctx.state, who) > 0n;

/**
 * Pays `amount` of the owner's escrow to `to`. Repatriation cannot create accounts, so a payee that does not
 * exist is replaced by the treasury; if even the treasury is missing, the amount goes back to the owner.
 */
function pay(cfg: ResolvedJobsConfig, ctx: DispatchContext, id: bigint, owner: AccountId, to: AccountId, amount: bigint, role: PayoutRoleName): void {
  if (amount === 0n) return;
  let [dest, as] = [to, role];
  if (!exists(cfg, ctx, dest)) [dest, as] = [cfg.treasury, 'Treasury'];
  if (!exists(cfg, ctx, dest)) {
    cfg.currency.unreserve(ctx, owner, amount);
    return;
  }
  const moved = amount - cfg.currency.repatriateReserved(ctx, owner, dest, amount, 'Free');
  if (moved > 0n) ctx.deposit(JobsEvent, { tag: 'PaidOut', value: { job_id: id, who: dest, amount: moved, role: { tag: as } } });
}

/**
 * Pays out a completed job: the workers' share in equal parts, the verifiers' and evaluators' shares among those
 * named by verification (to the treasury when none), the treasury share, and the network fee to the block author
 * (the treasury when the block has none).
 */
export function settleEscrow(cfg: ResolvedJobsConfig, ctx: DispatchContext, id: bigint, job: JobInfo): JobInfo {
  const parts = rewardParts(cfg, job.reward);
  let treasury = parts.treasury;
  const share = (total: bigint, payees: AccountId[], role: PayoutRoleName) => {
    if (payees.length === 0) {
      treasury += total;
      return;
    }
    splitEvenly(total, payees.length).forEach((amount, i) => pay(cfg, ctx, id, job.owner, payees[i]!, amount, role));
  };
  share(parts.workers, job.workers, 'Worker');
  share(parts.verifiers, job.verifiers, 'Verifier');
  share(parts.evaluators, job.evaluators, 'Evaluator');
  pay(cfg, ctx, id, job.owner, cfg.treasury, treasury, 'Treasury');
  const author = ctx.block.author;
  pay(cfg, ctx, id, job.owner, author ?? cfg.treasury, job.fee, author ? 'BlockAuthor' : 'Treasury');
  return { ...job, escrow_remaining: 0n };
}
