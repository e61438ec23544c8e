/** Sudo's Config. */
import type { RuntimeCall } from '../../runtime/framework/pallet.ts';
import type { Weight } from '../../runtime/primitives.ts';
import type { Codec } from '../../runtime/scale/codec.ts';

/** What the runtime gives Sudo: the outer call type and the weight of any call. */
export interface SudoConfig {
  /** `RuntimeCall`'s codec; the runtime passes `lazy(() => runtime.call)` since Sudo is part of it. */
  call: Codec<RuntimeCall>;
  /** Pre-dispatch weight of a call (`GetDispatchInfo`), added to Sudo's own. */
  callWeight: (call: RuntimeCall) => Weight;
}
