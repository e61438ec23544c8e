/**
 * FRAME's Executive: initialize a block, apply extrinsics (signed-extension checks, fees, dispatch, events),
 * finalize. Pure over its inputs: the parent state, the header fields, the extrinsics and the inherent data.
 */
import { encode } from './scale/codec.ts';
import { BlockContext } from './framework/context.ts';
import type { DispatchResult, InherentData, Origin } from './framework/pallet.ts';
import { type DispatchInfo, type DigestItem, type Weight, weight } from './primitives.ts';
import { OverlayState, type ChangeSet, type StateReader } from './state/overlay.ts';
import { type DecodedExtrinsic, encodeUnsignedExtrinsic, signingPayload } from './extrinsic/unchecked.ts';
import { eraBirth, eraDeath } from './extrinsic/era.ts';
import type { Runtime } from './runtime.ts';
import { TransactionValidityError, type ValidTransaction } from './validity.ts';

export interface BlockHeaderFields {
  number: number;
  parentHash: Uint8Array;
  /** Pre-runtime digest items (the seal is added after execution). */
  digest: DigestItem[];
  author: Uint8Array | undefined;
}

/**
 * How an extrinsic's signature is checked: `'verified'` when the pool or block import already verified it (in
 * parallel, ahead of execution), or a synchronous check of the signature over its payload.
 */
export type SignatureCheck = 'verified' | ((ext: DecodedExtrinsic, payload: Uint8Array) => boolean);

export interface AppliedExtrinsic {
  index: number;
  result: DispatchResult;
  info: DispatchInfo;
  fee: bigint;
}

export interface FinalizedBlock {
  changes: ChangeSet;
  extrinsics: Uint8Array[];
}

const ZERO_ACCOUNT = new Uint8Array(32);
type ClassKey = 'normal' | 'operational' | 'mandatory';
const CLASS_KEY: Record<DispatchInfo['class']['tag'], ClassKey> = { Normal: 'normal', Operational: 'operational', Mandatory: 'mandatory' };

/** An extrinsic between its pre-dispatch checks and its dispatch. */
interface Applying {
  ext: DecodedExtrinsic;
  index: number;
  info: DispatchInfo;
  classKey: ClassKey;
  paysFee: boolean | undefined;
  async: boolean;
  origin: Origin;
  /** The fee withdrawn up front (signed extrinsics). */
  charged: bigint;
}

/** Builds (author) or re-executes (import) one block on top of `base`. */
export class BlockExecution {
  readonly state: OverlayState;
  readonly ctx: BlockContext;
  private readonly extrinsics: Uint8Array[] = [];
  private blockWeight: Record<ClassKey, bigint> = { normal: 0n, operational: 0n, mandatory: 0n };
  private blockLength = 0;

  constructor(
    readonly runtime: Runtime,
    base: StateReader,
    readonly header: BlockHeaderFields,
  ) {
    this.state = new OverlayState(base);
    this.ctx = new BlockContext(runtime.composed, this.state, { number: header.number, parentHash: header.parentHash, author: header.author });
    runtime.system.initializeBlock(this.ctx, header);
    for (const { pallet } of runtime.composed.pallets) {
      const w = pallet.hooks?.onInitialize?.(this.ctx);
      if (w) this.blockWeight.mandatory += w.ref_time;
    }
    this.blockWeight.mandatory += runtime.limits.baseBlock;
  }

  get extrinsicCount(): number {
    return this.extrinsics.length;
  }

  /** The author's inherents (timestamp), as unsigned extrinsics at the start of the block. */
  applyInherents(data: InherentData): void {
    for (const { pallet } of this.runtime.composed.pallets) {
      const inner = pallet.inherent?.create(data, this.ctx);
      if (!inner) continue;
      const callBytes = this.runtime.composed.encodeCall({ tag: pallet.name, value: inner });
      const ext = this.runtime.decodeExtrinsic(encodeUnsignedExtrinsic(callBytes));
      this.applyExtrinsic(ext, 'verified');
    }
  }

  /**
   * Applies one extrinsic whose call is synchronous. Throws TransactionValidityError when it may not be included
   * at all (bad signature, stale nonce, cannot pay): the block author drops it; an importer rejects the block.
   */
  applyExtrinsic(ext: DecodedExtrinsic, signature: SignatureCheck): AppliedExtrinsic {
    const applying = this.preDispatch(ext, signature);
    if (applying.async) throw TransactionValidityError.invalid('Call');
    return this.postDispatch(applying, this.runtime.composed.dispatch(this.ctx, applying.origin, ext.call));
  }

  /** Applies one extrinsic, awaiting `async` calls (the EVM); what block authoring and import use. */
  async applyExtrinsicAsync(ext: DecodedExtrinsic, signature: SignatureCheck): Promise<AppliedExtrinsic> {
    const applying = this.preDispatch(ext, signature);
    const result = applying.async ? await this.runtime.composed.dispatchAsync(this.ctx, applying.origin, ext.call) : this.runtime.composed.dispatch(this.ctx, applying.origin, ext.call);
    return this.postDispatch(applying, result);
  }

