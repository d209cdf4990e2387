/**
 * The two models of the softmax lab, built with the library exactly as the lab builds them in Keras:
 * "obvious" = hidden layers → Dense(k, softmax) trained with SparseCategoricalCrossentropy() on probabilities;
 * "preferred" = the same layers → Dense(k, linear) trained with SparseCategoricalCrossentropy({ fromLogits: true }).
 * Both get the same seed, so they start from the same weights and shuffle the same way.
 *
 * @module
 */

import { LabelError } from '../../core/errors.js';
import { SparseCategoricalCrossentropy } from '../../core/losses/index.js';
import { Matrix } from '../../core/matrix.js';
import { type Blobs, makeBlobs } from '../../data/make-blobs.js';
import { Adam, Dense, type Optimizer, RMSprop, Sequential, SGD } from '../../model/index.js';
import type { AddedPoint, OptimizerName } from '../state/lab-state.js';
import type { TrainSettings } from './protocol.js';

/** Which of the lab's two formulations. */
export type ModelKind = 'obvious' | 'preferred';

function optimizerFor(name: OptimizerName, learningRate: number): Optimizer {
  if (name === 'sgd') return new SGD(learningRate);
  if (name === 'rmsprop') return new RMSprop(learningRate);
  return new Adam(learningRate);
}

/**
 * Builds and compiles one of the lab's models for `classes` outputs (metrics: accuracy).
 *
 * @example
 * const model = buildLabModel('preferred', settings, 4); // 25 relu → 15 relu → 4 linear, fromLogits
 */
export function buildLabModel(kind: ModelKind, s: TrainSettings, classes: number): Sequential {
  const layers = s.hidden.map((units) => new Dense({ units, activation: s.activation }));
  layers.push(new Dense({ units: classes, activation: kind === 'obvious' ? 'softmax' : 'linear' }));
  const model = new Sequential(layers, { seed: s.modelSeed });
  model.compile({
    optimizer: optimizerFor(s.optimizer, s.learningRate),
    loss: new SparseCategoricalCrossentropy({ fromLogits: kind === 'preferred' }),
    metrics: ['accuracy'],
  });
  return model;
}

/** The training blobs: `makeBlobs` with the settings' samples, centres, std and seed. */
export function makeTrainingData(s: TrainSettings): Blobs {
  return makeBlobs({ nSamples: s.samples, centers: s.centers, clusterStd: s.std, randomState: s.dataSeed });
}

/** The rows the models train on: the blobs, then the learner's points; `added` counts the latter. */
export interface TrainingSet {
  X: Matrix<Float64Array>;
  y: Int32Array;
  added: number;
}

/**
 * The training rows: {@link makeTrainingData}'s blobs (N × 2) followed by the learner's points (M × 2), so
 * the first N rows, and with no added points the whole set, are exactly the blobs (the same numbers as the
 * lab in Node). With no points the blob arrays themselves are returned, not copies.
 *
 * @throws LabelError if a point's class is not in [0, centres) (the page drops such points before sending).
 * @example
 * makeTrainingSet({ ...settings, addedPoints: [{ x0: 0, x1: 0, label: 2 }] }); // X: (N + 1) × 2, added: 1
 */
export function makeTrainingSet(s: TrainSettings): TrainingSet {
  return appendPoints(makeTrainingData(s), s.addedPoints, s.centers.length);
}

/** `blobs` (rows of 2 with labels) followed by `points`; see {@link makeTrainingSet}. */
export function appendPoints(
  blobs: { X: Matrix<Float64Array>; y: Int32Array },
  points: readonly AddedPoint[],
  classes: number,
): TrainingSet {
  if (points.length === 0) return { X: blobs.X, y: blobs.y, added: 0 };
  const n = blobs.y.length;
  const x = new Float64Array((n + points.length) * 2);
  x.set(blobs.X.data);
  const y = new Int32Array(n + points.length);
  y.set(blobs.y);
  points.forEach((p, i) => {
    if (!Number.isInteger(p.label) || p.label < 0 || p.label >= classes) {
      throw new LabelError({
        subject: 'added point label',
        expected: `a class in 0…${classes - 1}`,
        got: String(p.label),
        where: `added point ${i}`,
      });
    }
    x[2 * (n + i)] = p.x0;
    x[2 * (n + i) + 1] = p.x1;
    y[n + i] = p.label;
  });
  return { X: new Matrix(n + points.length, 2, x), y, added: points.length };
}

/**
 * The held-out test blobs: a quarter as many samples (at least 20) from the same centres and std, drawn with
 * `random_state` seed + 1 (mod 2^32) so that they are independent of the training draw.
 */
export function makeTestData(s: TrainSettings): Blobs {
  return makeBlobs({
    nSamples: Math.max(20, Math.round(s.samples / 4)),
    centers: s.centers,
    clusterStd: s.std,
    randomState: (s.dataSeed + 1) % 4294967296,
  });
}
