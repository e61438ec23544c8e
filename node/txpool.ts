/**
 * The transaction pool: validity checks at ingress (decode, signature verified once and in parallel, mortality,
 * nonce, fees, limits), ready and future queues per sender by nonce, priority by tip, replacement, a size bound,
 * and a temporary ban of invalid transactions. Error codes and messages are Substrate's.
 */
import { u8aToHex } from '@polkadot/util';
import type { SignatureVerifierPool } from '../runtime/crypto/verifier-pool.ts';
import { validateTransaction } from '../runtime/executive.ts';
import { type DecodedExtrinsic, signingPayload } from '../runtime/extrinsic/unchecked.ts';
import type { Runtime } from '../runtime/runtime.ts';
import { ScaleDecodeError } from '../runtime/scale/io.ts';
import type { StateReader } from '../runtime/state/overlay.ts';
import { TransactionValidityError, type ValidTransaction } from '../runtime/validity.ts';
import type { PoolApi, PoolRejection, TxStatus } from './chain-api.ts';

export interface PoolOptions {
  /** Most transactions held (ready + future). */
  maxCount: number;
  /** Most bytes held. */
  maxBytes: number;
  /** How long an invalid transaction's hash stays banned, ms. */
  banMs: number;
  /** Largest accepted extrinsic, bytes. */
  maxExtrinsicBytes: number;
}
export const DEFAULT_POOL_OPTIONS: PoolOptions = { maxCount: 8192, maxBytes: 20 * 1024 * 1024, banMs: 30 * 60_000, maxExtrinsicBytes: 3.75 * 1024 * 1024 };

interface PoolTx {
  ext: DecodedExtrinsic;
  hashHex: string;
  valid: ValidTransaction;
  senderHex: string;
  watchers: Set<(s: TxStatus) => void>;
}

const FINALITY_NOTIFY_DELAY_MS = 500;

export class PoolError extends Error implements PoolRejection {
  constructor(
    readonly code: PoolRejection['code'],
    message: string,
    readonly data?: string,
    readonly validity?: TransactionValidityError,
  ) {
    super(message);
    this.name = 'PoolError';
  }
}

/** Everything the pool needs to know about the best block. */
export interface PoolChainView {
  readonly runtime: Runtime;
  bestState(): StateReader;
  bestNumber(): number;
  bestHash(): Uint8Array;
}

export class TxPool implements PoolApi {
  private readonly byHash = new Map<string, PoolTx>();
  /** sender → nonce → tx */
  private readonly bySender = new Map<string, Map<number, PoolTx>>();
  private readonly banned = new Map<string, number>();
  private bytes = 0;
  private readonly readyListeners = new Set<() => void>();

  constructor(
    private readonly chain: PoolChainView,
    private readonly verifier: SignatureVerifierPool,
    private readonly opts: PoolOptions = DEFAULT_POOL_OPTIONS,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.byHash.size;
  }

  /** Called when a transaction becomes ready (instant-seal authoring listens to this). */
  onReady(listener: () => void): () => void {
    this.readyListeners.add(listener);
    return () => this.readyListeners.delete(listener);
  }

  async submit(bytes: Uint8Array, watch?: (status: TxStatus) => void): Promise<Uint8Array> {
    const rt = this.chain.runtime;
    if (bytes.length > this.opts.maxExtrinsicBytes) throw new PoolError(1010, 'Invalid Transaction', TransactionValidityError.invalid('ExhaustsResources').message);
    let ext: DecodedExtrinsic;
    try {
      ext = rt.decodeExtrinsic(bytes);
    } catch (e) {
      const why = e instanceof ScaleDecodeError ? e.message : String(e);
      throw new PoolError(1002, 'Verification Error', `Runtime error: Could not decode \`UncheckedExtrinsic\`: ${why}`);
    }
    const hashHex = u8aToHex(ext.hash);
    const bannedUntil = this.banned.get(hashHex);
    if (bannedUntil !== undefined && bannedUntil > this.now()) throw new PoolError(1012, 'Transaction is temporarily banned');
    if (this.byHash.has(hashHex)) throw new PoolError(1013, 'Transaction Already Imported');

    const valid = await this.validate(ext);
    // The same bytes submitted twice at once both pass the check above while their signatures are verified.
    if (this.byHash.has(hashHex)) throw new PoolError(1013, 'Transaction Already Imported');
    const tx: PoolTx = { ext, hashHex, valid, senderHex: u8aToHex(valid.sender), watchers: new Set(watch ? [watch] : []) };
    this.insert(tx);
    // The tx may have been included or replaced while the signature was being checked: report what is true now.
    if (this.byHash.get(hashHex) === tx) {
      const ready = this.isReady(tx);
      for (const w of tx.watchers) w(ready ? 'ready' : 'future');
      if (ready) for (const l of this.readyListeners) l();
    }
    return ext.hash;
  }