  /** Resource limits, the signed extensions (signature, nonce, fee withdrawal) or the unsigned validator. */
  private preDispatch(ext: DecodedExtrinsic, signature: SignatureCheck): Applying {
    const rt = this.runtime;
    const index = this.extrinsics.length;
    const { entry, spec } = (() => {
      try {
        return rt.composed.lookupCall(ext.call);
      } catch {
        throw TransactionValidityError.invalid('Call');
      }
    })();
    const info = rt.dispatchInfo(ext.call);
    const classKey = CLASS_KEY[info.class.tag];
    this.checkResources(classKey, info.weight.ref_time, ext.bytes.length);

    this.ctx.phase = { tag: 'ApplyExtrinsic', value: index };
    if (ext.signed) {
      const who = this.checkSigned(ext, signature);
      const charged = rt.fees.computeFee(ext.bytes.length, info, ext.signed.tip).total;
      if (!rt.fees.withdrawFee(this.ctx, who, charged)) throw TransactionValidityError.invalid('Payment');
      const account = rt.system.accounts.get(this.state, who);
      rt.system.accounts.set(this.state, who, { ...account, nonce: account.nonce + 1 });
      return { ext, index, info, classKey, paysFee: spec.paysFee, async: spec.async === true, origin: { tag: 'Signed', who }, charged };
    }
    if (entry.pallet.inherent?.isInherent(ext.call.value)) {
      return { ext, index, info, classKey, paysFee: spec.paysFee, async: spec.async === true, origin: { tag: 'None' }, charged: 0n };
    }
    // Other unsigned extrinsics are self-contained (an Ethereum transaction): their pallet validates them.
    if (!entry.pallet.unsigned) throw TransactionValidityError.unknown('NoUnsignedValidator');
    entry.pallet.unsigned.preDispatch(this.ctx, ext.call.value);
    return { ext, index, info, classKey, paysFee: spec.paysFee, async: spec.async === true, origin: { tag: 'None' }, charged: 0n };
  }

  /** Post-dispatch fee settlement (actual weight, `Pays::No` refunds), System's bookkeeping, block counters. */
  private postDispatch(a: Applying, result: DispatchResult): AppliedExtrinsic {
    const rt = this.runtime;
    const { ext, info } = a;
    const dispatchClass = info.class.tag;
    const actual = result.actualWeight ? weight(result.actualWeight.ref_time + (dispatchClass === 'Mandatory' ? 0n : rt.limits.extrinsicBase), result.actualWeight.proof_size) : info.weight;
    const refunded = a.paysFee === false && result.ok;
    const postInfo: DispatchInfo = {
      ...info,
      weight: actual.ref_time < info.weight.ref_time ? actual : info.weight,
      pays_fee: { tag: refunded ? 'No' : 'Yes' },
    };
    let fee = 0n;
    if (ext.signed && a.origin.tag === 'Signed') {
      // Post-dispatch fee: actual weight, and nothing but the tip for a successful `Pays::No` call.
      fee = rt.fees.computeFee(ext.bytes.length, postInfo, ext.signed.tip).total;
      rt.fees.settle(this.ctx, a.origin.who, a.charged, fee, ext.signed.tip);
    }
    if (!result.ok && dispatchClass === 'Mandatory') throw TransactionValidityError.invalid('BadMandatory');
    rt.system.noteApplied(this.ctx, result, postInfo);
    this.blockWeight[a.classKey] += postInfo.weight.ref_time;
    this.blockLength += ext.bytes.length;
    this.extrinsics.push(ext.bytes);
    return { index: a.index, result, info: postInfo, fee };
  }

  private checkResources(classKey: ClassKey, refTime: bigint, len: number): void {
    const limits = this.runtime.limits;
    if (classKey === 'mandatory') return;
    const max = classKey === 'normal' ? limits.maxNormal : limits.maxBlock;
    if (refTime > limits.maxExtrinsic || this.blockWeight[classKey] + refTime > max) throw TransactionValidityError.invalid('ExhaustsResources');
    const maxLen = classKey === 'normal' ? Math.floor(limits.maxBlockLength * 0.75) : limits.maxBlockLength;
    if (this.blockLength + len > maxLen) throw TransactionValidityError.invalid('ExhaustsResources');
  }

  /** CheckNonZeroSender, CheckMortality, the signature, and CheckNonce (exact nonce inside a block). */
  private checkSigned(ext: DecodedExtrinsic, signature: SignatureCheck): Uint8Array {
    const rt = this.runtime;
    const s = ext.signed!;
    const who = s.signer;
    if (!who) throw TransactionValidityError.unknown('CannotLookup');
    if (equalBytes(who, ZERO_ACCOUNT)) throw TransactionValidityError.invalid('BadSigner');
    if (signature !== 'verified') {
      const birthHash = rt.birthHash(this.state, s.era, this.header.number);
      if (!birthHash) throw TransactionValidityError.invalid('AncientBirthBlock');
      if (!signature(ext, signingPayload(ext.callBytes, s.extra, rt.additionalSigned(birthHash)))) throw TransactionValidityError.invalid('BadProof');
    }
    const nonce = rt.system.accounts.get(this.state, who).nonce;
    if (s.nonce < nonce) throw TransactionValidityError.invalid('Stale');
    if (s.nonce > nonce) throw TransactionValidityError.invalid('Future');
    return who;
  }

