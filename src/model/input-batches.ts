/**
 * `predict`'s input, read as float32 one batch of rows at a time. `Sequential.predict` used to convert the
 * whole input to float32 first; for a million rows that copy is as large as the input itself. Here the input
 * is checked in one pass that allocates nothing (the same checks, in the same order and with the same
 * messages, as `toMatrix(X, subject, 'float32')` followed by `assertFinite`), then each batch is converted
 * into one reused buffer (a float32 `Matrix` is read in place). Memory: the input, the output, and
 * O(batch x features).
 *
 * @module
 */

import { DataError } from '../core/errors.js';
import { allFiniteValues, Matrix, type MatrixLike, toMatrix } from '../core/matrix.js';
import { checkedNumber, checkedRow, isRow } from '../core/nested-rows.js';

/** The most output values (rows x units) `predict` agrees to allocate: 2^28 float32 values, 1 GiB. */
export const MAX_PREDICT_VALUES = 2 ** 28;

type NestedRows = readonly (readonly number[] | Float32Array | Float64Array)[];

// Keras casts to float32 before anything else, so finiteness is judged after that rounding (1e39 becomes
// Infinity): `String(Math.fround(v))` is what the whole-matrix conversion used to report.
function notFiniteError(subject: string, value: number, row: number, col: number): DataError {
  return new DataError({
    subject,
    expected: 'finite numbers',
    got: String(value),
    where: `row ${row}, column ${col}`,
    hint: 'Remove or impute missing values before training.',
  });
}

function checkMatrix(m: Matrix, subject: string): void {
  const { data, cols } = m;
  const float64 = data instanceof Float64Array;
  // float32 data is finite in float32 exactly when it is finite: the branch-free check answers for all of
  // it, and only a failure needs the loop below to name the place. (A float64 value may overflow float32.)
  if (!float64 && allFiniteValues(data)) return;
  for (let k = 0; k < data.length; k++) {
    const v = float64 ? Math.fround(data[k]!) : data[k]!;
    if (!Number.isFinite(v)) throw notFiniteError(subject, v, Math.floor(k / cols), k % cols);
  }
}

/** Checks nested rows without copying them; returns the column count. */
function checkNested(rows: NestedRows, subject: string): number {
  // Not an array, no rows, or a first row that is not a non-empty array: toMatrix names these exactly.
  if (!Array.isArray(rows) || !isRow(rows[0]) || rows[0].length === 0) toMatrix(rows, subject);
  const cols = rows[0]!.length;
  let notFinite: { value: number; row: number; col: number } | undefined;
  for (let i = 0; i < rows.length; i++) {
    const row = checkedRow(rows[i], i, cols, subject);
    for (let j = 0; j < cols; j++) {
      const v = checkedNumber(row[j], i, j, subject);
      // Type errors anywhere come first (as with a whole conversion); the first non-finite value after.
      if (notFinite === undefined && !Number.isFinite(Math.fround(v))) {
        notFinite = { value: Math.fround(v), row: i, col: j };
      }
    }
  }
  if (notFinite) throw notFiniteError(subject, notFinite.value, notFinite.row, notFinite.col);
  return cols;
}

/**
 * A checked 2-D input that hands out float32 batches of rows.
 *
 * @example
 * const input = new Float32Batches([[1, 2], [3, 4], [5, 6]], 'X');
 * input.batch(1, 3); // Float32Array [3, 4, 5, 6]
 */
export class Float32Batches {
  /** Number of rows. */
  readonly rows: number;
  /** Number of columns (features). */
  readonly cols: number;
  private readonly input: Matrix | NestedRows;
  private buffer: Float32Array = new Float32Array(0);

  /**
   * Checks `X` in full (shape, entry types, finiteness in float32) without copying it.
   *
   * @throws {ShapeError} not 2-D, empty, ragged
   * @throws {DataError} an entry that is not a number, or that is not finite in float32 (names row and column)
   */
  constructor(X: MatrixLike, subject = 'X') {
    if (X instanceof Matrix) {
      toMatrix(X, subject);
      checkMatrix(X, subject);
      this.rows = X.rows;
      this.cols = X.cols;
    } else {
      this.cols = checkNested(X, subject);
      this.rows = X.length;
    }
    this.input = X;
  }

  /**
   * Rows `[start, end)` as row-major float32: a view into a float32 `Matrix`, otherwise a copy in a buffer
   * that the next call reuses (copy it to keep it).
   */
  batch(start: number, end: number): Float32Array {
    const { input, cols } = this;
    if (input instanceof Matrix && input.data instanceof Float32Array) {
      return input.data.subarray(start * cols, end * cols);
    }
    const length = (end - start) * cols;
    if (this.buffer.length < length) this.buffer = new Float32Array(length);
    const out = this.buffer.subarray(0, length);
    if (input instanceof Matrix) out.set(input.data.subarray(start * cols, end * cols));
    else {
      for (let i = start, k = 0; i < end; i++, k += cols) out.set(input[i]!, k);
    }
    return out;
  }
}

/**
 * A zeroed float32 array for `rows x units` outputs, refused before allocating when it would exceed
 * {@link MAX_PREDICT_VALUES} or the engine cannot provide it.
 *
 * @throws {DataError} too many values (names rows, units and the limit)
 */
export function allocatePredictions(rows: number, units: number): Float32Array {
  const values = rows * units;
  const refuse = (got: string) =>
    new DataError({
      subject: 'predict',
      expected: `at most ${MAX_PREDICT_VALUES} output values (rows x units, 1 GiB of float32)`,
      got,
      hint: 'Predict slices of the rows one after another, or use `softmax-lab predict`, which streams.',
    });
  if (values > MAX_PREDICT_VALUES) throw refuse(`${rows} x ${units} = ${values}`);
  try {
    return new Float32Array(values);
  } catch (e) {
    if (e instanceof RangeError)
      throw refuse(`${values} values, which could not be allocated (${e.message})`);
    throw e;
  }
}
