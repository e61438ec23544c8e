/** Entering a job in the `Deadlines` schedule that `on_initialize` reads. */
import type { OverlayState } from '../../runtime/state/overlay.ts';
import type { ResolvedJobsConfig } from './config.ts';
import { JobsError } from './errors.ts';
import { jobsStorage as S } from './storage.ts';

/** How many blocks past the due block a check may move when buckets are full. */
export const MAX_SCHEDULE_SHIFT = 64;
const U32_MAX = 0xffff_ffff;

/**
 * Has the job's timeouts checked at `at`, or at the first later block whose bucket has room (at most
 * `MAX_SCHEDULE_SHIFT` blocks later): a check that runs late is harmless, since the hook compares the job's own
 * deadlines with the block number, and a full bucket must not let one block's hook grow without bound.
 * Throws `ScheduleFull` when no block in reach has room.
 */
export function scheduleCheck(cfg: ResolvedJobsConfig, state: OverlayState, at: number, id: bigint): number {
  for (let block = at; block < at + MAX_SCHEDULE_SHIFT && block <= U32_MAX; block++) {
    if (S.Deadlines.contains(state, block, id)) return block;
    const count = S.DeadlineCount.get(state, block);
    if (count < cfg.maxDeadlinesPerBlock) {
      S.Deadlines.insert(state, [], block, id);
      S.DeadlineCount.insert(state, count + 1, block);
      return block;
    }
  }
  throw JobsError.ScheduleFull;
}
