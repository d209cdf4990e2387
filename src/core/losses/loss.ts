/**
 * What the cross-entropy losses share: the `Loss` interface, options, the ε clip bounds and the
 * probability-formula variants.
 *
 * @module
 */

import { DataError, describeValue } from '../errors.js';
import type { LabelsLike } from '../labels.js';
import type { FloatArray, Matrix, MatrixLike } from '../matrix.js';
import { checkOptions } from '../options.js';

/** Keras' fuzz factor ε (`keras.backend.epsilon()`), used to clip probabilities to [ε, 1 − ε]. */
export const EPSILON = 1e-7;

/**
 * The clip bounds [ε, 1 − ε] in float64: `[1e-7, 0.9999999]`. Float32 predictions use
 * {@link CLIP_BOUNDS_FLOAT32}, because Keras builds the bounds as tensors of the prediction's dtype.
 */
export const CLIP_BOUNDS_FLOAT64: readonly [number, number] = [EPSILON, 1 - EPSILON];

/**
 * The clip bounds rounded to float32, as Keras uses them on float32 predictions:
 * `[1.0000000116860974e-7, 0.9999998807907104]` (1 − ε rounds down to 1 − 2^-23).
 */
export const CLIP_BOUNDS_FLOAT32: readonly [number, number] = [
  Math.fround(EPSILON),
  Math.fround(1 - EPSILON),
];

/** The clip bounds for predictions stored in `pred`'s dtype. */
export function clipBoundsFor(pred: FloatArray): readonly [number, number] {
  return pred instanceof Float32Array ? CLIP_BOUNDS_FLOAT32 : CLIP_BOUNDS_FLOAT64;
}

/**
 * How a cross-entropy turns *probabilities* into a loss (only used when `fromLogits` is false). With
 * c = clip(·, ε, 1 − ε), target weights t (one-hot for the sparse loss) and p a predicted row:
 * - `'clip_then_normalize'`: ℓ = −Σ_j t_j log(c(p_j) / Σ_k c(p_k)). What tf.keras 2.x and Keras 3 on the
 *   TensorFlow backend compute for the sparse loss (log of the clipped probabilities fed to
 *   `sparse_softmax_cross_entropy_with_logits`, which renormalises). Default of SparseCategoricalCrossentropy.
 * - `'normalize_then_clip'`: q = p / Σ_k p_k, ℓ = −Σ_j t_j log c(q_j). The categorical loss in every Keras
 *   version and backend, and the sparse loss of Keras 3 on the jax, numpy and torch backends.
 *   Default of CategoricalCrossentropy.
 * - `'plain_clip'`: ℓ = −Σ_j t_j log c(p_j), no renormalisation (the textbook formula with a guard).
 *
 * The three agree when a row sums to 1 and no entry needs clipping. The gradient of the clip is zero
 * outside [ε, 1 − ε] (TensorFlow's `clip_by_value` and `torch.clamp`), so clipped entries stop learning.
 */
export type ProbabilityVariant = 'clip_then_normalize' | 'normalize_then_clip' | 'plain_clip';

/** Every {@link ProbabilityVariant}, for validation and help texts. */
export const PROBABILITY_VARIANTS: readonly ProbabilityVariant[] = [
  'clip_then_normalize',
  'normalize_then_clip',
  'plain_clip',
];

/** Constructor options shared by the cross-entropy losses (Keras names, camelCase). */
export interface CrossEntropyOptions {
  /**
   * True when predictions are logits (pre-softmax scores): the loss is then computed through a stable
   * log-softmax and no clipping happens. Default false (predictions are probabilities).
   */
  fromLogits?: boolean;
  /** The probability formula when `fromLogits` is false; see {@link ProbabilityVariant}. */
  probabilityVariant?: ProbabilityVariant;
}

/** A loss function object, in the shape of a Keras `Loss` plus the raw-buffer kernel training uses. */
export interface Loss {
  /** The Keras name, e.g. `'sparse_categorical_crossentropy'`. */
  readonly name: string;
  /** Whether predictions are logits. */
  readonly fromLogits: boolean;
  /** The batch mean of the per-example losses (Keras' default `sum_over_batch_size` reduction). */
  call(yTrue: LabelsLike | MatrixLike, yPred: MatrixLike): number;
  /** The per-example losses, one per row of `yPred`. */
  perExample(yTrue: LabelsLike | MatrixLike, yPred: MatrixLike): Float64Array;
  /** The gradient of the batch mean with respect to `yPred`, in `yPred`'s dtype. */
  gradient(yTrue: LabelsLike | MatrixLike, yPred: MatrixLike): Matrix;
  /**
   * Allocation-free kernel on raw row-major buffers, without validation: returns the SUM of the per-example
   * losses of the `rows` x `cols` block `pred`, and when `grad` is not null writes `gradScale · ∂sum/∂pred`
   * into it (gradScale = 1/rows gives the gradient of the mean). Computes in float64 and rounds on store.
   */
  lossAndGradient(
    pred: Float32Array | Float64Array,
    rows: number,
    cols: number,
    target: Int32Array | Float32Array | Float64Array,
    grad: Float32Array | Float64Array | null,
    gradScale: number,
  ): number;
}

/** Checks the shared options and fills in the defaults. */
export function resolveCrossEntropyOptions(
  options: CrossEntropyOptions,
  lossName: string,
  defaultVariant: ProbabilityVariant,
  known: readonly string[] = ['fromLogits', 'probabilityVariant'],
): { fromLogits: boolean; probabilityVariant: ProbabilityVariant } {
  const checked = checkOptions(options, `${lossName} options`, known);
  const { fromLogits = false, probabilityVariant = defaultVariant } = checked;
  if (typeof fromLogits !== 'boolean') {
    throw new DataError({
      subject: `${lossName}.fromLogits`,
      expected: 'true or false',
      got: describeValue(fromLogits),
    });
  }
  if (!PROBABILITY_VARIANTS.includes(probabilityVariant)) {
    throw new DataError({
      subject: `${lossName}.probabilityVariant`,
      expected: `one of ${PROBABILITY_VARIANTS.map((v) => `'${v}'`).join(', ')}`,
      got: describeValue(probabilityVariant),
    });
  }
  return { fromLogits, probabilityVariant };
}
