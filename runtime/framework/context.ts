/** The `DispatchContext` the executive (and the pallet test harness) hands to calls and hooks. */
import type { Phase } from '../../pallets/system/types.ts';
import type { EnumValue, VariantSpecs } from '../scale/composite.ts';
import type { OverlayState } from '../state/overlay.ts';
import type { BlockEnv, DispatchContext, DispatchResult, Origin, PalletEvents, RuntimeCall } from './pallet.ts';
import type { ComposedRuntime } from './runtime.ts';

/** An event as System.Events stores it. */
export interface EventRecordValue {
  phase: Phase;
  event: { tag: string; value: unknown };
  topics: Uint8Array[];
}

export class BlockContext implements DispatchContext {
  readonly events: EventRecordValue[] = [];
  /** Set by the executive before each extrinsic and for initialization/finalization. */
  phase: Phase = { tag: 'Initialization' };

  constructor(
    readonly runtime: ComposedRuntime,
    readonly state: OverlayState,
    readonly block: BlockEnv,
  ) {}

  deposit<S extends VariantSpecs>(events: PalletEvents<S>, event: EnumValue<S>): void {
    this.events.push({ phase: this.phase, event: { tag: events.pallet, value: event }, topics: [] });
  }

  dispatch(origin: Origin, call: RuntimeCall): DispatchResult {
    return this.runtime.dispatch(this, origin, call);
  }

  eventCount(): number {
    return this.events.length;
  }

  truncateEvents(count: number): void {
    this.events.length = count;
  }
}