  private async validate(ext: DecodedExtrinsic): Promise<ValidTransaction> {
    const rt = this.chain.runtime;
    const state = this.chain.bestState();
    const bestNumber = this.chain.bestNumber();
    const s = ext.signed;
    try {
      if (s && s.signer) {
        const birthHash = rt.birthHash(state, s.era, bestNumber + 1, this.chain.bestHash());
        if (!birthHash) throw TransactionValidityError.invalid('AncientBirthBlock');
        const message = signingPayload(ext.callBytes, s.extra, rt.additionalSigned(birthHash));
        const ok = await this.verifier.verify({ scheme: s.signature.scheme, signer: s.signer, signature: s.signature.bytes, message });
        if (!ok) throw TransactionValidityError.invalid('BadProof');
      }
      // State may have moved during the await: validate against the current best.
      return validateTransaction(rt, this.chain.bestState(), this.chain.bestNumber(), this.chain.bestHash(), ext, 'verified');
    } catch (e) {
      if (e instanceof TransactionValidityError) {
        if (e.kind === 'Invalid' && e.reason !== 'Future' && e.reason !== 'Stale') this.ban(u8aToHex(ext.hash));
        throw new PoolError(e.rpcCode as 1010 | 1011, e.rpcMessage, e.message, e);
      }
      throw e;
    }
  }

  private insert(tx: PoolTx): void {
    const nonces = this.bySender.get(tx.senderHex) ?? new Map<number, PoolTx>();
    const existing = nonces.get(tx.valid.nonce);
    if (existing) {
      // Replacement: the same sender and nonce must pay a strictly higher priority.
      if (existing.valid.priority >= tx.valid.priority) {
        throw new PoolError(1014, 'Priority is too low', `(${existing.valid.priority} vs ${tx.valid.priority})`);
      }
      this.drop(existing, { usurped: u8aToHex(tx.ext.hash) });
    }
    if (this.byHash.size >= this.opts.maxCount || this.bytes + tx.ext.bytes.length > this.opts.maxBytes) {
      const victim = this.lowestPriority();
      if (!victim || victim.valid.priority >= tx.valid.priority) throw new PoolError(1016, 'Immediately Dropped', 'The transaction couldn\'t enter the pool because of the limit');
      this.drop(victim, 'dropped');
    }
    nonces.set(tx.valid.nonce, tx);
    this.bySender.set(tx.senderHex, nonces);
    this.byHash.set(tx.hashHex, tx);
    this.bytes += tx.ext.bytes.length;
  }

  private lowestPriority(): PoolTx | undefined {
    let low: PoolTx | undefined;
    for (const tx of this.byHash.values()) if (!low || tx.valid.priority < low.valid.priority) low = tx;
    return low;
  }

  private drop(tx: PoolTx, status?: TxStatus): void {
    if (this.byHash.get(tx.hashHex) !== tx) return;
    this.byHash.delete(tx.hashHex);
    this.bytes -= tx.ext.bytes.length;
    const nonces = this.bySender.get(tx.senderHex);
    nonces?.delete(tx.valid.nonce);
    if (nonces && nonces.size === 0) this.bySender.delete(tx.senderHex);
    if (status) for (const w of tx.watchers) w(status);
  }

  private ban(hashHex: string): void {
    this.banned.set(hashHex, this.now() + this.opts.banMs);
    if (this.banned.size > 100_000) {
      const now = this.now();
      for (const [h, until] of this.banned) if (until <= now) this.banned.delete(h);
    }
  }

  /** The sender's next nonce in `state`: System's, or the one the runtime named (an Ethereum account's). */
  private stateNonce(state: StateReader, tx: PoolTx): number {
    return tx.valid.nonceAt ? tx.valid.nonceAt(state) : this.chain.runtime.system.accounts.get(state, tx.valid.sender).nonce;
  }

