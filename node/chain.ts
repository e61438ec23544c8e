/**
 * The chain: genesis, the best block and its in-memory state, block authoring and import, and reads of any
 * block's state through the trie. Every block is committed to LevelDB in one batch; the in-memory best state
 * is only updated after that batch is durable, so a crash never leaves memory ahead of disk.
 */
import type { BlockSigner } from './block-signer.ts';
import { u8aToHex } from '@polkadot/util';
import { type SignedItem, verifySignature } from '../runtime/crypto/verify.ts';
import { type BlockExecution as BlockExecutionType, BlockExecution, equalBytes } from '../runtime/executive.ts';
import type { InherentData } from '../runtime/framework/pallet.ts';
import { decodeHeader, encodeHeader, ENGINE_AUTHOR, ENGINE_POUW, hashHeader, type Header, headerToJson, preRuntime, seal } from '../runtime/header.ts';
import { type DecodedExtrinsic, signingPayload } from '../runtime/extrinsic/unchecked.ts';
import type { DigestItem } from '../runtime/primitives.ts';
import type { Runtime } from '../runtime/runtime.ts';
import { type ChangeSet, keyBytes, keyString, MemoryState } from '../runtime/state/overlay.ts';
import { TransactionValidityError } from '../runtime/validity.ts';
import { checkInvariants } from '../runtime/invariants.ts';
import type { ChainDb } from '../storage/chain-db.ts';
import { merkleRoot } from '../storage/merkle.ts';
import { StateTrie } from '../storage/state-trie.ts';
import { fromTrieValue, toTrieValue } from '../storage/state-value.ts';
import type { BlockInfo, ChainEvent } from './chain-api.ts';
import { type Logger, shortHash } from './log.ts';
import type { BlockInference } from './inference.ts';
import { inferenceDigest, splitInferenceDigest } from './inference-digest.ts';
import type { InferenceLogEntry } from '../precompiles/inference/index.ts';

export class ChainError extends Error {
  constructor(
    readonly code: 'GenesisMismatch' | 'UnknownParent' | 'BadSeal' | 'StateRootMismatch' | 'InvalidBlock' | 'UnknownAuthority' | 'UnknownBlock',
    message: string,
  ) {
    super(message);
    this.name = 'ChainError';
  }
}

/** Verifies signatures in batches (the node's worker-thread pool, or inline). */
export interface BatchVerifier {
  verifyBatch(items: SignedItem[]): Promise<boolean[]>;
}

export interface AuthoredBlock {
  block: BlockInfo;
  /** Transactions left out, with the reason (the pool drops or re-queues them). */
  rejected: { ext: DecodedExtrinsic; error: TransactionValidityError }[];
  /** Time spent executing and committing, ms. */
  elapsedMs: number;
}

const MAX_CACHED_BLOCKS = 256;

export class Chain {
  private bestBlock!: BlockInfo;
  /** Canonical hashes of the latest blocks by number, in insertion (= number) order. */
  private readonly recentCanonical = new Map<number, Uint8Array>();
  private finalizedBlock!: BlockInfo;
  private listeners = new Set<(e: ChainEvent) => void>();
  private recent = new Map<string, BlockInfo>();
  /** Serializes authoring and import: blocks are applied one at a time on the best state. */
  private queue: Promise<unknown> = Promise.resolve();
  private lastCommitTimings: Record<string, string | number> = {};

  private constructor(
    readonly runtime: Runtime,
    readonly db: ChainDb,
    readonly trie: StateTrie,
    /** The best block's full state. */
    readonly bestState: MemoryState,
    readonly authorities: Uint8Array[],
    private readonly log: Logger,
    readonly instantFinality: boolean,
    private readonly verifier: BatchVerifier,
    private readonly checkInvariants: boolean,
  ) {}

  /** The inference precompile's block hooks (the header's inference log); none when the node runs no precompile. */
  inference: BlockInference | undefined;

