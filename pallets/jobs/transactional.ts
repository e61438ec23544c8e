/** A nested transactional layer for steps whose failure must not fail the whole call or hook. */
import { type DispatchContext, transactional } from '../../runtime/framework/pallet.ts';

/**
 * Runs `f` in its own storage layer. On success its writes and events stay and its value is returned; on a
 * throw they are dropped and the result is `{ ok: false }`. Used where one failure must not sink the rest: one
 * candidate's stake lock, one job's timeout in `on_initialize`, a model registration Models refuses.
 */
export function attempt<R>(ctx: DispatchContext, f: () => R): { ok: true; value: R } | { ok: false } {
  try {
    return { ok: true, value: transactional(ctx, f) };
  } catch {
    return { ok: false };
  }
}
