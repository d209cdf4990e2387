/**
 * Validation of class labels and one-hot targets, shared by the losses, `oneHot` and the model, so every
 * caller reports a bad label the same way: which row, which value, which range.
 *
 * @module
 */

import { DataError, describeValue, LabelError, ShapeError } from './errors.js';
import { Matrix, toMatrix } from './matrix.js';
import { booleanOption, checkOptions } from './options.js';

/** Any integer or float typed array that can hold class labels. */
export type LabelArray =
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array
  | BigInt64Array
  | BigUint64Array;

/**
 * Class labels: a flat list of integers in [0, numClasses), or an (N, 1) column (a `Matrix` or nested
 * arrays), which is squeezed as Keras does.
 */
export type LabelsLike =
  | readonly number[]
  | LabelArray
  | Matrix
  | readonly (readonly number[] | LabelArray)[];

/** Throws unless `numClasses` is a positive integer (an Int32Array must be able to hold every label). */
export function checkNumClasses(numClasses: number, subject = 'numClasses'): void {
  if (!Number.isInteger(numClasses) || numClasses < 1 || numClasses > 2 ** 31 - 1) {
    throw new DataError({ subject, expected: 'a positive integer', got: describeValue(numClasses) });
  }
}

/** Flattens an (N,) or (N, 1) label input to an indexable list, or throws a ShapeError. */
function flatLabels(y: LabelsLike, subject: string): ArrayLike<unknown> {
  if (y instanceof Matrix) {
    if (y.cols !== 1 || y.rows === 0) {
      throw new ShapeError({
        subject,
        expected: 'labels of shape (N,) or (N, 1)',
        got: `a ${y.rows} x ${y.cols} matrix`,
        hint: 'Labels are class indices; turn one-hot rows into labels with argmax.',
      });
    }
    return y.data;
  }
  if (!Array.isArray(y) && !ArrayBuffer.isView(y)) {
    throw new ShapeError({ subject, expected: 'an array of class labels', got: describeValue(y) });
  }
  const list = y as ArrayLike<unknown>;
  if (list.length === 0)
    throw new ShapeError({ subject, expected: 'at least 1 label', got: 'an empty array' });
  if (!Array.isArray(list[0]) && !ArrayBuffer.isView(list[0])) return list;
  const column = new Array<unknown>(list.length);
  for (let i = 0; i < list.length; i++) {
    const row = list[i] as ArrayLike<unknown>;
    if ((!Array.isArray(row) && !ArrayBuffer.isView(row)) || row.length !== 1) {
      throw new ShapeError({
        subject,
        expected: 'labels of shape (N,) or (N, 1)',
        got:
          Array.isArray(row) || ArrayBuffer.isView(row)
            ? `a row of ${row.length} values`
            : describeValue(row),
        where: `row ${i}`,
        hint: 'Labels are class indices; turn one-hot rows into labels with argmax.',
      });
    }
    column[i] = row[0];
  }
  return column;
}

/**
 * Checks class labels and returns them as an `Int32Array`. Accepts plain arrays, any integer or float typed
 * array (BigInt arrays too, range-checked before conversion) and (N, 1) columns.
 *
 * Every label must be an integer in [0, numClasses). Unlike Keras, which truncates float labels and lets an
 * out-of-range label become NaN on GPU, anything else is an error that names the row and the value.
 *
 * @throws {LabelError} a label that is fractional, negative, ≥ numClasses, NaN, infinite or not a number,
 *   e.g. `labels: expected integers in [0, 4), got 4.5 (at row 17).`
 * @throws {ShapeError} empty input, or a 2-D input that is not a single column
 * @throws {DataError} numClasses is not a positive integer
 * @example
 * toLabels([0, 3, 1], 4); // Int32Array [0, 3, 1]
 * toLabels([[2], [0]], 3); // Int32Array [2, 0]
 */
export function toLabels(y: LabelsLike, numClasses: number, subject = 'labels'): Int32Array {
  checkNumClasses(numClasses);
  const list = flatLabels(y, subject);
  const out = new Int32Array(list.length);
  const expected = `integers in [0, ${numClasses})`;
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (typeof v === 'bigint') {
      if (v < 0n || v >= BigInt(numClasses)) {
        throw new LabelError({ subject, expected, got: String(v), where: `row ${i}` });
      }
      out[i] = Number(v);
    } else if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < numClasses) {
      out[i] = v;
    } else {
      throw new LabelError({ subject, expected, got: describeValue(v), where: `row ${i}` });
    }
  }
  return out;
}

/** Options of {@link checkOneHot}. */
export interface OneHotCheckOptions {
  /**
   * Accept probability ("soft") targets such as label-smoothed rows: every entry finite and ≥ 0 and each row
   * summing to 1 within 1e-6. Default false: rows must be exactly one-hot.
   */
  allowSoftTargets?: boolean;
}

/** How far a soft target row's sum may be from 1. */
export const SOFT_TARGET_SUM_TOLERANCE = 1e-6;

/**
 * Checks that every row of a categorical target is one-hot (exactly one 1, the rest 0), or, with
 * `allowSoftTargets`, a probability row (entries ≥ 0 summing to 1 within 1e-6).
 *
 * @throws {LabelError} naming the first bad row and what is wrong with it
 */
export function checkOneHot(targets: Matrix, subject = 'yTrue', options: OneHotCheckOptions = {}): void {
  const { data, rows, cols } = targets instanceof Matrix ? targets : toMatrix(targets, subject);
  checkOptions(options, 'checkOneHot options', ['allowSoftTargets']);
  const soft = booleanOption(options.allowSoftTargets, 'allowSoftTargets', false);
  const expected = soft
    ? 'rows of probabilities (entries >= 0 summing to 1)'
    : 'one-hot rows (a single 1, the rest 0)';
  const hint = soft ? undefined : 'Pass allowSoftTargets: true to accept probability targets.';
  for (let i = 0; i < rows; i++) {
    let sum = 0;
    let ones = 0;
    for (let j = 0; j < cols; j++) {
      const v = data[i * cols + j]!;
      const bad = soft ? !(v >= 0) || v === Number.POSITIVE_INFINITY : v !== 0 && v !== 1;
      if (bad) {
        throw new LabelError({
          subject,
          expected,
          got: describeValue(v),
          where: `row ${i}, column ${j}`,
          hint,
        });
      }
      sum += v;
      if (v === 1) ones++;
    }
    if (soft ? Math.abs(sum - 1) > SOFT_TARGET_SUM_TOLERANCE : ones !== 1) {
      throw new LabelError({
        subject,
        expected,
        got: soft ? `a row summing to ${sum}` : `${ones} entries equal to 1`,
        where: `row ${i}`,
        hint,
      });
    }
  }
}
