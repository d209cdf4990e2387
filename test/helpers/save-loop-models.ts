/**
 * Two different small models (a Normalization layer, Dense 8 relu, Dense 3 linear; seeds 1 and 2, built, not
 * trained) for the interrupted-save tests: the test process and its child processes build them the same way,
 * so a model read back from disk can be told apart as "A" or "B" by its predictions on {@link probeRows}.
 */
import { Matrix } from '../../src/core/matrix.js';
import { Dense } from '../../src/model/dense.js';
import { Normalization } from '../../src/model/normalization.js';
import { Sequential } from '../../src/model/sequential.js';

/** Rows spread over the plane, so that two models with different weights give different outputs. */
export const probeRows = Matrix.from(
  Array.from({ length: 16 }, (_, i) => [Math.cos(i) * (i + 1), Math.sin(i * 1.7) * 3 - i / 4]),
);

/** Model "A" (seed 1) or "B" (seed 2). */
export function saveLoopModel(which: 'A' | 'B'): Sequential {
  const norm = new Normalization({ mean: [0.5, -1], variance: [4, 9] });
  const model = new Sequential(
    [norm, new Dense({ units: 8, activation: 'relu' }), new Dense({ units: 3, activation: 'linear' })],
    { seed: which === 'A' ? 1 : 2 },
  );
  model.build(2);
  return model;
}
