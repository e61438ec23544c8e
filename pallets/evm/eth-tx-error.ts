/**
 * `EthTxError`: why a raw Ethereum transaction is refused, with the JSON-RPC code and the message geth uses, so
 * wallets that match on them (ethers, viem, cast) behave as against geth.
 */

/** The kinds of refusal, each with its geth message. */
export const ETH_TX_ERRORS = {
  Malformed: { code: -32602, message: 'invalid params' },
  UnsupportedType: { code: -32000, message: 'transaction type not supported' },
  InvalidChainId: { code: -32000, message: 'invalid chain id' },
  NotReplayProtected: { code: -32000, message: 'only replay-protected (EIP-155) transactions allowed over RPC' },
  InvalidSender: { code: -32000, message: 'invalid sender' },
  NonceTooLow: { code: -32000, message: 'nonce too low' },
  NonceTooHigh: { code: -32000, message: 'nonce too high' },
  InsufficientFunds: { code: -32000, message: 'insufficient funds for gas * price + value' },
  IntrinsicGas: { code: -32000, message: 'intrinsic gas too low' },
  GasLimitExceeded: { code: -32000, message: 'exceeds block gas limit' },
  FeeCapTooLow: { code: -32000, message: 'max fee per gas less than block base fee' },
  TipAboveFeeCap: { code: -32000, message: 'max priority fee per gas higher than max fee per gas' },
} as const;
export type EthTxErrorKind = keyof typeof ETH_TX_ERRORS;

export class EthTxError extends Error {
  /** JSON-RPC error code (-32602 invalid params, -32000 server error as geth). */
  readonly code: number;

  constructor(
    readonly kind: EthTxErrorKind,
    /** Extra detail (the decoder's message), appended after a colon as geth does. */
    readonly detail?: string,
  ) {
    const { code, message } = ETH_TX_ERRORS[kind];
    super(detail ? `${message}: ${detail}` : message);
    this.name = 'EthTxError';
    this.code = code;
  }
}
