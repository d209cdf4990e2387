/**
 * Messages between the page and the training worker. Every message carries the `run` number of the reset
 * that started it, so results of a run that was reset meanwhile are dropped by the page.
 *
 * @module
 */

import type { AddedPoint, HiddenActivation, OptimizerName } from '../state/lab-state.js';

/** What the worker needs to rebuild the data and both models (a slice of the page state). */
export interface TrainSettings {
  samples: number;
  std: number;
  dataSeed: number;
  centers: [number, number][];
  /** The learner's points, appended after the blob rows (classes in [0, centers.length)). */
  addedPoints: AddedPoint[];
  hidden: number[];
  activation: HiddenActivation;
  optimizer: OptimizerName;
  learningRate: number;
  batchSize: number;
  modelSeed: number;
}

/**
 * The decision-region grid: `nx × ny` cells over [xMin, xMax] × [yMin, yMax], x fastest, row 0 at the
 * **top** (yMax) so that it maps straight onto canvas pixels; cell (i, j) has its centre at
 * (xMin + (i + ½)·dx, yMax − (j + ½)·dy).
 */
export interface GridSpec {
  nx: number;
  ny: number;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/** One model's state after an epoch. Losses and accuracies come from `evaluate` after the epoch's updates. */
export interface ModelReport {
  /** Training-set loss and accuracy, `evaluate(X, y, { returnDict: true })`. */
  loss: number;
  accuracy: number;
  /** The same on the held-out test set. */
  testLoss: number;
  testAccuracy: number;
  /** Class probabilities on the grid, `nx·ny·k`, cell-major (see {@link GridSpec}). */
  grid: Float32Array;
  /** Class probabilities of every training point, `N·k`. */
  pointProbs: Float32Array;
  /** Training-set confusion counts, `k·k`, row = true class, column = predicted class. */
  confusion: Int32Array;
  /** The raw model outputs (probabilities or logits) of the first few training rows, `rows·k`. */
  firstOutputs: Float32Array;
  /** Per-unit pictures (the preferred model only). */
  units?: UnitMaps;
}

/**
 * What single units compute over the input plane, on a coarse grid (`nx × ny`, same cell order as
 * {@link GridSpec}): each first-hidden-layer unit's activation and each output unit's logit, unit-major
 * (`values[u·nx·ny + cell]`), like the lab's `plt_layer_relu` and `plt_output_layer_linear` pictures.
 */
export interface UnitMaps {
  nx: number;
  ny: number;
  /** First hidden layer (absent without hidden layers). */
  hidden?: { units: number; activation: string; values: Float32Array };
  /** Output logits. */
  logits: { units: number; values: Float32Array };
}

/** A model whose training stopped (for example a loss that became NaN). */
export interface ModelFailure {
  failed: string;
}

/** Page → worker. */
export type ToWorker =
  | { type: 'reset'; run: number; settings: TrainSettings }
  | { type: 'step'; run: number }
  | { type: 'weights'; run: number };

/** One layer's weights in Keras order and shapes: kernel (in × units) as rows, bias (units). */
export interface LayerWeights {
  name: string;
  activation: string;
  kernel: number[][];
  bias: number[];
}

/**
 * Both models' weights as plain JSON, loadable with `model.setWeights(layers.flatMap((l) => [l.kernel, l.bias]))`
 * into a model built with the same layers.
 */
export interface WeightsMessage {
  type: 'weights';
  run: number;
  format: 'softmax-lab-weights/1';
  epoch: number;
  settings: TrainSettings;
  models: { obvious: LayerWeights[]; preferred: LayerWeights[] };
}

/** The data set the worker generated, sent once per reset. */
export interface DataMessage {
  type: 'data';
  run: number;
  /** Training rows, `N × 2` row-major, and their labels: the blobs, then the learner's points. */
  x: Float64Array;
  y: Int32Array;
  /** How many of the last rows of `x` and `y` are the learner's points (0: the blobs only). */
  added: number;
  /** Held-out test rows (same centres and std, seed + 1). */
  testX: Float64Array;
  testY: Int32Array;
  classes: number;
  grid: GridSpec;
}

/** The result of one epoch of both models (epoch 0 is the untrained models). */
export interface EpochMessage {
  type: 'epoch';
  run: number;
  epoch: number;
  obvious: ModelReport | ModelFailure;
  preferred: ModelReport | ModelFailure;
  /** Wall time of the epoch in the worker, both models, in ms. */
  ms: number;
}

/** Worker → page. */
export type FromWorker =
  | DataMessage
  | EpochMessage
  | WeightsMessage
  | { type: 'error'; run: number; message: string };

/** Rows whose raw outputs go into {@link ModelReport.firstOutputs} (the targets section shows them). */
export const FIRST_ROWS = 5;
