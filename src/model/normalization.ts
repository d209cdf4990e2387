/**
 * `Normalization`: Keras' feature-wise standardisation layer. `adapt(X)` stores each column's mean μ and
 * (population) variance σ²; the layer then maps a batch x [B, n] to
 *
 *   y = (x − μ) / max(√σ², ε),   ε = 1e-7 (Keras `backend.epsilon()`)
 *
 * so raw features (digit pixels 0..16, say) reach the first Dense layer centred and scaled. μ and σ² are
 * non-trainable weights: `fit` leaves them alone, `getWeights`/`setWeights` and the saved files carry them.
 *
 * Float32 like Keras: μ, σ² and the denominator max(√σ², ε) are float32 values, and the forward pass is
 * one float32 subtraction and one float32 division per entry (the same two roundings Keras makes).
 *
 * Backward (when the layer is not first): dx = dy / max(√σ², ε); μ and σ² get no gradient.
 *
 * @module
 */

import { DataError, describeValue, ShapeError } from '../core/errors.js';
import { assertFinite, type MatrixLike, toMatrix, toVector, type VectorLike } from '../core/matrix.js';
import { checkOptions } from '../core/options.js';
import type { RandomState } from '../core/random/random-state.js';
import type { Layer, Param } from './layer.js';
import { checkWeightCount } from './memory-limits.js';
import { uniqueName } from './naming.js';

/** Keras' fuzz factor: the smallest standard deviation the layer divides by. */
export const NORMALIZATION_EPSILON = 1e-7;

/** Options of {@link Normalization} (Keras names in camelCase; only the last axis is normalised). */
export interface NormalizationOptions {
  /** Per-feature means, to skip `adapt` (Keras `mean=`). Needs `variance` too. */
  mean?: VectorLike;
  /** Per-feature variances, to skip `adapt` (Keras `variance=`). Needs `mean` too. */
  variance?: VectorLike;
  /** Input width, to build the layer before seeing data. */
  inputDim?: number;
  /** Layer name (default `normalization`, `normalization_1`, ... like Keras). */
  name?: string;
}

const knownOptions = ['mean', 'variance', 'inputDim', 'name'];

const f = Math.fround;

/**
 * Feature-wise standardisation with statistics learned by {@link adapt}.
 *
 * @example
 * const norm = new Normalization();
 * norm.adapt(XTrain); // per-column mean and variance of the training rows
 * const model = new Sequential([norm, new Dense({ units: 25, activation: 'relu' }), new Dense({ units: 10 })]);
 */
export class Normalization implements Layer {
  readonly name: string;
  readonly className = 'Normalization';
  private width: number | undefined;
  private meanValues: Float32Array = new Float32Array(0);
  private varianceValues: Float32Array = new Float32Array(0);
  private paramList: Param[] = [];
  // Set by build() only: a layer adapted before it joins a model must still count as unbuilt there, so
  // that Sequential lets more layers be added after it.
  private isBuilt = false;
  /** max(√σ², ε) per feature, refreshed whenever the statistics may have changed. */
  private denominator: Float32Array = new Float32Array(0);
  private y: Float32Array = new Float32Array(0);

  constructor(options: NormalizationOptions = {}) {
    if (typeof options !== 'object' || options === null) {
      throw new DataError({
        subject: 'Normalization options',
        expected: 'an object like { mean, variance } or nothing',
        got: describeValue(options),
      });
    }
    checkOptions(options, 'Normalization options', knownOptions);
    if (options.name !== undefined && (typeof options.name !== 'string' || options.name === '')) {
      throw new DataError({
        subject: 'Normalization.name',
        expected: 'a non-empty string',
        got: describeValue(options.name),
      });
    }
    this.name = options.name ?? uniqueName('normalization');
    if (options.inputDim !== undefined) {
      if (!Number.isSafeInteger(options.inputDim) || options.inputDim < 1) {
        throw new DataError({
          subject: 'Normalization.inputDim',
          expected: 'a positive integer',
          got: describeValue(options.inputDim),
        });
      }
      this.width = options.inputDim;
    }
    if ((options.mean === undefined) !== (options.variance === undefined)) {
      throw new DataError({
        subject: 'Normalization options',
        expected: 'both mean and variance, or neither',
        got: options.mean === undefined ? 'only variance' : 'only mean',
      });
    }
    if (options.mean !== undefined && options.variance !== undefined) {
      const mean = toVector(options.mean, 'Normalization.mean');
      const variance = toVector(options.variance, 'Normalization.variance');
      this.allocate(this.checkWidth(mean.length, 'Normalization.mean'));
      this.assign(mean, variance);
    }
  }

  get inputDim(): number | undefined {
    return this.width;
  }

  /** Same as the input width (0 while unknown). */
  get outputDim(): number {
    return this.width ?? 0;
  }

  get built(): boolean {
    return this.isBuilt;
  }

  /** The per-feature means μ (a copy). */
  get mean(): Float32Array {
    return this.meanValues.slice();
  }

  /** The per-feature variances σ² (a copy). */
  get variance(): Float32Array {
    return this.varianceValues.slice();
  }

