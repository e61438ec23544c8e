/**
 * Eras: every `eraLength` blocks (or at the block after Root's `force_new_era`) `on_initialize` elects the
 * validator set from the candidates by active stake and snapshots each validator's stake as its weight for the
 * era. The consensus engine reads the set, the weights and the era index through the Staking API.
 */
import type { DispatchContext } from '../../runtime/framework/pallet.ts';
import type { AccountId, Weight } from '../../runtime/primitives.ts';
import type { StateReader } from '../../runtime/state/overlay.ts';
import { StakingEvent } from './events.ts';
import { compareBytes, isRoleEffective, minBonds, type StakingEnv } from './ledger.ts';
import { StakingWeights } from './weights.ts';

/** Eras of history kept in `ErasStartBlock` and `ErasTotalStake` (FRAME's `HistoryDepth`). */
export const HISTORY_DEPTH = 84;

/** A validator and the active stake it was elected with. */
export interface Elected {
  who: AccountId;
  stake: bigint;
}

/**
 * The election: candidates whose validator role is effective (minimum met), by active stake descending, ties by
 * account bytes ascending, at most `maxValidators`. Deterministic: it depends on state alone. Scans the candidate
 * index, so it runs in the era hook (whose weight counts the candidates), never in a call.
 */
export function electValidators(env: StakingEnv, state: StateReader): Elected[] {
  const min = minBonds(env, state);
  const elected: Elected[] = [];
  for (const [[who]] of env.storage.ValidatorCandidates.entries(state)) {
    const ledger = env.storage.Ledger.get(state, who);
    if (ledger && isRoleEffective(min, ledger, 'validator')) elected.push({ who, stake: ledger.active });
  }
  elected.sort((a, b) => (a.stake === b.stake ? compareBytes(a.who, b.who) : a.stake > b.stake ? -1 : 1));
  return elected.slice(0, env.config.maxValidators);
}

/** Starts era `era` at the current block: elects, snapshots stakes, prunes old history, emits `NewEra`. */
export function startEra(env: StakingEnv, ctx: DispatchContext, era: number): AccountId[] {
  const s = env.storage;
  const state = ctx.state;
  const previous = s.Validators.get(state);
  let elected = electValidators(env, state);
  // An empty election would halt block production; FRAME keeps the old set in that case, and so do we.
  if (elected.length === 0) elected = previous.map((who) => ({ who, stake: s.ValidatorStake.get(state, who) ?? 0n }));
  for (const who of previous) s.ValidatorStake.remove(state, who);
  for (const { who, stake } of elected) s.ValidatorStake.insert(state, stake, who);
  const validators = elected.map((e) => e.who);
  s.Validators.set(state, validators);
  s.CurrentEra.set(state, era);
  s.ErasStartBlock.insert(state, ctx.block.number, era);
  s.ErasTotalStake.insert(state, elected.reduce((t, e) => t + e.stake, 0n), era);
  if (era >= HISTORY_DEPTH) {
    s.ErasStartBlock.remove(state, era - HISTORY_DEPTH);
    s.ErasTotalStake.remove(state, era - HISTORY_DEPTH);
  }
  s.ForceNewEra.kill(state);
  ctx.deposit(StakingEvent, { tag: 'NewEra', value: { era, validators } });
  return validators;
}

/** The `on_initialize` hook: starts the next era at the boundary (or when forced); returns the weight used. */
export function stakingOnInitialize(env: StakingEnv, ctx: DispatchContext): Weight {
  const s = env.storage;
  const era = s.CurrentEra.get(ctx.state);
  const start = s.ErasStartBlock.get(ctx.state, era) ?? 0;
  if (!s.ForceNewEra.get(ctx.state) && ctx.block.number - start < env.config.eraLength) return StakingWeights.onInitializeIdle();
  const candidates = s.CounterForValidatorCandidates.get(ctx.state);
  startEra(env, ctx, era + 1);
  return StakingWeights.onInitializeNewEra(candidates, env.config.maxValidators);
}
