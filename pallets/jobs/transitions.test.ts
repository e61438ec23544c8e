import { describe, expect, it } from 'vitest';
import { canTransition, isTerminal } from './transitions.ts';
import type { JobStatusName } from './types.ts';

const ALL: JobStatusName[] = ['Open', 'Assigned', 'Training', 'Submitted', 'Verifying', 'Evaluating', 'Completed', 'Failed', 'Cancelled', 'Expired'];

/** Every allowed move, and why it exists. */
const ALLOWED: [JobStatusName, JobStatusName, string][] = [
  ['Open', 'Assigned', 'the last volunteer, or the scheduler, fills the job'],
  ['Open', 'Cancelled', 'the owner cancels before anyone works'],
  ['Open', 'Expired', 'nobody took it before the deadline'],
  ['Assigned', 'Training', 'a worker starts'],
  ['Assigned', 'Submitted', 'an inference result (no training phase)'],
  ['Assigned', 'Open', 'silent workers are dropped while the deadline is ahead'],
  ['Assigned', 'Cancelled', 'the owner cancels before training starts'],
  ['Assigned', 'Expired', 'the deadline came before anyone started'],
  ['Training', 'Submitted', 'a worker submits the result'],
  ['Training', 'Expired', 'no result by deadline + grace'],
  ['Submitted', 'Verifying', 'the verification protocol takes it at once'],
  ['Verifying', 'Evaluating', 'a training result is accepted'],
  ['Verifying', 'Completed', 'an inference result is accepted'],
  ['Verifying', 'Failed', 'the result is rejected'],
  ['Evaluating', 'Completed', 'the evaluators scored it'],
];

describe('canTransition', () => {
  it.each(ALLOWED)('allows %s → %s (%s)', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
  });

  it('forbids every other move, self-moves included', () => {
    const allowed = new Set(ALLOWED.map(([from, to]) => `${from}→${to}`));
    for (const from of ALL) for (const to of ALL) if (!allowed.has(`${from}→${to}`)) expect(canTransition(from, to), `${from} → ${to}`).toBe(false);
  });

  it('has exactly four terminal states, each reachable', () => {
    expect(ALL.filter(isTerminal)).toEqual(['Completed', 'Failed', 'Cancelled', 'Expired']);
    for (const end of ALL.filter(isTerminal)) expect(ALLOWED.some(([, to]) => to === end)).toBe(true);
  });

  it('never returns to work after a result is submitted', () => {
    const after: JobStatusName[] = ['Submitted', 'Verifying', 'Evaluating'];
    for (const from of after) for (const to of ['Open', 'Assigned', 'Training', 'Cancelled', 'Expired'] as JobStatusName[]) expect(canTransition(from, to)).toBe(false);
  });
});
