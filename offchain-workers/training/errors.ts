/**
 * The one error family of the training worker: graph validation, package I/O, session creation and the loop.
 * `code` says what went wrong (for callers and tests); `message` is one line a CLI user can act on.
 */

/** Why a train-step graph, a model package or a training run was refused. */
export type TrainingGraphErrorCode =
  /** Not a parseable ONNX ModelProto, or a structurally broken one (no graph, unnamed nodes, bad tensor data). */
  | 'Malformed'
  /** The file is larger than the configured limit. */
  | 'TooLarge'
  /** Inputs/outputs do not follow `weights…, state…, x, y, lr → weights….new, state….new, loss`. */
  | 'WrongSignature'
  /** An operator (or operator domain / opset) outside the deterministic allow-list. */
  | 'UnsupportedOperator'
  /** A tensor that points at external data files, which a worker must never read. */
  | 'ExternalData'
  /** A model directory whose manifest, files or hashes do not agree. */
  | 'BadPackage'
  /** onnxruntime refused to create a session for the graph. */
  | 'SessionFailed'
  /** A batch or a state tensor whose size does not match the signature. */
  | 'ShapeMismatch'
  /** The loss became NaN or infinite: training diverged (or the data holds NaN). */
  | 'NonFiniteLoss';

/** A training-graph or training-run failure with a discriminated `code` and optional structured details. */
export class TrainingGraphError extends Error {
  override readonly name = 'TrainingGraphError';

  constructor(
    readonly code: TrainingGraphErrorCode,
    message: string,
    readonly details: Readonly<Record<string, string | number | readonly string[]>> = {},
  ) {
    super(message);
  }
}