  /** Opens the chain in `db`, writing genesis from `genesis` on first start. */
  static async open(opts: {
    runtime: Runtime;
    db: ChainDb;
    genesis: MemoryState;
    authorities: Uint8Array[];
    log: Logger;
    instantFinality: boolean;
    /** Signature verification for imported blocks; inline on this thread by default. */
    verifier?: BatchVerifier;
    /** Check whole-state invariants after every block (`--check-invariants`). */
    checkInvariants?: boolean;
  }): Promise<Chain> {
    const { runtime, db, log } = opts;
    const trie = new StateTrie(db);
    const genesisChanges: [Uint8Array, Uint8Array][] = [...opts.genesis.entries].map(([k, v]) => [keyBytes(k), toTrieValue(v)]);
    const { root, nodes } = await trie.applyChanges(StateTrie.emptyRoot, genesisChanges);
    const genesisHeader: Header = { parent_hash: new Uint8Array(32), number: 0, state_root: root, extrinsics_root: merkleRoot([]), digest: { logs: [] } };
    const genesisHash = hashHeader(genesisHeader);
    const meta = await db.getMeta();
    if (meta.genesisHash === undefined) {
      await db.commitBlock({ hash: genesisHash, number: 0, header: encodeHeader(genesisHeader), body: [], nodes, best: true, finalized: true });
    } else if (!equalBytes(meta.genesisHash, genesisHash)) {
      throw new ChainError('GenesisMismatch', `the database at ${db.path} holds a chain with genesis ${u8aToHex(meta.genesisHash)}, but this chain spec gives genesis ${u8aToHex(genesisHash)}; run \`trainchain purge-chain\` or use another --base-path`);
    }
    runtime.setGenesisHash(genesisHash);
    const bestHash = (await db.getMeta()).bestHash!;
    const verifier = opts.verifier ?? { verifyBatch: async (items: SignedItem[]) => items.map(verifySignature) };
    const chain = new Chain(runtime, db, trie, new MemoryState(), opts.authorities, log, opts.instantFinality, verifier, opts.checkInvariants ?? false);
    const best = await chain.loadBlock(bestHash);
    if (!best) throw new ChainError('InvalidBlock', `best block ${u8aToHex(bestHash)} is missing from the database`);
    // The best state lives in memory for execution; rebuild it from the trie at the best root.
    for await (const [k, v] of trie.entries(best.stateRoot)) chain.bestState.entries.set(keyString(k), fromTrieValue(v));
    chain.bestBlock = best;
    const finalizedHash = (await db.getMeta()).finalizedHash ?? bestHash;
    chain.finalizedBlock = (await chain.loadBlock(finalizedHash)) ?? best;
    return chain;
  }

  get genesisHash(): Uint8Array {
    return this.runtime.genesisHash;
  }
  best(): BlockInfo {
    return this.bestBlock;
  }
  finalized(): BlockInfo {
    return this.finalizedBlock;
  }

