/**
 * The checks on one row and one entry of nested input (`number[][]`), shared by `toMatrix` and by
 * `predict`'s batch reader, so both refuse the same things with the same words.
 *
 * @module
 */

import { DataError, describeValue, ShapeError } from './errors.js';

/** An array or typed array (not a DataView): what one row of nested input may be. */
export function isRow(row: unknown): row is ArrayLike<unknown> {
  return Array.isArray(row) || (ArrayBuffer.isView(row) && !(row instanceof DataView));
}

/**
 * Row `i` of nested input, checked to be an array (or typed array) of `cols` entries.
 *
 * @throws {ShapeError} not an array, or another length than row 0's
 */
export function checkedRow(row: unknown, i: number, cols: number, subject: string): ArrayLike<unknown> {
  if (!isRow(row)) {
    throw new ShapeError({
      subject,
      expected: 'an array as every row',
      got: describeValue(row),
      where: `row ${i}`,
    });
  }
  if (row.length !== cols) {
    throw new ShapeError({
      subject,
      expected: `${cols} columns in every row (as in row 0)`,
      got: `${row.length} columns`,
      where: `row ${i}`,
    });
  }
  return row;
}

/**
 * Entry (i, j) of nested input, checked to be a number (strings, null, BigInt are refused, not coerced).
 *
 * @throws {DataError} not a number
 */
export function checkedNumber(v: unknown, i: number, j: number, subject: string): number {
  if (typeof v !== 'number') {
    throw new DataError({
      subject,
      expected: 'a number',
      got: describeValue(v),
      where: `row ${i}, column ${j}`,
    });
  }
  return v;
}
