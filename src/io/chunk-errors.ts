/**
 * Errors raised while parsing one chunk of a file name positions inside that chunk; this turns them into
 * positions in the whole file, so a streamed read reports exactly what reading the whole file would.
 *
 * @module
 */

import { type ErrorDetails, SoftmaxLabError } from '../core/errors.js';

/**
 * The same error with `where: "line N…"` (or `"index N…"`, `"row N…"`) moved by `delta`; other errors
 * unchanged.
 *
 * @example
 * shiftPosition(new ModelFormatError({ ..., where: 'line 3, column 2 (x1)' }), 'line', 1000);
 * // ... (at line 1003, column 2 (x1))
 */
export function shiftPosition(error: unknown, unit: 'line' | 'index' | 'row', delta: number): unknown {
  if (!(error instanceof SoftmaxLabError) || error.details?.where === undefined || delta === 0) return error;
  const pattern = new RegExp(`^${unit} (\\d+)`);
  const { where } = error.details;
  if (!pattern.test(where)) return error;
  const shifted = where.replace(pattern, (_, n: string) => `${unit} ${Number(n) + delta}`);
  const Kind = error.constructor as new (details: ErrorDetails) => SoftmaxLabError;
  return new Kind({ ...error.details, where: shifted });
}
