/**
 * The two models of the softmax lab, built with the library exactly as the lab builds them in Keras:
 * "obvious" = hidden layers → Dense(k, softmax) trained with SparseCategoricalCrossentropy() on probabilities;
 * "preferred" = the same layers → Dense(k, linear) trained with SparseCategoricalCrossentropy({ fromLogits: true }).
 * Both get the same seed, so they start from the same weights and shuffle the same way.
 *
 * @module
 */

import { SparseCategoricalCrossentropy } from '../../core/losses/index.js';
import { type Blobs, makeBlobs } from '../../data/make-blobs.js';
import { Adam, Dense, type Optimizer, RMSprop, Sequential, SGD } from '../../model/index.js';
import type { OptimizerName } from '../state/lab-state.js';
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
