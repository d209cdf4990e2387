/**
 * `SparseCategoricalCrossentropy`: cross-entropy against integer class labels, as Keras defines it.
 *
 * @module
 */

import { ShapeError } from '../errors.js';
import { type LabelsLike, toLabels } from '../labels.js';
import { allocFloat, Matrix, type MatrixLike, toMatrix } from '../matrix.js';
import { crossEntropyRows } from './cross-entropy-rows.js';
import {
  type CrossEntropyOptions,
  type Loss,
  type ProbabilityVariant,
  resolveCrossEntropyOptions,
} from './loss.js';

/**
 * Cross-entropy between integer labels y (shape [N] or [N, 1]) and predictions (shape [N, C]), reduced by
 * the batch mean like Keras' default `sum_over_batch_size`.
 *
 * - `fromLogits: true` (the numerically stable choice): ℓ_i = logsumexp(z_i) − z_{i,y_i}, computed as
 *   log Σ_j exp(z_ij − m_i) − (z_{i,y_i} − m_i) with m_i = max_j z_ij; gradient of the mean w.r.t. the
 *   logits (softmax(z_i) − onehot(y_i)) / N.
 * - `fromLogits: false` (default, predictions are probabilities): the `probabilityVariant` formula, by
 *   default `'clip_then_normalize'`, ℓ_i = −log(c_{i,y_i} / Σ_j c_ij) with c = clip(p, ε, 1 − ε), ε = 1e-7
 *   (what tf.keras and Keras 3 on TensorFlow compute for a plain probability array). The bounds are rounded
 *   to float32 for float32 predictions, as Keras does. See {@link ProbabilityVariant} for the other
 *   variants. The gradient is zero for clipped entries.
 *
 * Labels must be integers in [0, C): anything else is a {@link LabelError} naming the row and the value
 * (Keras would truncate a float label, and on GPU turn an out-of-range one into NaN).
 *
 * @example
 * const loss = new SparseCategoricalCrossentropy({ fromLogits: true });
 * loss.call([3], [[1, 2, 3, 4]]); // 0.44018969856119533
 * loss.gradient([3], [[1, 2, 3, 4]]).toArray(); // ≈ [[0.0321, 0.0871, 0.2369, -0.3561]]
 */
export class SparseCategoricalCrossentropy implements Loss {
  /** The Keras name. */
  readonly name = 'sparse_categorical_crossentropy';
  /** Whether predictions are logits. */
  readonly fromLogits: boolean;
  /** The probability formula used when `fromLogits` is false. */
  readonly probabilityVariant: ProbabilityVariant;

  constructor(options: CrossEntropyOptions = {}) {
    const resolved = resolveCrossEntropyOptions(
      options,
      'SparseCategoricalCrossentropy',
      'clip_then_normalize',
    );
    this.fromLogits = resolved.fromLogits;
    this.probabilityVariant = resolved.probabilityVariant;
  }

  /** The mean loss over the batch. Shapes: yTrue [N] or [N, 1], yPred [N, C]. */
  call(yTrue: LabelsLike, yPred: MatrixLike): number {
    const { pred, labels } = prepare(yTrue, yPred);
    return this.lossAndGradient(pred.data, pred.rows, pred.cols, labels, null, 1) / pred.rows;
  }

  /** The per-example losses: Float64Array [N]. */
  perExample(yTrue: LabelsLike, yPred: MatrixLike): Float64Array {
    const { pred, labels } = prepare(yTrue, yPred);
    const out = new Float64Array(pred.rows);
    crossEntropyRows(
      pred.data,
      pred.rows,
      pred.cols,
      labels,
      true,
      this.fromLogits,
      this.probabilityVariant,
      null,
      1,
      out,
    );
    return out;
  }

  /** ∂mean/∂yPred: [N, C] in yPred's dtype (w.r.t. logits when `fromLogits`, else probabilities). */
  gradient(yTrue: LabelsLike, yPred: MatrixLike): Matrix {
    const { pred, labels } = prepare(yTrue, yPred);
    const grad = allocFloat(pred.dtype, pred.data.length);
    this.lossAndGradient(pred.data, pred.rows, pred.cols, labels, grad, 1 / pred.rows);
    return new Matrix(pred.rows, pred.cols, grad);
  }

  /**
   * Raw-buffer kernel for training loops: `target` holds one label per row (validated by the caller).
   * Returns Σ_i ℓ_i and writes `gradScale · ∂(Σ ℓ)/∂pred` into `grad` when it is not null. Allocates nothing.
   */
  lossAndGradient(
    pred: Float32Array | Float64Array,
    rows: number,
    cols: number,
    target: Int32Array | Float32Array | Float64Array,
    grad: Float32Array | Float64Array | null,
    gradScale: number,
  ): number {
    return crossEntropyRows(
      pred,
      rows,
      cols,
      target,
      true,
      this.fromLogits,
      this.probabilityVariant,
      grad,
      gradScale,
      null,
    );
  }
}

function prepare(yTrue: LabelsLike, yPred: MatrixLike): { pred: Matrix; labels: Int32Array } {
  const pred = toMatrix(yPred, 'yPred');
  const labels = toLabels(yTrue, pred.cols, 'yTrue');
  if (labels.length !== pred.rows) {
    throw new ShapeError({
      subject: 'yTrue',
      expected: `${pred.rows} labels (one per row of yPred)`,
      got: `${labels.length} labels`,
    });
  }
  return { pred, labels };
}
