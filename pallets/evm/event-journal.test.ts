/**
 * The precompiles' `DispatchContext` over `OverlayStateManager`: writes and pallet events follow the EVM's
 * checkpoints (a revert drops both, a commit keeps them, the outermost commit hands the events to the dispatch's
 * context in order); a read-only run (no context attached) discards them.
 */
import { Address } from '@ethereumjs/util';
import { describe, expect, it } from 'vitest';
import { BlockContext } from '../../runtime/framework/context.ts';
import { MemoryState, OverlayState } from '../../runtime/state/overlay.ts';
import { EvmEvent } from './events.ts';
import { slotOf } from './ledger.ts';
import { OverlayStateManager } from './state-manager.ts';
import { TestChain } from './testing/chain.ts';

const mapped = (n: number) => ({ tag: 'AccountMapped' as const, value: { who: new Uint8Array(32).fill(n), address: new Uint8Array(20).fill(n) } });
const tags = (ctx: BlockContext) => ctx.events.map((e) => (e.event.value as { value: { who: Uint8Array } }).value.who[0]);

describe('OverlayStateManager event journal', () => {
  const rt = new TestChain().runtime;
  const setup = () => {
    const target = new OverlayState(new MemoryState());
    const sink = new BlockContext(rt.composed, target, { number: 7, parentHash: new Uint8Array(32), author: undefined });
    const sm = new OverlayStateManager(rt.evm.ledger, target);
    sm.attach(target, sink);
    return { target, sink, sm };
  };

  it('drops a reverted frame\'s events and writes, keeps a committed one\'s, flushes in order at the outermost commit', async () => {
    const { target, sink, sm } = setup();
    const a = new Address(new Uint8Array(20).fill(1));
    const key = new Uint8Array(32).fill(2);
    const ctx = sm.context;
    expect(ctx.block.number).toBe(7);
    await sm.checkpoint(); // the transaction
    ctx.deposit(EvmEvent, mapped(1));
    await sm.checkpoint(); // a frame that reverts
    ctx.deposit(EvmEvent, mapped(2));
    await sm.putStorage(a, key, new Uint8Array([5]));
    expect(ctx.eventCount()).toBe(2);
    await sm.revert();
    expect(await sm.getStorage(a, key)).toEqual(new Uint8Array());
    await sm.checkpoint(); // a frame that commits, with a pallet call rolled back inside it
    ctx.deposit(EvmEvent, mapped(3));
    ctx.deposit(EvmEvent, mapped(4));
    ctx.truncateEvents(2);
    ctx.state.begin();
    ctx.state.set('k', new Uint8Array([1]));
    ctx.state.commit();
    await sm.commit();
    expect(sink.events).toHaveLength(0);
    await sm.commit();
    expect(tags(sink)).toEqual([1, 3]);
    expect(target.get('k')).toEqual(new Uint8Array([1]));
    expect(slotOf(target, a.bytes, key)[31]).toBe(0);
  });

  it('discards events without a context (eth_call) and after reset', async () => {
    const { sink, sm } = setup();
    await sm.checkpoint();
    sm.context.deposit(EvmEvent, mapped(1));
    sm.reset();
    await sm.checkpoint();
    await sm.commit();
    expect(sink.events).toHaveLength(0);
    const readOnly = new OverlayStateManager(rt.evm.ledger, new OverlayState(new MemoryState()));
    await readOnly.checkpoint();
    readOnly.context.deposit(EvmEvent, mapped(1));
    await readOnly.commit();
    expect(readOnly.context.eventCount()).toBe(0);
  });
});
