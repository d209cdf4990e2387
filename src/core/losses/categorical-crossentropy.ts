/**
 * `CategoricalCrossentropy`: cross-entropy against one-hot (or, opt-in, soft) target rows, as Keras defines it.
 *
 * @module
 */

import { describeValue, ShapeError } from '../errors.js';
import { checkOneHot } from '../labels.js';
import { allocFloat, isMatrixLike, Matrix, type MatrixLike, toMatrix } from '../matrix.js';
import { booleanOption } from '../options.js';
import { crossEntropyRows } from './cross-entropy-rows.js';
import {
  type CrossEntropyOptions,
  type Loss,
  type ProbabilityVariant,
  resolveCrossEntropyOptions,
} from './loss.js';

/** Options of {@link CategoricalCrossentropy}. */
export interface CategoricalCrossentropyOptions extends CrossEntropyOptions {
  /**
   * Accept probability targets (entries ≥ 0, rows summing to 1 within 1e-6), e.g. label-smoothed rows.
   * Default false: every target row must be exactly one-hot, and a row that is not is a LabelError.
   */
  allowSoftTargets?: boolean;
}

/**
 * Cross-entropy between target rows t (shape [N, C], one-hot) and predictions (shape [N, C]), reduced by
 * the batch mean like Keras' default `sum_over_batch_size`.
 *
 * - `fromLogits: true`: ℓ_i = Σ_j t_ij (logsumexp(z_i) − z_ij) through the stable log-softmax; gradient of
 *   the mean w.r.t. the logits ((Σ_j t_ij)·softmax(z_i) − t_i) / N, i.e. (softmax − t) / N for one-hot rows.
 * - `fromLogits: false` (default): the `probabilityVariant` formula, by default `'normalize_then_clip'`
 *   (every Keras version and backend): q = p / Σ_j p_j, ℓ_i = −Σ_j t_ij log clip(q_ij, ε, 1 − ε), ε = 1e-7,
 *   with float32 bounds for float32 predictions. The gradient flows through the renormalisation and is zero
 *   where q was clipped. See {@link ProbabilityVariant} for the other variants.
 *
 * @example
 * const loss = new CategoricalCrossentropy({ fromLogits: true });
 * loss.call([[0, 0, 0, 1]], [[1, 2, 3, 4]]); // 0.44018969856119533
 */
export class CategoricalCrossentropy implements Loss {
  /** The Keras name. */
  readonly name = 'categorical_crossentropy';
  /** Whether predictions are logits. */
  readonly fromLogits: boolean;
  /** The probability formula used when `fromLogits` is false. */
  readonly probabilityVariant: ProbabilityVariant;
  /** Whether soft (probability) target rows are accepted. */
  readonly allowSoftTargets: boolean;

  constructor(options: CategoricalCrossentropyOptions = {}) {
    const resolved = resolveCrossEntropyOptions(options, 'CategoricalCrossentropy', 'normalize_then_clip', [
      'fromLogits',
      'probabilityVariant',
      'allowSoftTargets',
    ]);
    this.fromLogits = resolved.fromLogits;
    this.probabilityVariant = resolved.probabilityVariant;
    this.allowSoftTargets = booleanOption(
      options.allowSoftTargets,
      'CategoricalCrossentropy.allowSoftTargets',
      false,
    );
  }

  /** The mean loss over the batch. Shapes: yTrue [N, C], yPred [N, C]. */
  call(yTrue: MatrixLike, yPred: MatrixLike): number {
    const { pred, targets } = this.prepare(yTrue, yPred);
    return this.lossAndGradient(pred.data, pred.rows, pred.cols, targets.data, null, 1) / pred.rows;
  }

  /** The per-example losses: Float64Array [N]. */
  perExample(yTrue: MatrixLike, yPred: MatrixLike): Float64Array {
    const { pred, targets } = this.prepare(yTrue, yPred);
    const out = new Float64Array(pred.rows);
    crossEntropyRows(
      pred.data,
      pred.rows,
      pred.cols,
      targets.data,
      false,
      this.fromLogits,
      this.probabilityVariant,
      null,
      1,
      out,
    );
    return out;
  }

  /** ∂mean/∂yPred: [N, C] in yPred's dtype (w.r.t. logits when `fromLogits`, else probabilities). */
  gradient(yTrue: MatrixLike, yPred: MatrixLike): Matrix {
    const { pred, targets } = this.prepare(yTrue, yPred);
    const grad = allocFloat(pred.dtype, pred.data.length);
    this.lossAndGradient(pred.data, pred.rows, pred.cols, targets.data, grad, 1 / pred.rows);
    return new Matrix(pred.rows, pred.cols, grad);
  }

  /**
   * Raw-buffer kernel for training loops: `target` is a `rows` x `cols` row-major block of one-hot or soft
   * rows (validated by the caller). Returns Σ_i ℓ_i and writes `gradScale · ∂(Σ ℓ)/∂pred` into `grad` when
   * it is not null. Allocates nothing.
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
      false,
      this.fromLogits,
      this.probabilityVariant,
      grad,
      gradScale,
      null,
    );
  }

  private prepare(yTrue: MatrixLike, yPred: MatrixLike): { pred: Matrix; targets: Matrix } {
    const pred = toMatrix(yPred, 'yPred');
    const shape = `${pred.rows} x ${pred.cols}`;
    const hint = 'For integer class labels use SparseCategoricalCrossentropy, or oneHot(labels, numClasses).';
    if (!isMatrixLike(yTrue)) {
      throw new ShapeError({
        subject: 'yTrue',
        expected: `a ${shape} matrix of one-hot rows`,
        got: describeValue(yTrue),
        hint,
      });
    }
    const targets = toMatrix(yTrue, 'yTrue');
    if (targets.rows !== pred.rows || targets.cols !== pred.cols) {
      throw new ShapeError({
        subject: 'yTrue',
        expected: `a ${shape} matrix (the shape of yPred)`,
        got: `a ${targets.rows} x ${targets.cols} matrix`,
        hint: targets.cols === 1 ? hint : undefined,
      });
    }
    checkOneHot(targets, 'yTrue', { allowSoftTargets: this.allowSoftTargets });
    return { pred, targets };
  }
}