  on(listener: (e: ChainEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async blockByHash(hash: Uint8Array): Promise<BlockInfo | undefined> {
    return this.recent.get(u8aToHex(hash)) ?? (await this.loadBlock(hash));
  }

  hashAt(number: number): Promise<Uint8Array | undefined> {
    // Recent numbers are what RPC clients poll (receipts, `latest`); older ones come from the database.
    const recent = this.recentCanonical.get(number);
    return recent ? Promise.resolve(recent) : this.db.getCanonicalHash(number);
  }

  private async loadBlock(hash: Uint8Array): Promise<BlockInfo | undefined> {
    const headerBytes = await this.db.getHeader(hash);
    if (!headerBytes) return undefined;
    const body = (await this.db.getBody(hash)) ?? [];
    return blockInfo(hash, headerBytes, decodeHeader(headerBytes), body);
  }

  /** Builds, seals and commits a block on the best block from `txs` (already signature-checked by the pool). */
  author(txs: DecodedExtrinsic[], inherent: InherentData, author: BlockSigner, rawWrites?: [Uint8Array, Uint8Array | null][]): Promise<AuthoredBlock> {
    return this.serialize(async () => {
      const started = performance.now();
      const parent = this.bestBlock;
      // The `pouw` digest will carry the model root and work root (consensus work); present and empty for now.
      const digest: DigestItem[] = [preRuntime(ENGINE_AUTHOR, author.publicKey), preRuntime(ENGINE_POUW, new Uint8Array())];
      const exec = new BlockExecution(this.runtime, this.bestState, { number: parent.number + 1, parentHash: parent.hash, digest, author: author.publicKey });
      this.inference?.begin(exec.header.number);
      let rejected: AuthoredBlock['rejected'];
      let inferences: InferenceLogEntry[];
      try {
        rejected = await this.applyAuthored(exec, txs, inherent, rawWrites);
      } finally {
        inferences = this.inference?.end() ?? [];
      }
      const executedMs = performance.now() - started;
      // The outputs the inference precompile recorded go in the header, where importers find them before executing.
      const headerDigest = inferences.length > 0 ? [...digest, inferenceDigest(inferences)] : digest;
      const block = await this.commit(exec, headerDigest, (preHash) => seal(ENGINE_POUW, author.sign(preHash)));
      const elapsedMs = performance.now() - started;
      this.log.debug('block timings', { number: block.number, executeMs: executedMs.toFixed(1), ...this.lastCommitTimings });
      this.log.info(`🎁 Prepared block for proposing at ${block.number} (${elapsedMs.toFixed(0)} ms) [hash: ${u8aToHex(block.hash)}; parent_hash: ${u8aToHex(parent.hash)}; extrinsics (${block.extrinsics.length})]`);
      this.logImported(block, parent.hash);
      return { block, rejected, elapsedMs };
    });
  }

  /** The author's inherents, dev raw writes, then every transaction that still fits; returns those dropped. */
  private async applyAuthored(exec: BlockExecutionType, txs: DecodedExtrinsic[], inherent: InherentData, rawWrites?: [Uint8Array, Uint8Array | null][]): Promise<AuthoredBlock['rejected']> {
    exec.applyInherents(inherent);
    for (const [k, v] of rawWrites ?? []) {
      if (v === null) exec.state.delete(keyString(k));
      else exec.state.set(keyString(k), v);
    }
    const rejected: AuthoredBlock['rejected'] = [];
    for (const ext of txs) {
      if (!exec.state.begin()) break;
      try {
        await exec.applyExtrinsicAsync(ext, 'verified');
        exec.state.commit();
      } catch (e) {
        exec.state.rollback();
        if (!(e instanceof TransactionValidityError)) throw e;
        rejected.push({ ext, error: e });
        // A full block: leave the rest for the next one.
        if (e.reason === 'ExhaustsResources') break;
      }
    }
    return rejected;
  }

  /**
   * Dev only (`evm_revert`): the canonical block `hash`, at or below the best, becomes the best and finalized block
   * again; the state is rebuilt from its trie root. Later blocks stay stored but leave the canonical chain.
   */
  revertTo(hash: Uint8Array): Promise<BlockInfo> {
    return this.serialize(async () => {
      const block = await this.loadBlock(hash);
      if (!block || block.number > this.bestBlock.number || !equalBytes((await this.db.getCanonicalHash(block.number)) ?? new Uint8Array(), hash)) {
        throw new ChainError('UnknownBlock', `block ${u8aToHex(hash)} is not on the canonical chain`);
      }
      // Read the old state fully before touching the live one: RPC readers never see it half rebuilt.
      const entries: [string, Uint8Array][] = [];
      for await (const [k, v] of this.trie.entries(block.stateRoot)) entries.push([keyString(k), fromTrieValue(v)]);
      await this.db.rewindTo(hash, block.number);
      this.bestState.entries.clear();
      for (const [k, v] of entries) this.bestState.entries.set(k, v);
      this.bestBlock = block;
      this.finalizedBlock = block;
      this.rememberCanonical(block);
      this.log.info(`⏪ Reverted to #${block.number} (${shortHash(hash)})`);
      this.emit({ type: 'newBlock', block, best: true });
      this.emit({ type: 'finalized', block });
      return block;
    });
  }

  /**
   * Imports a block from elsewhere (another node, a replay): checks the seal and the author, re-executes every
   * extrinsic with `signatures` (checked in parallel by the caller) and rejects a block whose state root differs.
   */
  importBlock(headerBytes: Uint8Array, body: Uint8Array[], inherent: InherentData): Promise<BlockInfo> {
    return this.serialize(async () => {
      const header = decodeHeader(headerBytes);
      const parent = this.bestBlock;
      if (!equalBytes(header.parent_hash, parent.hash)) throw new ChainError('UnknownParent', `block #${header.number} builds on ${u8aToHex(header.parent_hash)}, not on the best block ${u8aToHex(parent.hash)}`);
      const logs = header.digest.logs;
      const sealItem = logs[logs.length - 1];
      if (!sealItem || sealItem.tag !== 'Seal') throw new ChainError('BadSeal', 'block has no seal');
      const pre = logs.slice(0, -1);
      const authorItem = pre.find((l) => l.tag === 'PreRuntime' && equalBytes(l.value[0], ENGINE_AUTHOR));
      const author = authorItem?.tag === 'PreRuntime' ? authorItem.value[1] : undefined;
      if (!author || !this.authorities.some((a) => equalBytes(a, author))) throw new ChainError('UnknownAuthority', 'block author is not an authority of this chain');
      const preHash = hashHeader({ ...header, digest: { logs: pre } });
      if (!verifySignature({ scheme: 'sr25519', signer: author, signature: sealItem.value[1], message: preHash })) throw new ChainError('BadSeal', 'the seal is not the author\'s signature');
      const exts = body.map((bytes, i) => {
        try {
          return this.runtime.decodeExtrinsic(bytes);
        } catch (e) {
          throw new ChainError('InvalidBlock', `extrinsic ${i} of block #${header.number} does not decode: ${(e as Error).message}`);
        }
      });
      await this.verifySignatures(exts, header.number, parent.hash);
      let inferences: ReturnType<typeof splitInferenceDigest>;
      try {
        inferences = splitInferenceDigest(pre);
      } catch (e) {
        throw new ChainError('InvalidBlock', `block #${header.number}: ${(e as Error).message}`);
      }
      // The runtime saw the pre-runtime items only; the inference log is replayed: our own outputs must match it.
      const exec = new BlockExecution(this.runtime, this.bestState, { number: header.number, parentHash: header.parent_hash, digest: inferences.runtime, author });
      this.inference?.begin(header.number, inferences.entries ?? []);
      try {
        for (const [i, ext] of exts.entries()) {
          if (!ext.signed) {
            const entry = this.runtime.composed.lookupCall(ext.call).entry;
            entry.pallet.inherent?.check(ext.call.value, inherent, exec.ctx);
          }
          try {
            await exec.applyExtrinsicAsync(ext, 'verified');
          } catch (e) {
            throw new ChainError('InvalidBlock', `extrinsic ${i} of block #${header.number} is invalid: ${(e as Error).message}`);
          }
        }
      } finally {
        this.inference?.end();
      }
      const block = await this.commit(exec, pre, () => sealItem, header.state_root);
      this.logImported(block, parent.hash);
      return block;
    });
  }

  /** Checks every signed extrinsic's signature in one parallel batch before executing anything. */
  private async verifySignatures(exts: DecodedExtrinsic[], number: number, parentHash: Uint8Array): Promise<void> {
    const items: SignedItem[] = [];
    for (const [i, ext] of exts.entries()) {
      const s = ext.signed;
      if (!s) continue;
      const birthHash = s.signer && this.runtime.birthHash(this.bestState, s.era, number, parentHash);
      if (!s.signer || !birthHash) throw new ChainError('InvalidBlock', `extrinsic ${i} of block #${number}: ${TransactionValidityError.invalid(s.signer ? 'AncientBirthBlock' : 'BadSigner').message}`);
      items.push({ scheme: s.signature.scheme, signer: s.signer, signature: s.signature.bytes, message: signingPayload(ext.callBytes, s.extra, this.runtime.additionalSigned(birthHash)) });
    }
    const results = await this.verifier.verifyBatch(items);
    const bad = results.indexOf(false);
    if (bad >= 0) throw new ChainError('InvalidBlock', `block #${number} carries an extrinsic with a bad signature`);
  }

  /** Finalizes the execution, computes the roots, seals, commits in one batch, then advances the best state. */
  private async commit(exec: BlockExecutionType, preDigest: DigestItem[], sealWith: (preHash: Uint8Array) => DigestItem, expectedRoot?: Uint8Array): Promise<BlockInfo> {
    const t0 = performance.now();
    const { changes, extrinsics } = exec.finalize();
    if (this.checkInvariants) {
      try {
        checkInvariants(this.runtime, exec.state);
      } catch (e) {
        throw new ChainError('InvalidBlock', `block #${exec.header.number} breaks an invariant: ${(e as Error).message}`);
      }
    }
    const parent = this.bestBlock;
    const t1 = performance.now();
    const { root, nodes } = await this.trie.applyChanges(parent.stateRoot, changeList(changes));
    const t2 = performance.now();
    if (expectedRoot && !equalBytes(root, expectedRoot)) {
      throw new ChainError('StateRootMismatch', `block #${exec.header.number}: executed state root ${u8aToHex(root)} differs from the header's ${u8aToHex(expectedRoot)}`);
    }
    const unsealed: Header = { parent_hash: parent.hash, number: exec.header.number, state_root: root, extrinsics_root: merkleRoot(extrinsics), digest: { logs: preDigest } };
    const header: Header = { ...unsealed, digest: { logs: [...preDigest, sealWith(hashHeader(unsealed))] } };
    const headerBytes = encodeHeader(header);
    const hash = hashHeader(header);
    await this.db.commitBlock({ hash, number: header.number, header: headerBytes, body: extrinsics, nodes, best: true, finalized: this.instantFinality });
    this.lastCommitTimings = { finalizeMs: (t1 - t0).toFixed(1), trieMs: (t2 - t1).toFixed(1), commitMs: (performance.now() - t2).toFixed(1), changes: changes.size, trieNodes: nodes.length };
    this.bestState.apply(changes);
    const block = blockInfo(hash, headerBytes, header, extrinsics);
    this.bestBlock = block;
    this.remember(block);
    this.rememberCanonical(block);
    this.emit({ type: 'newBlock', block, best: true });
    if (this.instantFinality) {
      this.finalizedBlock = block;
      this.emit({ type: 'finalized', block });
    }
    return block;
  }

  private logImported(block: BlockInfo, parentHash: Uint8Array): void {
    this.log.info(`🏆 Imported #${block.number} (${shortHash(parentHash)} → ${shortHash(block.hash)})`);
  }

  private remember(block: BlockInfo): void {
    this.recent.set(u8aToHex(block.hash), block);
    if (this.recent.size > MAX_CACHED_BLOCKS) this.recent.delete(this.recent.keys().next().value!);
  }

  /** Records `block` as the canonical block at its number (it just became best): numbers above it are not canonical. */
  private rememberCanonical(block: BlockInfo): void {
    for (const n of this.recentCanonical.keys()) if (n >= block.number) this.recentCanonical.delete(n);
    this.recentCanonical.set(block.number, block.hash);
    if (this.recentCanonical.size > MAX_CACHED_BLOCKS) this.recentCanonical.delete(this.recentCanonical.keys().next().value!);
  }

  private emit(e: ChainEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch (err) {
        this.log.error('block listener failed', { error: String(err) });
      }
    }
  }

  private serialize<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function changeList(changes: ChangeSet): [Uint8Array, Uint8Array | null][] {
  const out: [Uint8Array, Uint8Array | null][] = [];
  for (const [k, v] of changes) out.push([keyBytes(k), v === null ? null : toTrieValue(v)]);
  return out;
}

function blockInfo(hash: Uint8Array, headerBytes: Uint8Array, header: Header, extrinsics: Uint8Array[]): BlockInfo {
  return { hash, number: header.number, header: headerBytes, headerJson: headerToJson(header), extrinsics, stateRoot: header.state_root };
}
