/**
 * Test support for pallet tests (not part of any runtime): a System pallet with neutral limits, so each test file
 * composes its own small mock runtime, as FRAME's `mock.rs` files do.
 */
import type { ComposedRuntime } from '../../runtime/framework/runtime.ts';
import { lazy, vec } from '../../runtime/scale/codec.ts';
import { systemPallet } from '../system/index.ts';
import { eventRecord } from '../system/types.ts';

const zero = { ref_time: 0n, proof_size: 0n };
const perClass = { base_extrinsic: zero, max_extrinsic: undefined, max_total: undefined, reserved: undefined };

/** `systemPallet` for a mock runtime; `runtime` is read lazily, once composed, for the event type. */
export function mockSystem(runtime: () => ComposedRuntime) {
  return systemPallet({
    eventRecords: vec(eventRecord(lazy(() => runtime().event))),
    blockHashCount: 250,
    ss58Prefix: 42,
    version: { spec_name: 'test', impl_name: 'test', authoring_version: 1, spec_version: 1, impl_version: 1, apis: [], transaction_version: 1, system_version: 1 },
    blockWeights: { base_block: zero, max_block: { ref_time: 2_000_000_000_000n, proof_size: 0n }, per_class: { normal: perClass, operational: perClass, mandatory: perClass } },
    maxBlockLength: 5 * 1024 * 1024,
    dbWeight: { read: 1n, write: 1n },
  });
}

/** The 32-byte account `n, n, …, n`. */
export const acct = (n: number): Uint8Array => new Uint8Array(32).fill(n);
/** `acct(n)` as 0x hex, for genesis configs. */
export const hexAcct = (n: number): string => `0x${n.toString(16).padStart(2, '0').repeat(32)}`;