  private isReady(tx: PoolTx): boolean {
    const stateNonce = this.stateNonce(this.chain.bestState(), tx);
    const nonces = this.bySender.get(tx.senderHex)!;
    for (let n = stateNonce; n < tx.valid.nonce; n++) if (!nonces.has(n)) return false;
    return tx.valid.nonce >= stateNonce;
  }

  /**
   * Ready transactions in the order a block should include them: each sender's nonces in sequence, senders
   * interleaved by the priority of their next transaction.
   */
  ready(limit = Number.POSITIVE_INFINITY): DecodedExtrinsic[] {
    const state = this.chain.bestState();
    const queues: { next: number; nonces: Map<number, PoolTx> }[] = [];
    for (const nonces of this.bySender.values()) {
      const first = nonces.values().next().value!;
      const next = this.stateNonce(state, first);
      if (nonces.has(next)) queues.push({ next, nonces });
    }
    const out: DecodedExtrinsic[] = [];
    while (out.length < limit && queues.length) {
      let best = 0;
      for (let i = 1; i < queues.length; i++) {
        if (queues[i]!.nonces.get(queues[i]!.next)!.valid.priority > queues[best]!.nonces.get(queues[best]!.next)!.valid.priority) best = i;
      }
      const q = queues[best]!;
      out.push(q.nonces.get(q.next)!.ext);
      q.next++;
      if (!q.nonces.has(q.next)) queues.splice(best, 1);
    }
    return out;
  }

  /** After a block: included transactions leave with `inBlock` (and `finalized`); stale ones are dropped. */
  onBlockImported(blockHash: Uint8Array, included: Uint8Array[], finalized: boolean, rejected: { hash: Uint8Array; error: TransactionValidityError }[] = []): void {
    const hashHex = u8aToHex(blockHash);
    for (const bytes of included) {
      const tx = this.findByBytes(bytes);
      if (!tx) continue;
      this.drop(tx, { inBlock: hashHex });
      // Finality follows inclusion, as a finality gadget's vote would: clients fetch the block's events on
      // `inBlock` and drop that work if `finalized` arrives first (Chopsticks waits 100 ms; under load that was
      // not always enough here).
      if (finalized) setTimeout(() => tx.watchers.forEach((w) => w({ finalized: hashHex })), FINALITY_NOTIFY_DELAY_MS);
    }
    for (const { hash, error } of rejected) {
      const tx = this.byHash.get(u8aToHex(hash));
      if (!tx || error.reason === 'Future' || error.reason === 'ExhaustsResources') continue;
      if (error.reason !== 'Stale') this.ban(tx.hashHex);
      this.drop(tx, 'invalid');
    }
    // Nonces the new block used up make the pool's copies stale.
    const state = this.chain.bestState();
    for (const nonces of [...this.bySender.values()]) {
      const first = nonces.values().next().value;
      if (!first) continue;
      const stateNonce = this.stateNonce(state, first);
      for (const tx of [...nonces.values()]) if (tx.valid.nonce < stateNonce) this.drop(tx, 'invalid');
    }
    if (this.ready(1).length) for (const l of this.readyListeners) l();
  }

  private findByBytes(bytes: Uint8Array): PoolTx | undefined {
    return this.byHash.get(u8aToHex(this.chain.runtime.decodeExtrinsic(bytes).hash));
  }

  unwatch(hash: Uint8Array, watch: (status: TxStatus) => void): void {
    this.byHash.get(u8aToHex(hash))?.watchers.delete(watch);
  }

  pending(): Uint8Array[] {
    return [...this.byHash.values()].map((t) => t.ext.bytes);
  }

  nextNonce(account: Uint8Array): number {
    let nonce = this.chain.runtime.system.accounts.get(this.chain.bestState(), account).nonce;
    const nonces = this.bySender.get(u8aToHex(account));
    while (nonces?.has(nonce)) nonce++;
    return nonce;
  }

  /** `author_removeExtrinsic`: drops these transactions and the sender's later nonces, which now cannot run. */
  remove(hashes: Uint8Array[]): Uint8Array[] {
    const removed: Uint8Array[] = [];
    for (const hash of hashes) {
      const tx = this.byHash.get(u8aToHex(hash));
      if (!tx) continue;
      const nonces = this.bySender.get(tx.senderHex)!;
      for (const dependent of [...nonces.values()].filter((t) => t.valid.nonce >= tx.valid.nonce)) {
        this.drop(dependent, 'dropped');
        removed.push(dependent.ext.hash);
      }
    }
    return removed;
  }
}
