/**
 * The cross-entropy losses and the name registry that `compile()`, the CLI and the page share.
 *
 * @module
 */

import { DataError, describeValue } from '../errors.js';
import { CategoricalCrossentropy, type CategoricalCrossentropyOptions } from './categorical-crossentropy.js';
import type { Loss } from './loss.js';
import { SparseCategoricalCrossentropy } from './sparse-categorical-crossentropy.js';

export { CategoricalCrossentropy, type CategoricalCrossentropyOptions } from './categorical-crossentropy.js';
export * from './loss.js';
export { SparseCategoricalCrossentropy } from './sparse-categorical-crossentropy.js';

/** Loss names accepted by {@link getLoss}: the Keras snake_case names and the TF.js camelCase ones. */
export type LossName =
  | 'sparse_categorical_crossentropy'
  | 'categorical_crossentropy'
  | 'sparseCategoricalCrossentropy'
  | 'categoricalCrossentropy';

const FACTORIES: Record<LossName, (options: CategoricalCrossentropyOptions) => Loss> = {
  sparse_categorical_crossentropy: (o) => new SparseCategoricalCrossentropy(o),
  categorical_crossentropy: (o) => new CategoricalCrossentropy(o),
  sparseCategoricalCrossentropy: (o) => new SparseCategoricalCrossentropy(o),
  categoricalCrossentropy: (o) => new CategoricalCrossentropy(o),
};

/** Every name {@link getLoss} knows, for help texts. */
export const LOSS_NAMES: readonly LossName[] = Object.keys(FACTORIES) as LossName[];

function isLoss(value: unknown): value is Loss {
  const v = value as Partial<Loss> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.call === 'function' &&
    typeof v.lossAndGradient === 'function'
  );
}

/**
 * Resolves a loss given by name (Keras snake_case or TF.js camelCase) or passes a loss object through.
 * `options` (e.g. `{ fromLogits: true }`) apply to a name; unlike a TF.js compile string, a name can
 * therefore carry `fromLogits`.
 *
 * @throws {DataError} an unknown name, listing the known ones
 * @example
 * getLoss('sparse_categorical_crossentropy', { fromLogits: true }).name; // 'sparse_categorical_crossentropy'
 */
export function getLoss(
  nameOrInstance: LossName | string | Loss,
  options: CategoricalCrossentropyOptions = {},
): Loss {
  if (isLoss(nameOrInstance)) return nameOrInstance;
  if (typeof nameOrInstance === 'string' && Object.hasOwn(FACTORIES, nameOrInstance)) {
    return FACTORIES[nameOrInstance as LossName](options);
  }
  throw new DataError({
    subject: 'loss',
    expected: `one of ${LOSS_NAMES.map((n) => `'${n}'`).join(', ')}, or a loss object`,
    got: describeValue(nameOrInstance),
  });
}
