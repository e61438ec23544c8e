import { describe, expect, it } from 'vitest';
import { genesisStorage, loadChainSpec } from '../node/chain-spec.ts';
import { checkInvariants, InvariantViolation } from './invariants.ts';
import { createRuntime } from './runtime.ts';
import { OverlayState } from './state/overlay.ts';

describe('state invariants', () => {
  const runtime = createRuntime();
  const genesis = genesisStorage(loadChainSpec('dev'), runtime);

  it('hold for the dev genesis', () => {
    expect(() => checkInvariants(runtime, genesis)).not.toThrow();
  });

  it('catch issuance that does not match the accounts', () => {
    const state = new OverlayState(genesis);
    const issuance = runtime.balances.storage.TotalIssuance.get(state);
    runtime.balances.storage.TotalIssuance.set(state, issuance + 1n);
    expect(() => checkInvariants(runtime, state)).toThrow(InvariantViolation);
  });

  it('catch a balance minted without issuance', () => {
    const state = new OverlayState(genesis);
    const [[who, info]] = runtime.system.storage.Account.entries(state).map(([[k], v]) => [k, v] as const);
    runtime.system.storage.Account.insert(state, { ...info, data: { ...info.data, free: info.data.free + 1n } }, who);
    expect(() => checkInvariants(runtime, state)).toThrow(/total issuance/);
  });
});
