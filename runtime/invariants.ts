/**
 * Whole-state invariants, checked after every block when `--check-invariants` is on (the default with `--dev`):
 * a block that breaks one is refused instead of committed. They scan state, so they are a debugging aid, not
 * something a production node pays for.
 */
import { isTerminal } from '../pallets/jobs/transitions.ts';
import type { Runtime } from './runtime.ts';
import type { StateReader } from './state/overlay.ts';

export class InvariantViolation extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvariantViolation';
  }
}

/** Throws `InvariantViolation` naming the first broken invariant. */
export function checkInvariants(runtime: Runtime, state: StateReader): void {
  // Total issuance equals what accounts hold; minting and burning move both sides together.
  let held = 0n;
  const reservedBy = new Map<string, bigint>();
  for (const [[who], info] of runtime.system.storage.Account.entries(state)) {
    held += info.data.free + info.data.reserved;
    reservedBy.set(Buffer.from(who).toString('hex'), info.data.reserved);
  }
  const issuance = runtime.balances.storage.TotalIssuance.get(state);
  if (issuance !== held) throw new InvariantViolation(`total issuance ${issuance} != Σ(free + reserved) ${held}`);

  // Escrow: never negative, zero once a job has ended, and always backed by its owner's reserved balance.
  const escrowBy = new Map<string, bigint>();
  for (const [[id], job] of runtime.jobs.storage.Jobs.entries(state)) {
    if (job.escrow_remaining < 0n) throw new InvariantViolation(`job ${id} has negative escrow`);
    if (isTerminal(job.status.tag) && job.escrow_remaining !== 0n) throw new InvariantViolation(`job ${id} ended (${job.status.tag}) with ${job.escrow_remaining} still in escrow`);
    const owner = Buffer.from(job.owner).toString('hex');
    escrowBy.set(owner, (escrowBy.get(owner) ?? 0n) + job.escrow_remaining);
  }
  for (const [owner, escrow] of escrowBy) {
    const reserved = reservedBy.get(owner) ?? 0n;
    if (reserved < escrow) throw new InvariantViolation(`account 0x${owner} reserves ${reserved}, less than its jobs' escrow ${escrow}`);
  }
}
