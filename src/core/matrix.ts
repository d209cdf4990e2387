/**
 * `Matrix`: the library's 2-D value type, a row-major block of `Float32Array` or `Float64Array` numbers,
 * plus the conversions every public API uses to accept `Matrix | number[][]` and `number[] | typed array`.
 *
 * @module
 */

import { DataError, describeValue, ShapeError } from './errors.js';
import { checkArraySize } from './limits.js';
import { checkedNumber, checkedRow, isRow } from './nested-rows.js';

/** Float storage of a matrix: float32 like Keras trains, float64 where exactness matters (e.g. `makeBlobs`). */
export type FloatArray = Float32Array | Float64Array;

/** The element type name of a {@link FloatArray}. */
export type DType = 'float32' | 'float64';

/** A vector: a plain array of numbers or a float typed array. */
export type VectorLike = readonly number[] | Float32Array | Float64Array;

/** 2-D input: a {@link Matrix}, or rows given as arrays (plain or typed) of equal length. */
export type MatrixLike = Matrix | readonly (readonly number[] | Float32Array | Float64Array)[];

/**
 * Allocates a zeroed float array of the given dtype.
 *
 * @throws {DataError} more than 1 GiB (see `MAX_ARRAY_BYTES`), refused before allocating
 */
export function allocFloat(dtype: DType, length: number): FloatArray {
  checkDtype(dtype, 'dtype');
  checkArraySize(length, dtype, 'allocFloat');
  return dtype === 'float32' ? new Float32Array(length) : new Float64Array(length);
}

/** Throws unless `dtype` is `'float32'` or `'float64'`. */
function checkDtype(dtype: unknown, subject: string): void {
  if (dtype !== 'float32' && dtype !== 'float64') {
    throw new DataError({ subject, expected: "'float32' or 'float64'", got: describeValue(dtype) });
  }
}

/** The dtype name of a float array. */
export function dtypeOf(a: FloatArray): DType {
  return a instanceof Float32Array ? 'float32' : 'float64';
}

/**
 * A dense row-major matrix: element (i, j) is `data[i * cols + j]`.
 *
 * @example
 * const m = Matrix.from([[1, 2], [3, 4]]);
 * m.get(1, 0); // 3
 * m.toArray(); // [[1, 2], [3, 4]]
 */
export class Matrix<T extends FloatArray = FloatArray> {
  /** Number of rows (samples). */
  readonly rows: number;
  /** Number of columns (features or classes). */
  readonly cols: number;
  /** Row-major storage, `rows * cols` long. */
  readonly data: T;

  /**
   * Wraps `data` (not copied) as a `rows` x `cols` matrix.
   *
   * @throws {ShapeError} rows or cols not non-negative integers, or `data.length !== rows * cols`
   * @throws {DataError} `data` is not a Float32Array or Float64Array
   */
  constructor(rows: number, cols: number, data: T) {
    if (!Number.isInteger(rows) || rows < 0 || !Number.isInteger(cols) || cols < 0) {
      throw new ShapeError({
        subject: 'Matrix',
        expected: 'non-negative integer rows and cols',
        got: `rows=${describeValue(rows)}, cols=${describeValue(cols)}`,
      });
    }
    if (!(data instanceof Float32Array || data instanceof Float64Array)) {
      throw new DataError({
        subject: 'Matrix data',
        expected: 'a Float32Array or Float64Array',
        got: describeValue(data),
        hint: 'Use Matrix.from(rows) for nested arrays.',
      });
    }
    if (data.length !== rows * cols) {
      throw new ShapeError({
        subject: 'Matrix data',
        expected: `${rows * cols} values (${rows} x ${cols})`,
        got: `${data.length} values`,
      });
    }
    this.rows = rows;
    this.cols = cols;
    this.data = data;
  }

