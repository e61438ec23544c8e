/**
 * The EVM's message stack, for precompiles (the EVM pallet's VMs and the precompile tests' bare VMs): @ethereumjs/evm passes a precompile only its calldata and gas, so
 * caller, value, static-ness and DELEGATECALL/CALLCODE are read from the frames `beforeMessage`/`afterMessage`
 * announce. Inside a precompile the top frame is the precompile's own.
 *
 * @example
 * const stack = new MessageStack();
 * const inference = createInferencePrecompile({ frame: () => stack.frame(), ... });
 * const vm = await createVM({ common, evmOpts: { customPrecompiles: [inference] } });
 * stack.attach(vm.evm);
 */
import type { EVMInterface, Message } from '@ethereumjs/evm';

/** The call frame a precompile runs in (its own frame: `to`/`codeAddress` are the precompile's address). */
export interface MessageFrame {
  caller: Uint8Array;
  to: Uint8Array;
  codeAddress: Uint8Array;
  value: bigint;
  isStatic: boolean;
  depth: number;
  isDelegateCall: boolean;
}

type Events = NonNullable<EVMInterface['events']>;
type Resolve = ((result?: unknown) => void) | undefined;

/** Tracks the frames of one EVM (one message at a time: serialise VM access, as the EVM pallet does). */
export class MessageStack {
  private readonly stack: Message[] = [];
  private events: Events | undefined;

  private readonly onBefore = (m: Message, resolve?: Resolve): void => {
    // A top-level message starts afresh: a frame left by a call that threw out of the EVM must not leak into it.
    if (m.depth === 0) this.stack.length = 0;
    this.stack.push(m);
    resolve?.();
  };

  private readonly onAfter = (_r: unknown, resolve?: Resolve): void => {
    this.stack.pop();
    resolve?.();
  };

  /** Starts listening to `evm`'s message events; throws if the EVM has no event emitter. */
  attach(evm: Pick<EVMInterface, 'events'>): this {
    if (!evm.events) throw new Error('the EVM has no events emitter');
    this.detach();
    this.events = evm.events;
    this.events.on('beforeMessage', this.onBefore);
    this.events.on('afterMessage', this.onAfter);
    return this;
  }

  /** Stops listening and forgets every frame. */
  detach(): void {
    this.events?.off('beforeMessage', this.onBefore);
    this.events?.off('afterMessage', this.onAfter);
    this.events = undefined;
    this.stack.length = 0;
  }

  /** How many frames are open. */
  get depth(): number {
    return this.stack.length;
  }

  /**
   * The innermost frame, or undefined outside a message or in a CREATE frame (it has no `to`, and no precompile
   * runs in one: calling a precompile opens the precompile's own frame). Built on demand, not per message.
   */
  frame(): MessageFrame | undefined {
    const m = this.stack.at(-1);
    if (!m || !m.to) return undefined;
    return {
      caller: m.caller.bytes,
      to: m.to.bytes,
      codeAddress: m.codeAddress.bytes,
      value: m.value,
      isStatic: m.isStatic,
      depth: m.depth,
      isDelegateCall: m.delegatecall,
    };
  }
}
