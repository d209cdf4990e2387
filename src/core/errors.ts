/**
 * The error classes every public API throws. Each message names what was expected, what came and where
 * (row, column, layer, file offset), so that a user can fix the input without reading our source.
 *
 * Catch the family with `instanceof SoftmaxLabError`, or one kind with its own class. The table of every error,
 * the APIs and inputs that raise it, real example messages, the size limits and the CLI exit codes is
 * `docs/errors.md`.
 *
 * @module
 */

/** The parts of a precise error message: `<subject>: expected <expected>, got <got> (<where>). <hint>` */
export interface ErrorDetails {
  /** What the value is, e.g. `"X"`, `"labels"`, `"Dense.units"`. */
  subject: string;
  /** What was expected, e.g. `"2 columns"`. */
  expected: string;
  /** What came, e.g. `"3 columns"`. */
  got: string;
  /** Where, e.g. `"row 4"` or `"row 4, column 1"`. */
  where?: string;
  /** How to fix it. */
  hint?: string;
}

function formatDetails(d: ErrorDetails): string {
  const where = d.where ? ` (at ${d.where})` : '';
  const hint = d.hint ? ` ${d.hint}` : '';
  return `${d.subject}: expected ${d.expected}, got ${d.got}${where}.${hint}`;
}

/**
 * Base class of every error the library throws on purpose. `name` is the subclass name and `details` holds the
 * structured parts of the message. See `docs/errors.md` for when each subclass is raised.
 */
export class SoftmaxLabError extends Error {
  /** The structured parts of the message, when it was built from them. */
  readonly details: ErrorDetails | undefined;

  constructor(message: string | ErrorDetails) {
    super(typeof message === 'string' ? message : formatDetails(message));
    this.details = typeof message === 'string' ? undefined : message;
    this.name = new.target.name;
  }
}

/**
 * A shape, length or size does not fit: ragged or empty arrays, a width other than the model's, label and row
 * counts that differ, a model that is not built. See `docs/errors.md#shapeerror`.
 *
 * @example
 * // X: expected 2 features per row (the model was built for 2 inputs), got 3 columns.
 */
export class ShapeError extends SoftmaxLabError {}

/**
 * A class label is not an integer in [0, numClasses), a target row is not one-hot, or a class has too few rows
 * to stratify. See `docs/errors.md#labelerror`.
 *
 * @example
 * // y: expected integers in [0, 2), got 2 (at row 2).
 */
export class LabelError extends SoftmaxLabError {}

/**
 * A value that must be finite is not (NaN, Infinity) or is not a number, a parameter is out of its range, a name
 * or option key is unknown, or a size would need more memory than the limits allow (refused before
 * allocating). See `docs/errors.md#dataerror`.
 *
 * @example
 * // fit validationSplit: expected a fraction in (0, 1), got 1.5.
 */
export class DataError extends SoftmaxLabError {}

/**
 * A model or data file is missing, empty, truncated, too large, of the wrong kind, or uses something we do not
 * support; the subject is the file's path. See `docs/errors.md#modelformaterror`.
 *
 * @example
 * // x.npy: expected a NumPy .npy file (starting with \x93NUMPY), got 5 bytes.
 */
export class ModelFormatError extends SoftmaxLabError {}

/**
 * Training produced a non-finite loss (or non-finite weights); the model keeps the weights from before the
 * failing batch, and `epoch`/`batch` say where. See `docs/errors.md#trainingdivergederror`.
 */
export class TrainingDivergedError extends SoftmaxLabError {
  /** Zero-based epoch in which the loss stopped being finite. */
  readonly epoch: number;
  /** Zero-based batch (step within the epoch) whose loss was not finite. */
  readonly batch: number;

  constructor(message: string, epoch: number, batch: number) {
    super(message);
    this.epoch = epoch;
    this.batch = batch;
  }
}

/** Describes a value for an error message: its type and, for short values, the value itself. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : String(v);
  if (typeof v === 'bigint') return `${v}n (a BigInt)`;
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  if (typeof v === 'boolean') return `the boolean ${v}`;
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  if (ArrayBuffer.isView(v)) return `a ${v.constructor.name}`;
  if (typeof v === 'function') return 'a function';
  return `an object (${Object.prototype.toString.call(v).slice(8, -1)})`;
}
