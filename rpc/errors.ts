import type { JsonRpcErrorObject } from './types.ts';

/**
 * JSON-RPC error codes. The standard ones come from the JSON-RPC 2.0 spec; the
 * -320xx server-limit codes are the ones jsonrpsee (and so Substrate) uses, and
 * -32090 is the code Substrate's pub-sub layer used for subscriptions over HTTP.
 */
export const RpcErrorCode = {
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  INTERNAL_ERROR: -32603,
  /** Generic "call failed" code for handler-defined failures. */
  CALL_EXECUTION_FAILED: -32000,
  TOO_MANY_SUBSCRIPTIONS: -32006,
  OVERSIZED_REQUEST: -32007,
  OVERSIZED_RESPONSE: -32008,
  SERVER_IS_BUSY: -32009,
  TOO_BIG_BATCH_REQUEST: -32010,
  TOO_BIG_BATCH_RESPONSE: -32011,
  SUBSCRIPTIONS_UNAVAILABLE: -32090,
} as const;

/** An error that is sent to the client as-is: `{ code, message, data }`. */
export class RpcError extends Error {
  readonly code: number;
  readonly data?: unknown;

  constructor(code: number, message: string, data?: unknown) {
    super(message);
    this.name = 'RpcError';
    this.code = code;
    if (data !== undefined) this.data = data;
  }

  /** The wire form of this error (the `error` member of a response). */
  toJSON(): JsonRpcErrorObject {
    return this.data === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, data: this.data };
  }

  /** -32700: the frame is not valid JSON. */
  static parseError(data?: unknown): RpcError {
    return new RpcError(RpcErrorCode.PARSE_ERROR, 'Parse error', data);
  }

  /** -32600: valid JSON that is not a JSON-RPC request object. */
  static invalidRequest(data?: unknown): RpcError {
    return new RpcError(RpcErrorCode.INVALID_REQUEST, 'Invalid request', data);
  }

  /** -32601: unknown (or hidden unsafe) method. */
  static methodNotFound(method?: string): RpcError {
    return new RpcError(RpcErrorCode.METHOD_NOT_FOUND, 'Method not found', method);
  }

  /** -32602: params of the wrong shape; `detail` says what was expected. */
  static invalidParams(detail?: string): RpcError {
    return new RpcError(RpcErrorCode.INVALID_PARAMS, detail ? `Invalid params: ${detail}` : 'Invalid params');
  }

  /** -32603: a bug or an unexpected failure on the server side. */
  static internal(message = 'Internal error', data?: unknown): RpcError {
    return new RpcError(RpcErrorCode.INTERNAL_ERROR, message, data);
  }

  /** -32006: the connection already holds the maximum number of subscriptions. */
  static tooManySubscriptions(limit: number): RpcError {
    return new RpcError(
      RpcErrorCode.TOO_MANY_SUBSCRIPTIONS,
      'Too many subscriptions on the connection',
      `Exceeded max limit of ${limit}`,
    );
  }

  /** -32007: the request frame/body is larger than the limit. */
  static requestTooBig(limit: number): RpcError {
    return new RpcError(
      RpcErrorCode.OVERSIZED_REQUEST,
      `Request is too big: exceeded max limit of ${limit} bytes`,
      `Exceeded max limit of ${limit}`,
    );
  }

  /** -32008: the serialized response is larger than the limit. */
  static responseTooBig(limit: number): RpcError {
    return new RpcError(
      RpcErrorCode.OVERSIZED_RESPONSE,
      `Response is too big: exceeded max limit of ${limit} bytes`,
      `Exceeded max limit of ${limit}`,
    );
  }

  /** -32009: too many connections or too much work in flight. */
  static serverBusy(message = 'Server is busy, try again later'): RpcError {
    return new RpcError(RpcErrorCode.SERVER_IS_BUSY, message);
  }

  /** -32010: the batch has more entries than the limit. */
  static batchTooBig(limit: number): RpcError {
    return new RpcError(
      RpcErrorCode.TOO_BIG_BATCH_REQUEST,
      `The batch request was too large: exceeded max limit of ${limit} entries`,
      `Exceeded max limit of ${limit}`,
    );
  }

  /** -32011: the batch's combined response is larger than the limit. */
  static batchResponseTooBig(limit: number): RpcError {
    return new RpcError(
      RpcErrorCode.TOO_BIG_BATCH_RESPONSE,
      `The batch response was too large: exceeded max limit of ${limit} bytes`,
      `Exceeded max limit of ${limit}`,
    );
  }

  /** -32090: subscribe/unsubscribe over a transport without push (HTTP). */
  static subscriptionsUnavailable(): RpcError {
    return new RpcError(RpcErrorCode.SUBSCRIPTIONS_UNAVAILABLE, 'Subscriptions are not available on this transport.');
  }

  /**
   * Maps anything a handler threw to an RpcError: RpcErrors pass through, anything
   * else becomes -32603 carrying its message (never its stack).
   */
  static from(err: unknown): RpcError {
    if (err instanceof RpcError) return err;
    if (err instanceof Error) return RpcError.internal(err.message || 'Internal error');
    return RpcError.internal(typeof err === 'string' && err ? err : 'Internal error');
  }
}