  /**
   * A `rows` x `cols` matrix of zeros.
   *
   * @throws {ShapeError} rows or cols not non-negative integers
   * @throws {DataError} an unknown dtype, or more than 1 GiB of values (refused before allocating)
   */
  static zeros(rows: number, cols: number, dtype: DType = 'float64'): Matrix {
    if (!Number.isSafeInteger(rows) || rows < 0 || !Number.isSafeInteger(cols) || cols < 0) {
      throw new ShapeError({
        subject: 'Matrix.zeros',
        expected: 'non-negative integer rows and cols',
        got: `rows=${describeValue(rows)}, cols=${describeValue(cols)}`,
      });
    }
    checkDtype(dtype, 'Matrix.zeros dtype');
    checkArraySize(rows * cols, dtype, 'Matrix.zeros', `${rows} x ${cols}`);
    return new Matrix(rows, cols, allocFloat(dtype, rows * cols));
  }

  /**
   * Copies nested arrays into a new matrix (float64 by default, so no value is rounded).
   * Ragged or empty input is a {@link ShapeError}; a non-number entry is a {@link DataError}.
   */
  static from(
    rows: readonly (readonly number[] | Float32Array | Float64Array)[],
    dtype: DType = 'float64',
  ): Matrix {
    return nestedToMatrix(rows, 'Matrix.from', dtype);
  }

  /** `[rows, cols]`. */
  get shape(): [number, number] {
    return [this.rows, this.cols];
  }

  /** The dtype of {@link data}. */
  get dtype(): DType {
    return dtypeOf(this.data);
  }

  /** Element (i, j). Indices are not checked: this is the hot path. */
  get(i: number, j: number): number {
    return this.data[i * this.cols + j]!;
  }

  /** Sets element (i, j). */
  set(i: number, j: number, value: number): void {
    this.data[i * this.cols + j] = value;
  }

  /** Row `i` as a view (no copy) into {@link data}. */
  row(i: number): T {
    return this.data.subarray(i * this.cols, (i + 1) * this.cols) as T;
  }

  /** Rows `[start, end)` as a matrix that shares storage with this one. */
  sliceRows(start: number, end: number): Matrix<T> {
    return new Matrix(end - start, this.cols, this.data.subarray(start * this.cols, end * this.cols) as T);
  }

  /** A deep copy, optionally converted to another dtype. */
  clone(dtype: DType = this.dtype): Matrix {
    const out = allocFloat(dtype, this.data.length);
    out.set(this.data);
    return new Matrix(this.rows, this.cols, out);
  }

  /** Nested plain arrays, one per row. */
  toArray(): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++) out.push(Array.from(this.row(i)));
    return out;
  }
}

/**
 * Converts any {@link MatrixLike} to a {@link Matrix}. A `Matrix` of the wanted dtype is returned as is
 * (no copy); anything else is copied. `subject` names the argument in error messages.
 *
 * @throws {ShapeError} ragged, empty or non-array input
 * @throws {DataError} an entry that is not a number (string, null, BigInt, ...)
 */
export function toMatrix(input: MatrixLike, subject = 'X', dtype?: DType): Matrix {
  if (dtype !== undefined) checkDtype(dtype, `${subject} dtype`);
  if (input instanceof Matrix) {
    if (input.rows === 0 || input.cols === 0) {
      throw new ShapeError({
        subject,
        expected: 'at least 1 row and 1 column',
        got: `a ${input.rows} x ${input.cols} matrix`,
      });
    }
    return dtype === undefined || input.dtype === dtype ? input : input.clone(dtype);
  }
  return nestedToMatrix(input, subject, dtype ?? 'float64');
}

function nestedToMatrix(
  rows: readonly (readonly number[] | Float32Array | Float64Array)[],
  subject: string,
  dtype: DType,
): Matrix {
  if (!Array.isArray(rows)) {
    throw new ShapeError({
      subject,
      expected: 'a Matrix or an array of rows (number[][])',
      got: describeValue(rows),
    });
  }
  if (rows.length === 0) {
    throw new ShapeError({ subject, expected: 'at least 1 row', got: 'an empty array' });
  }
  const first = rows[0];
  if (!isRow(first)) {
    throw new ShapeError({
      subject,
      expected: 'an array of rows (number[][])',
      got: `${describeValue(first)} as row 0`,
      hint: 'Wrap a single sample in brackets: [[x0, x1]].',
    });
  }
  const cols = (first as ArrayLike<number>).length;
  if (cols === 0) throw new ShapeError({ subject, expected: 'at least 1 column', got: 'an empty row 0' });
  checkArraySize(rows.length * cols, dtype, subject, `${rows.length} x ${cols}`);
  const data = allocFloat(dtype, rows.length * cols);
  for (let i = 0; i < rows.length; i++) {
    const row = checkedRow(rows[i], i, cols, subject);
    for (let j = 0; j < cols; j++) data[i * cols + j] = checkedNumber(row[j], i, j, subject);
  }
  return new Matrix(rows.length, cols, data);
}

