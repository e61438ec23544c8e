/**
 * `StateManagerInterface` over our overlay: what @ethereumjs/vm reads and writes lands in Evm's and System's
 * storage. EVM checkpoints (up to ~1024 deep) get their own layer stack over the dispatch's overlay, flushed into
 * it when the outermost checkpoint commits; until then the dispatch's overlay still holds the state at the start
 * of the transaction, which is exactly what `originalStorageCache` (EIP-2200) must return.
 *
 * Precompiles that dispatch pallet calls get `context`: a `DispatchContext` whose `state` is the current
 * checkpoint layer and whose events are journaled per checkpoint (`EventJournal`), so a reverted frame undoes the
 * pallet's writes and events alike, and the outermost commit hands the events to the dispatch's context.
 */
import type { AccountFields, StateManagerInterface } from '@ethereumjs/common';
import { Account, type Address } from '@ethereumjs/util';
import type { BlockEnv, DispatchContext } from '../../runtime/framework/pallet.ts';
import { OverlayState, type StateReader } from '../../runtime/state/overlay.ts';
import {
  balanceOf,
  clearSlots,
  codeMetadataOf,
  codeOf,
  type EvmLedger,
  nonceOf,
  setBalance,
  setCode,
  setNonce,
  setSlot,
  slotOf,
} from './ledger.ts';
import { EventJournal } from './event-journal.ts';

/** Checkpoint layers: the EVM's 1024 call depth, a few per frame, and runTx's own. */
const MAX_EVM_LAYERS = 4096;

/** Strips leading zero bytes, as the EVM passes and expects slot values. */
function unpad(v: Uint8Array): Uint8Array {
  let i = 0;
  while (i < v.length && v[i] === 0) i++;
  return v.subarray(i);
}

/** The block a read-only run reports to precompiles until `setBlock` says otherwise. */
const NO_BLOCK: BlockEnv = { number: 0, parentHash: new Uint8Array(32), author: undefined };

export class OverlayStateManager implements StateManagerInterface {
  private local: OverlayState | undefined;
  private depth = 0;
  /** The dispatch's context (events go there at the outermost commit); none for read-only runs. */
  private sink: DispatchContext | undefined;
  private block: BlockEnv = NO_BLOCK;
  private readonly events = new EventJournal();
  /** What precompiles dispatch pallet calls with; see the module doc. */
  readonly context: DispatchContext;

  /** `target` is the dispatch's overlay (or a throwaway one for `eth_call`); `attach` moves to another. */
  constructor(
    private readonly ledger: EvmLedger,
    private target: OverlayState,
  ) {
    this.context = evmDispatchContext(this);
  }

  /**
   * Points the adapter at another overlay (the next extrinsic's) and the dispatch context its pallet events go to
   * (`sink`; none for read-only runs, whose events are discarded); refused while a checkpoint is open.
   */
  attach(target: OverlayState, sink?: DispatchContext): void {
    if (this.depth !== 0) throw new Error('EVM state manager re-attached inside a checkpoint');
    this.target = target;
    this.sink = sink;
    this.block = sink?.block ?? NO_BLOCK;
  }

  /** The block precompiles see in a read-only run (a dispatch's context already gives its own). */
  setBlock(block: BlockEnv): void {
    if (!this.sink) this.block = block;
  }

  /** The block precompiles' pallet calls run in. */
  get blockEnv(): BlockEnv {
    return this.block;
  }

  /** Buffers a pallet event in the open checkpoint (or hands it over at once when none is open). */
  depositEvent(deposit: (ctx: DispatchContext) => void): void {
    if (this.depth > 0) this.events.push(deposit);
    else if (this.sink) deposit(this.sink);
  }

  /** Events buffered in the open checkpoints (`DispatchContext.eventCount`). */
  get eventCount(): number {
    return this.events.length;
  }

  /** Drops buffered events past `count` (a pallet call rolled back). */
  truncateEvents(count: number): void {
    this.events.truncate(count);
  }

  /** Where reads and writes go now: the open checkpoint's layers, or the target itself. */
  private get state(): OverlayState {
    return this.local ?? this.target;
  }

  /** The state as the EVM sees it now (for BLOCKHASH and precompiles). */
  get reader(): StateReader {
    return this.state;
  }

  /** The current checkpoint layer, writable (for precompiles' pallet calls). */
  get current(): OverlayState {
    return this.state;
  }

  readonly originalStorageCache = {
    get: async (address: Address, key: Uint8Array): Promise<Uint8Array> => unpad(slotOf(this.target, address.bytes, key)),
    clear: (): void => {},
  };

