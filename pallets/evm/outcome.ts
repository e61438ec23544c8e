/** What an EVM execution ended with, in the shapes our events and statuses store. */
import type { Log as EjsLog } from '@ethereumjs/evm';
import type { RunTxResult } from '@ethereumjs/vm';
import type { ExitReason, Log } from './types.ts';

const utf8 = new TextEncoder();

/** `Succeed`, `Revert` (the revert data is kept apart), or the halting error's message. */
export function exitReason(r: RunTxResult): ExitReason {
  const e = r.execResult.exceptionError;
  if (e === undefined) return { tag: 'Succeed' };
  if (e.error === 'revert') return { tag: 'Revert' };
  return { tag: 'Error', value: utf8.encode(e.error) };
}

/** Whether the execution succeeded (receipt status 1). */
export const succeeded = (r: RunTxResult): boolean => r.execResult.exceptionError === undefined;

/** The VM's `[address, topics, data]` logs as `ethereum::Log`. */
export function toLogs(logs: EjsLog[] | undefined): Log[] {
  return (logs ?? []).map(([address, topics, data]) => ({ address, topics, data }));
}
