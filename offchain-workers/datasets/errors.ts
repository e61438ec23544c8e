/** The error family of dataset files and converters: a discriminated `code` and a one-line message. */

/** Why a dataset file or a source file was refused. */
export type DatasetErrorCode =
  /** Not a TDS file (wrong magic), or a header that is not the documented JSON. */
  | 'BadHeader'
  /** The byte length disagrees with the header, or arrays hold out-of-range values. */
  | 'BadData'
  /** Features or labels whose shape does not match what a model or another file expects. */
  | 'ShapeMismatch'
  /** A CSV file that cannot be parsed or converted (line and column in the message). */
  | 'BadCsv'
  /** An IDX file (the MNIST format) that cannot be parsed or converted. */
  | 'BadIdx';

/** A dataset failure with a discriminated `code`. */
export class DatasetError extends Error {
  override readonly name = 'DatasetError';

  constructor(
    readonly code: DatasetErrorCode,
    message: string,
  ) {
    super(message);
  }
}
