/**
 * The page's one state object: every control of every section, with the defaults of the softmax lab and the
 * limits the URL parser enforces. Sections read it and report changes; `url-state.ts` (de)serializes it.
 *
 * @module
 */

/** Hidden-layer activations the training section offers. */
export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid'] as const;
/** A hidden-layer activation name (Keras spelling). */
export type HiddenActivation = (typeof ACTIVATIONS)[number];

/** Optimizers the training section offers (Keras names, lower case). */
export const OPTIMIZERS = ['adam', 'sgd', 'rmsprop'] as const;
/** An optimizer name. */
export type OptimizerName = (typeof OPTIMIZERS)[number];

/**
 * A point the learner added to the training data by clicking the scatter: its coordinates (rounded to two
 * decimals, within {@link LIMITS}.coordinate) and its class, in [0, k) for k centres.
 */
export interface AddedPoint {
  x0: number;
  x1: number;
  label: number;
}

/** Every control of the page. */
export interface LabState {
  /** Softmax explorer logits z_0 … z_{k−1}; k = z.length is the class count. */
  z: number[];
  /** The constant c added to every logit (softmax is invariant to it; the naive form is not). */
  shift: number;
  /** Temperature T: the explorer shows softmax((z + c) / T). */
  temperature: number;
  /** Show the naive exp(z)/Σexp(z) (float32) instead of the max-shifted softmax. */
  naive: boolean;
  /** Target class y of the cross-entropy section, in [0, k). */
  target: number;
  /** Blobs: total number of samples. */
  samples: number;
  /** Blobs: cluster standard deviation. */
  std: number;
  /** Blobs: `random_state`. */
  dataSeed: number;
  /** Blobs: the cluster centres (one class each), as [x0, x1] rows. */
  centers: [number, number][];
  /** The learner's own points, appended after the blob rows of the training data (at most 200). */
  addedPoints: AddedPoint[];
  /** Units of each hidden layer (empty: softmax regression). */
  hidden: number[];
  /** Activation of the hidden layers. */
  activation: HiddenActivation;
  /** Optimizer of both models. */
  optimizer: OptimizerName;
  /** Learning rate of the optimizer. */
  learningRate: number;
  /** Rows per training step. */
  batchSize: number;
  /** Epochs that "play" runs to. */
  epochs: number;
  /** Seed of both models' RandomState (initial weights and shuffles). */
  modelSeed: number;
}

/** The lab's settings: logits 1, 2, 3, 4; blobs (2000, lab centres, std 1, seed 30); 25 relu → 15 relu; Adam(0.001). */
export function defaultState(): LabState {
  return {
    z: [1, 2, 3, 4],
    shift: 0,
    temperature: 1,
    naive: false,
    target: 3,
    samples: 2000,
    std: 1,
    dataSeed: 30,
    centers: [
      [-5, 2],
      [-2, -2],
      [1, 2],
      [5, -2],
    ],
    addedPoints: [],
    hidden: [25, 15],
    activation: 'relu',
    optimizer: 'adam',
    learningRate: 0.001,
    batchSize: 32,
    epochs: 10,
    modelSeed: 1234,
  };
}

/** A closed range, with `integer` for counts and seeds. */
export interface Range {
  min: number;
  max: number;
  integer?: boolean;
}

/**
 * The accepted ranges. The slider range of a logit is narrower ([−10, 10], the lab's picture widened to
 * negatives) than what the number box and the URL accept, so that the overflow demo (z ≈ 89 in float32)
 * can be typed in.
 */
export const LIMITS = {
  classes: { min: 2, max: 10, integer: true },
  logit: { min: -1000, max: 1000 },
  logitSlider: { min: -10, max: 10 },
  shift: { min: -100, max: 100 },
  temperature: { min: 0.1, max: 10 },
  samples: { min: 20, max: 5000, integer: true },
  std: { min: 0, max: 5 },
  seed: { min: 0, max: 4294967295, integer: true },
  centers: { min: 2, max: 10, integer: true },
  coordinate: { min: -20, max: 20 },
  addedPoints: { min: 0, max: 200, integer: true },
  hiddenLayers: { min: 0, max: 4, integer: true },
  units: { min: 1, max: 256, integer: true },
  learningRate: { min: 0.00001, max: 10 },
  batchSize: { min: 1, max: 5000, integer: true },
  epochs: { min: 1, max: 1000, integer: true },
} as const satisfies Record<string, Range>;

/** Clamps v into [range.min, range.max] (and rounds it for integer ranges). */
export function clampTo(v: number, range: Range): number {
  const x = range.integer ? Math.round(v) : v;
  // `+ 0` turns −0 into 0, so that the serializer never writes "-0".
  return Math.min(range.max, Math.max(range.min, x)) + 0;
}