  /** Runs on_finalize hooks and System's bookkeeping; returns the block's state changes and body. */
  finalize(): FinalizedBlock {
    this.ctx.phase = { tag: 'Finalization' };
    for (const { pallet } of this.runtime.composed.pallets) pallet.hooks?.onFinalize?.(this.ctx);
    this.runtime.system.finalizeBlock(this.ctx, this.ctx.events, this.blockWeight);
    return { changes: this.state.changes(), extrinsics: this.extrinsics };
  }
}

/**
 * `TaggedTransactionQueue_validate_transaction`: checks a transaction against the state after `best` for the
 * pool. A nonce ahead of the account's is valid but `future` (it requires the previous nonce's tag).
 */
export function validateTransaction(
  runtime: Runtime,
  best: StateReader,
  bestNumber: number,
  bestHash: Uint8Array,
  ext: DecodedExtrinsic,
  signature: SignatureCheck,
): ValidTransaction {
  const s = ext.signed;
  if (!s) return validateUnsigned(runtime, best, bestNumber, ext);
  const who = s.signer;
  if (!who) throw TransactionValidityError.unknown('CannotLookup');
  if (equalBytes(who, ZERO_ACCOUNT)) throw TransactionValidityError.invalid('BadSigner');
  let spec;
  try {
    spec = runtime.composed.lookupCall(ext.call).spec;
  } catch {
    throw TransactionValidityError.invalid('Call');
  }
  if ((spec.class ?? 'Normal') === 'Mandatory') throw TransactionValidityError.invalid('MandatoryValidation');
  const current = bestNumber + 1;
  const birthHash = runtime.birthHash(best, s.era, current, bestHash);
  if (!birthHash) throw TransactionValidityError.invalid('AncientBirthBlock');
  if (signature !== 'verified' && !signature(ext, signingPayload(ext.callBytes, s.extra, runtime.additionalSigned(birthHash)))) {
    throw TransactionValidityError.invalid('BadProof');
  }
  const info = runtime.dispatchInfo(ext.call);
  if (info.weight.ref_time > runtime.limits.maxExtrinsic || ext.bytes.length > runtime.limits.maxBlockLength * 0.75) {
    throw TransactionValidityError.invalid('ExhaustsResources');
  }
  const account = runtime.system.accounts.get(best, who);
  if (s.nonce < account.nonce) throw TransactionValidityError.invalid('Stale');
  const fee = runtime.fees.computeFee(ext.bytes.length, info, s.tip).total;
  if (!runtime.fees.canPay(best, who, fee)) throw TransactionValidityError.invalid('Payment');
  const tag = (n: number) => `${Buffer.from(who).toString('hex')}:${n}`;
  return {
    // FRAME's ChargeTransactionPayment priority grows with the tip per unit of weight and length.
    priority: priorityOf(s.tip, info.weight.ref_time, ext.bytes.length, runtime),
    requires: s.nonce > account.nonce ? [tag(s.nonce - 1)] : [],
    provides: [tag(s.nonce)],
    longevity: Math.max(1, eraDeath(s.era, current) - current),
    sender: who,
    nonce: s.nonce,
    future: s.nonce > account.nonce,
  };
}

/** An unsigned extrinsic is valid only when its pallet has an unsigned validator (self-contained calls). */
function validateUnsigned(runtime: Runtime, best: StateReader, bestNumber: number, ext: DecodedExtrinsic): ValidTransaction {
  let lookup;
  try {
    lookup = runtime.composed.lookupCall(ext.call);
  } catch {
    throw TransactionValidityError.invalid('Call');
  }
  const validator = lookup.entry.pallet.unsigned;
  if (!validator || lookup.entry.pallet.inherent?.isInherent(ext.call.value)) throw TransactionValidityError.unknown('NoUnsignedValidator');
  const info = runtime.dispatchInfo(ext.call);
  if (info.weight.ref_time > runtime.limits.maxExtrinsic || ext.bytes.length > runtime.limits.maxBlockLength * 0.75) {
    throw TransactionValidityError.invalid('ExhaustsResources');
  }
  return validator.validate(best, ext.call.value, { number: bestNumber + 1 });
}

function priorityOf(tip: bigint, refTime: bigint, len: number, runtime: Runtime): bigint {
  const maxTxPerBlockWeight = runtime.limits.maxBlock / (refTime > 0n ? refTime : 1n);
  const maxTxPerBlockLength = BigInt(runtime.limits.maxBlockLength) / BigInt(Math.max(1, len));
  const maxTxPerBlock = maxTxPerBlockWeight < maxTxPerBlockLength ? maxTxPerBlockWeight : maxTxPerBlockLength;
  const p = (tip + 1n) * maxTxPerBlock;
  return p > 0xffff_ffff_ffff_ffffn ? 0xffff_ffff_ffff_ffffn : p;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export type { Weight };
export { encode, eraBirth };
