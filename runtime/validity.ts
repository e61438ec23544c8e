/**
 * `TransactionValidityError` as Substrate reports it. The pool and the RPC turn these into JSON-RPC errors
 * 1010 (invalid) and 1011 (unknown validity) with Substrate's own wording, which @polkadot/api surfaces verbatim.
 */
import type { StateReader } from './state/overlay.ts';

export type InvalidTransaction =
  | 'Call'
  | 'Payment'
  | 'Future'
  | 'Stale'
  | 'BadProof'
  | 'AncientBirthBlock'
  | 'ExhaustsResources'
  | 'BadMandatory'
  | 'MandatoryValidation'
  | 'BadSigner';
export type UnknownTransaction = 'CannotLookup' | 'NoUnsignedValidator';

const INVALID_TEXT: Record<InvalidTransaction, string> = {
  Call: 'Transaction call is not expected',
  Payment: 'Inability to pay some fees (e.g. account balance too low)',
  Future: 'Transaction will be valid in the future',
  Stale: 'Transaction is outdated',
  BadProof: 'Transaction has a bad signature',
  AncientBirthBlock: 'Transaction has an ancient birth block',
  ExhaustsResources: 'Transaction would exhaust the block limits',
  BadMandatory: 'A call was labelled as mandatory, but resulted in an Error.',
  MandatoryValidation: 'Transaction dispatch is mandatory; transactions must not be validated.',
  BadSigner: 'Invalid signing address',
};
const UNKNOWN_TEXT: Record<UnknownTransaction, string> = {
  CannotLookup: 'Could not lookup information required to validate the transaction',
  NoUnsignedValidator: 'Could not find an unsigned validator for the unsigned transaction',
};

export class TransactionValidityError extends Error {
  private constructor(
    readonly kind: 'Invalid' | 'Unknown',
    readonly reason: InvalidTransaction | UnknownTransaction,
    text: string,
  ) {
    super(text);
    this.name = 'TransactionValidityError';
  }

  static invalid(reason: InvalidTransaction): TransactionValidityError {
    return new TransactionValidityError('Invalid', reason, INVALID_TEXT[reason]);
  }
  static unknown(reason: UnknownTransaction): TransactionValidityError {
    return new TransactionValidityError('Unknown', reason, UNKNOWN_TEXT[reason]);
  }

  /** JSON-RPC error code: 1010 invalid, 1011 unknown validity (Substrate's author RPC). */
  get rpcCode(): number {
    return this.kind === 'Invalid' ? 1010 : 1011;
  }
  get rpcMessage(): string {
    return this.kind === 'Invalid' ? 'Invalid Transaction' : 'Unknown Transaction Validity';
  }
}

/** What the pool learns from a valid transaction (`sp_runtime::transaction_validity::ValidTransaction`). */
export interface ValidTransaction {
  priority: bigint;
  /** Tags this transaction needs (the sender's previous nonce), and those it provides (sender ++ nonce). */
  requires: string[];
  provides: string[];
  /** Blocks until the mortal era ends. */
  longevity: number;
  /** Sender, nonce and fee, for the pool's bookkeeping. */
  sender: Uint8Array;
  nonce: number;
  /** True when the nonce is ahead of the account's: the pool holds it in its future queue. */
  future: boolean;
  /** The sender's next nonce in a state, when it is not System's account nonce (Ethereum transactions). */
  nonceAt?: (state: StateReader) => number;
}
