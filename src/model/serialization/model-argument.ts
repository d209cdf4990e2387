/**
 * The check that a model argument is a model, shared by the exporters: a `null` or a plain object would
 * otherwise fail deep inside with an engine `TypeError` that names none of our functions.
 *
 * @module
 */

import { DataError, describeValue } from '../../core/errors.js';
import type { Sequential } from '../sequential.js';

/**
 * Throws a {@link DataError} unless `model` looks like a {@link Sequential} (its layers and weights can be
 * read). Duck-typed, because importing the class here would make an import cycle.
 */
export function checkModelArgument(model: unknown, action: string): asserts model is Sequential {
  const m = model as Partial<Sequential> | null;
  if (typeof m !== 'object' || m === null || !Array.isArray(m.layers) || typeof m.params !== 'function') {
    throw new DataError({
      subject: action,
      expected: 'a Sequential model',
      got: describeValue(model),
    });
  }
}