  /**
   * Learns μ and σ² from the rows of X (Keras `adapt` on an array: `mean` and `var` over axis 0, population
   * variance). Sums run in float64 over the float32 inputs; results are rounded to float32 once.
   * Fixes the layer's input width.
   *
   * @throws {ShapeError} X is empty, or its width differs from the built width
   * @throws {DataError} X holds NaN or Infinity
   */
  adapt(X: MatrixLike): void {
    const m = toMatrix(X, 'Normalization.adapt X', 'float32');
    assertFinite(m, 'Normalization.adapt X');
    this.allocate(this.checkWidth(m.cols, 'Normalization.adapt X'));
    const { rows, cols, data } = m;
    const sum = new Float64Array(cols);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) sum[j]! += data[i * cols + j]!;
    const mean = sum.map((s) => s / rows);
    // Two passes (sum of squared deviations) rather than E[x²] − E[x]², which cancels badly for large means.
    const squares = new Float64Array(cols);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const d = data[i * cols + j]! - mean[j]!;
        squares[j]! += d * d;
      }
    }
    this.assign(
      mean,
      squares.map((s) => s / rows),
    );
  }

  /** A mean and a variance per feature: 2 · inputDim. */
  weightCountFor(inputDim: number): number {
    return 2 * inputDim;
  }

  /**
   * Fixes the input width (μ = 0 and σ² = 1 until adapted).
   *
   * @throws {DataError} inputDim is not a positive integer, or too large (refused before allocating)
   * @throws {ShapeError} inputDim differs from the width the layer already has
   */
  build(inputDim: number, _rs: RandomState): void {
    if (!Number.isSafeInteger(inputDim) || inputDim < 1) {
      throw new DataError({
        subject: `${this.name} inputDim`,
        expected: 'a positive integer',
        got: describeValue(inputDim),
      });
    }
    this.allocate(this.checkWidth(inputDim, 'Normalization input'));
    this.isBuilt = true;
  }

  forward(input: Float32Array, rows: number): Float32Array {
    const n = this.width!;
    if (this.y.length < rows * n) this.y = new Float32Array(rows * n);
    this.refreshDenominator();
    const { meanValues: mean, denominator: den, y } = this;
    for (let r = 0; r < rows; r++) {
      const o = r * n;
      for (let j = 0; j < n; j++) y[o + j] = f(input[o + j]! - mean[j]!) / den[j]!;
    }
    return y;
  }

  backward(outputGradient: Float32Array, rows: number, needInputGradient: boolean): Float32Array | null {
    if (!needInputGradient) return null;
    const n = this.width!;
    this.refreshDenominator();
    const den = this.denominator;
    for (let r = 0; r < rows; r++) {
      const o = r * n;
      for (let j = 0; j < n; j++) outputGradient[o + j] = outputGradient[o + j]! / den[j]!;
    }
    return outputGradient;
  }

  /** `mean` then `variance` (Keras 3 order), both non-trainable; empty before build. */
  params(): Param[] {
    return this.isBuilt ? this.paramList : [];
  }

  getConfig(): Record<string, unknown> {
    return {
      name: this.name,
      axis: -1,
      ...(this.width === undefined ? {} : { inputDim: this.width }),
    };
  }

  private checkWidth(width: number, subject: string): number {
    if (this.width !== undefined && width !== this.width) {
      throw new ShapeError({
        subject,
        expected: `${this.width} features (the width of layer ${this.name})`,
        got: `${width} columns`,
      });
    }
    return width;
  }

  /** Creates the weights once (μ = 0, σ² = 1 until adapted, as Keras' initial values). */
  private allocate(width: number): void {
    if (this.paramList.length > 0) return;
    checkWeightCount(2 * width, `Normalization layer ${this.name}`, `2 x ${width} features`);
    this.width = width;
    this.meanValues = new Float32Array(width);
    this.varianceValues = new Float32Array(width).fill(1);
    this.denominator = new Float32Array(width);
    this.paramList = [
      {
        name: 'mean',
        shape: [width],
        value: this.meanValues,
        grad: new Float32Array(width),
        trainable: false,
      },
      {
        name: 'variance',
        shape: [width],
        value: this.varianceValues,
        grad: new Float32Array(width),
        trainable: false,
        // A negative variance has no square root: every output would be NaN.
        minimum: 0,
      },
    ];
  }

  private assign(mean: ArrayLike<number>, variance: ArrayLike<number>): void {
    const n = this.width!;
    if (variance.length !== n) {
      throw new ShapeError({
        subject: 'Normalization.variance',
        expected: `${n} values (one per feature, as the mean)`,
        got: `${variance.length} values`,
      });
    }
    for (let j = 0; j < n; j++) {
      const mu = mean[j]!;
      const v = variance[j]!;
      if (!Number.isFinite(mu) || !Number.isFinite(v) || v < 0) {
        throw new DataError({
          subject: `Normalization ${this.name}`,
          expected: 'finite means and finite variances >= 0',
          got: `mean ${mu}, variance ${v}`,
          where: `feature ${j}`,
        });
      }
      this.meanValues[j] = mu;
      this.varianceValues[j] = v;
    }
  }

  // setWeights writes μ and σ² straight into the param buffers, so the denominator is recomputed from them
  // on each forward pass (n square roots: noise next to the n·B divisions).
  private refreshDenominator(): void {
    const n = this.width!;
    const eps = f(NORMALIZATION_EPSILON);
    for (let j = 0; j < n; j++) this.denominator[j] = Math.max(f(Math.sqrt(this.varianceValues[j]!)), eps);
  }
}

/** max(√σ², ε) per feature in float32, the divisor {@link Normalization} applies (for exporters). */
export function normalizationDenominator(variance: Float32Array): Float32Array {
  const eps = f(NORMALIZATION_EPSILON);
  return variance.map((v) => Math.max(f(Math.sqrt(v)), eps));
}