  async getAccount(address: Address): Promise<Account | undefined> {
    const a = address.bytes;
    const s = this.state;
    const balance = balanceOf(this.ledger, s, a);
    const nonce = nonceOf(s, a);
    const meta = codeMetadataOf(s, a);
    if (balance === 0n && nonce === 0n && meta.size === 0n) return undefined;
    return new Account(nonce, balance, undefined, meta.hash, Number(meta.size));
  }

  async putAccount(address: Address, account?: Account): Promise<void> {
    if (account === undefined) return this.deleteAccount(address);
    setBalance(this.ledger, this.state, address.bytes, account.balance);
    // Code only changes through putCode: an Account object the EVM read before a putCode carries a stale hash.
    setNonce(this.state, address.bytes, account.nonce);
  }

  async deleteAccount(address: Address): Promise<void> {
    const a = address.bytes;
    setBalance(this.ledger, this.state, a, 0n);
    setNonce(this.state, a, 0n);
    setCode(this.state, a, new Uint8Array());
    clearSlots(this.state, a);
  }

  async modifyAccountFields(address: Address, fields: AccountFields): Promise<void> {
    const account = (await this.getAccount(address)) ?? new Account();
    if (fields.nonce !== undefined) account.nonce = fields.nonce;
    if (fields.balance !== undefined) account.balance = fields.balance;
    await this.putAccount(address, account);
  }

  async putCode(address: Address, value: Uint8Array): Promise<void> {
    setCode(this.state, address.bytes, value);
  }

  async getCode(address: Address): Promise<Uint8Array> {
    return codeOf(this.state, address.bytes);
  }

  async getCodeSize(address: Address): Promise<number> {
    return Number(codeMetadataOf(this.state, address.bytes).size);
  }

  async getStorage(address: Address, key: Uint8Array): Promise<Uint8Array> {
    if (key.length !== 32) throw new Error('Storage key must be 32 bytes long');
    return unpad(slotOf(this.state, address.bytes, key));
  }

  async putStorage(address: Address, key: Uint8Array, value: Uint8Array): Promise<void> {
    if (key.length !== 32) throw new Error('Storage key must be 32 bytes long');
    if (value.length > 32) throw new Error('Storage value cannot be longer than 32 bytes');
    setSlot(this.state, address.bytes, key, value);
  }

  async clearStorage(address: Address): Promise<void> {
    clearSlots(this.state, address.bytes);
  }

  async checkpoint(): Promise<void> {
    if (this.depth === 0) this.local = new OverlayState(this.target, MAX_EVM_LAYERS);
    else if (!this.local!.begin()) throw new Error('EVM checkpoint limit reached');
    this.depth++;
    this.events.checkpoint();
  }

  async commit(): Promise<void> {
    if (this.depth === 0) throw new Error('EVM commit without a checkpoint');
    this.depth--;
    if (this.depth > 0) {
      this.events.commit(this.sink);
      return this.local!.commit();
    }
    // The outermost checkpoint: the transaction's writes and pallet events become the dispatch's.
    for (const [k, v] of this.local!.changes()) {
      if (v === null) this.target.delete(k);
      else this.target.set(k, v);
    }
    this.local = undefined;
    this.events.commit(this.sink);
  }

  async revert(): Promise<void> {
    if (this.depth === 0) throw new Error('EVM revert without a checkpoint');
    this.depth--;
    this.events.revert();
    if (this.depth > 0) this.local!.rollback();
    else this.local = undefined;
  }

  /** Drops any open checkpoints (after a VM error left some open); the target keeps what was flushed. */
  reset(): void {
    this.depth = 0;
    this.local = undefined;
    this.events.reset();
  }

  // Ethereum state roots do not exist here: the Substrate state root commits to this state.
  async getStateRoot(): Promise<Uint8Array> {
    return new Uint8Array(32);
  }
  async setStateRoot(): Promise<void> {
    throw new Error('setStateRoot: EVM state lives in the Substrate trie; attach another overlay instead');
  }
  async hasStateRoot(): Promise<boolean> {
    return false;
  }
  clearCaches(): void {}
  shallowCopy(): OverlayStateManager {
    return new OverlayStateManager(this.ledger, this.target);
  }
}

/**
 * The `DispatchContext` over an adapter's current layer. A nested `dispatch` is refused: the context has no
 * runtime to route it (`precompiles/pallet-call.ts` wraps this context with the composed runtime's dispatcher).
 */
function evmDispatchContext(sm: OverlayStateManager): DispatchContext {
  return {
    get state() {
      return sm.current;
    },
    get block() {
      return sm.blockEnv;
    },
    deposit: (events, event) => sm.depositEvent((ctx) => ctx.deposit(events, event)),
    dispatch: () => ({ ok: false, error: { tag: 'Other' } }),
    eventCount: () => sm.eventCount,
    truncateEvents: (count) => sm.truncateEvents(count),
  };
}
