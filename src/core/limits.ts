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

/** The element types whose arrays the library allocates. */
export type ElementType = 'float32' | 'float64' | 'int32';

const BYTES: Record<ElementType, number> = { float32: 4, float64: 8, int32: 4 };

/** The most values of type `type` one array may hold (2^28 float32 or int32, 2^27 float64). */
export function maxArrayValues(type: ElementType): number {
  return Math.floor(MAX_ARRAY_BYTES / BYTES[type]);
}

/**
 * Throws a {@link DataError} when an array of `values` values of type `type` would exceed
 * {@link MAX_ARRAY_BYTES}. `shape` says how the count came about (e.g. `"1000000 x 1000000"`), so the message
 * reads `Matrix.zeros: expected at most 134217728 float64 values (1 GiB), got 1000000 x 1000000 = 1000000000000
 * values.` `values` must already be a checked non-negative count.
 *
 * @throws {DataError} too many values
 * @example
 * checkArraySize(rows * cols, 'float64', 'Matrix.zeros', `${rows} x ${cols}`);
 */
export function checkArraySize(
  values: number,
  type: ElementType,
  subject: string,
  shape?: string,
  hint?: string,
): void {
  const limit = maxArrayValues(type);
  if (values <= limit) return;
  throw new DataError({
    subject,
    expected: `at most ${limit} ${type} values (1 GiB)`,
    got: shape === undefined ? `${values} values` : `${shape} = ${values} values`,
    hint,
  });
}
