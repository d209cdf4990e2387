/**
 * How large an array the library agrees to allocate, and the check that refuses a larger one before any memory
 * is taken. A typo such as `Matrix.zeros(1e6, 1e6)` or `oneHot(labels, 1e9)` should be a one-line error, not
 * minutes of swapping followed by a crash (or an engine `RangeError` that names nothing of ours).
 *
 * @module
 */

import { DataError } from './errors.js';

/** The most bytes one array may take: 1 GiB (2^28 float32 values, 2^27 float64 values). */
export const MAX_ARRAY_BYTES = 2 ** 30;

/** The most values of `bytesPerValue` bytes one array may hold. */
export function maxArrayValues(bytesPerValue: number): number {
  return Math.floor(MAX_ARRAY_BYTES / bytesPerValue);
}

const TYPE_NAMES: Record<number, string> = { 4: 'float32 or int32', 8: 'float64' };

/**
 * Throws a {@link DataError} when `values` values of `bytesPerValue` bytes would exceed
 * {@link MAX_ARRAY_BYTES}. `shape` says how the count came about (e.g. `"1000000 x 1000000"`), so the message
 * reads `Matrix.zeros: expected at most 134217728 float64 values (1 GiB), got 1000000 x 1000000 = 1e+12 values.`
 * `values` must already be a checked non-negative count.
 *
 * @throws {DataError} too many values
 * @example
 * checkArraySize(rows * cols, 8, 'Matrix.zeros', `${rows} x ${cols}`);
 */
export function checkArraySize(
  values: number,
  bytesPerValue: 4 | 8,
  subject: string,
  shape?: string,
  hint?: string,
): void {
  const limit = maxArrayValues(bytesPerValue);
  if (values <= limit) return;
  throw new DataError({
    subject,
    expected: `at most ${limit} ${TYPE_NAMES[bytesPerValue]} values (1 GiB)`,
    got: shape === undefined ? `${values} values` : `${shape} = ${values} values`,
    hint,
  });
}
