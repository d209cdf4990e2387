/** Optimizer lookup by Keras name (`'adam'`, `'sgd'`, `'rmsprop'`, any case) or instance, as `compile` accepts. */
import { DataError, describeValue } from '../../core/errors.js';
import { Adam } from './adam.js';
import type { Optimizer } from './optimizer.js';
import { RMSprop } from './rmsprop.js';
import { SGD } from './sgd.js';

const factories: Record<string, () => Optimizer> = {
  adam: () => new Adam(),
  sgd: () => new SGD(),
  rmsprop: () => new RMSprop(),
};

/** Returns `optimizer` itself, or a new one with Keras defaults for a name. */
export function getOptimizer(optimizer: Optimizer | string): Optimizer {
  if (typeof optimizer === 'string') {
    const make = Object.hasOwn(factories, optimizer.toLowerCase())
      ? factories[optimizer.toLowerCase()]
      : undefined;
    if (!make) {
      throw new DataError({
        subject: 'optimizer',
        expected: `one of ${Object.keys(factories).join(', ')} or an optimizer object`,
        got: JSON.stringify(optimizer),
      });
    }
    return make();
  }
  if (
    typeof optimizer !== 'object' ||
    optimizer === null ||
    typeof (optimizer as Optimizer).apply !== 'function'
  ) {
    throw new DataError({
      subject: 'optimizer',
      expected: 'an optimizer name or object (new Adam(0.001))',
      got: describeValue(optimizer),
    });
  }
  return optimizer;
}

export { Adam, type AdamOptions } from './adam.js';
export type { Optimizer } from './optimizer.js';
export { RMSprop, type RMSpropOptions } from './rmsprop.js';
export { SGD, type SGDOptions } from './sgd.js';
