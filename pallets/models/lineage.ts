/**
 * Lineage: a model's chain of base models up to its root, and the rule for building on a base. Depth is bounded
 * by `MaxLineageDepth` at registration, so every walk up the chain (queries, royalties) is bounded too.
 */
import type { AccountId } from '../../runtime/primitives.ts';
import type { StateReader } from '../../runtime/state/overlay.ts';
import { sameAccount } from '../balances/lookup.ts';
import { checkAccess } from './access.ts';
import { ModelsError } from './errors.ts';
import type { ModelsStorage } from './storage.ts';

/** The ancestors of model `id`, nearest first and the root last; empty for a root model or an unknown id. */
export function lineage(storage: ModelsStorage, state: StateReader, id: bigint, maxDepth: number): bigint[] {
  const out: bigint[] = [];
  let next = storage.Models.get(state, id)?.base_model;
  // The guard only matters if `maxDepth` was lowered after deeper models were registered.
  while (next !== undefined && out.length < maxDepth) {
    out.push(next);
    next = storage.Models.get(state, next)?.base_model;
  }
  return out;
}

/**
 * Checks that `who` may register a model derived from `baseId` at block `now`, and returns the new model's
 * lineage depth. The base must exist, not be revoked and be published; its licence must allow `who` to build on
 * it: Open always, Commercial or ResearchOnly with access (ownership or a live grant), Custom for its owner only.
 */
export function ensureMayDerive(storage: ModelsStorage, state: StateReader, baseId: bigint, who: AccountId, now: number, maxDepth: number): number {
  const base = storage.Models.get(state, baseId);
  if (!base) throw ModelsError.BaseModelNotFound;
  if (base.revoked) throw ModelsError.Revoked;
  if (!base.published) throw ModelsError.BaseNotPublished;
  const license = base.license.tag;
  const allowed =
    license === 'Open' ||
    (license === 'Custom' ? sameAccount(base.owner, who) : checkAccess(storage, state, baseId, who, now).tag !== 'Denied');
  if (!allowed) throw ModelsError.LicenseForbidsDerivative;
  if (base.lineage_depth + 1 > maxDepth) throw ModelsError.LineageTooDeep;
  return base.lineage_depth + 1;
}
