/**
 * Signs extrinsics without @polkadot/api: the node's CLI, tests and benches build transactions with this, in the
 * exact format @polkadot/api produces (checked against it in tests).
 */
import type { RuntimeCall } from '../framework/pallet.ts';
import type { Runtime } from '../runtime.ts';
import { type Era, eraBirth } from './era.ts';
import { encodeExtra, encodeSignedExtrinsic, signingPayload } from './unchecked.ts';

/** Anything that signs like a @polkadot/keyring pair. */
export interface Signer {
  publicKey: Uint8Array;
  type: 'sr25519' | 'ed25519' | 'ecdsa' | 'ethereum';
  sign(message: Uint8Array): Uint8Array;
}

export interface SignOptions {
  nonce: number;
  tip?: bigint;
  /** Immortal by default. */
  era?: Era;
  /** Hash of the era's birth block (the genesis hash for immortal transactions). */
  birthHash?: Uint8Array;
}

export function signExtrinsic(runtime: Runtime, signer: Signer, call: RuntimeCall, opts: SignOptions): Uint8Array {
  const era = opts.era ?? { kind: 'immortal' as const };
  if (era.kind === 'mortal' && !opts.birthHash) throw new Error(`a mortal era needs the hash of its birth block #${eraBirth(era, 0)}`);
  const callBytes = runtime.composed.encodeCall(call);
  const extra = encodeExtra(era, opts.nonce, opts.tip ?? 0n);
  const payload = signingPayload(callBytes, extra, runtime.additionalSigned(opts.birthHash ?? runtime.genesisHash));
  const tag = signer.type === 'ed25519' ? 'Ed25519' : signer.type === 'sr25519' ? 'Sr25519' : 'Ecdsa';
  if (tag === 'Ecdsa') throw new Error('ecdsa signers need an AccountId derived from the public key; not supported here yet');
  return encodeSignedExtrinsic(signer.publicKey, { tag, value: signer.sign(payload) }, extra, callBytes);
}

/** `Balances.transfer_keep_alive(dest, value)`. */
export function transferCall(dest: Uint8Array, value: bigint): RuntimeCall {
  return { tag: 'Balances', value: { tag: 'transfer_keep_alive', value: { dest: { tag: 'Id', value: dest }, value } } };
}