/**
 * Checks a vector argument and returns it as a typed array (plain arrays are copied to float64; typed arrays
 * are returned as they are).
 *
 * @throws {ShapeError} not an array, or empty
 * @throws {DataError} an entry that is not a number
 */
export function toVector(input: VectorLike, subject = 'z'): FloatArray {
  if (input instanceof Float32Array || input instanceof Float64Array) {
    if (input.length === 0)
      throw new ShapeError({ subject, expected: 'at least 1 value', got: 'an empty array' });
    return input;
  }
  if (!Array.isArray(input)) {
    throw new ShapeError({
      subject,
      expected: 'a vector (number[], Float32Array or Float64Array)',
      got: describeValue(input),
    });
  }
  if (input.length === 0)
    throw new ShapeError({ subject, expected: 'at least 1 value', got: 'an empty array' });
  const out = new Float64Array(input.length);
  for (let i = 0; i < input.length; i++) {
    const v = input[i];
    if (typeof v !== 'number') {
      throw new DataError({ subject, expected: 'a number', got: describeValue(v), where: `index ${i}` });
    }
    out[i] = v;
  }
  return out;
}

/** True for a 2-D argument (a Matrix or an array whose first element is an array). */
export function isMatrixLike(input: unknown): input is MatrixLike {
  return (
    input instanceof Matrix ||
    (Array.isArray(input) && input.length > 0 && (Array.isArray(input[0]) || ArrayBuffer.isView(input[0])))
  );
}

const FINITE_CHUNK = 1 << 16;

/**
 * True when data[from .. to) holds no NaN or ±Infinity. v − v is 0 for a finite v and NaN otherwise, so
 * sums of it answer without a branch per value; four sums, so the adds do not wait on each other.
 */
function allFiniteIn(data: FloatArray, from: number, to: number): boolean {
  let c0 = 0;
  let c1 = 0;
  let c2 = 0;
  let c3 = 0;
  let k = from;
  for (; k + 4 <= to; k += 4) {
    c0 += data[k]! - data[k]!;
    c1 += data[k + 1]! - data[k + 1]!;
    c2 += data[k + 2]! - data[k + 2]!;
    c3 += data[k + 3]! - data[k + 3]!;
  }
  for (; k < to; k++) c0 += data[k]! - data[k]!;
  return c0 + c1 + c2 + c3 === 0;
}

/** True when `data` holds no NaN or ±Infinity (about 0.3 ns a value once optimized). */
export function allFiniteValues(data: FloatArray): boolean {
  // Checked in chunks by a small function: the engine optimizes it after a few calls, where a single long
  // loop would run unoptimized until on-stack replacement kicks in (half of a 47-million-value check).
  for (let from = 0; from < data.length; from += FINITE_CHUNK) {
    if (!allFiniteIn(data, from, Math.min(data.length, from + FINITE_CHUNK))) return false;
  }
  return true;
}

/**
 * Throws a {@link DataError} naming the first NaN or infinite entry of a matrix (row and column).
 * Used wherever training data must be finite.
 */
export function assertFinite(m: Matrix, subject = 'X'): void {
  const { data, cols } = m instanceof Matrix ? m : toMatrix(m, subject);
  if (allFiniteValues(data)) return;
  for (let k = 0; k < data.length; k++) {
    const v = data[k]!;
    if (!Number.isFinite(v)) {
      throw new DataError({
        subject,
        expected: 'finite numbers',
        got: String(v),
        where: `row ${Math.floor(k / cols)}, column ${k % cols}`,
        hint: 'Remove or impute missing values before training.',
      });
    }
  }
}
