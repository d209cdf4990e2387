/**
 * Metrics as Keras computes them during `fit`: a float32 `Mean` accumulator per metric, reset each epoch.
 * The loss is weighted by batch size (`total += L_b · n_b; count += n_b`), so the epoch loss is the
 * per-sample mean; accuracy averages 0/1 per sample. Accuracy is the argmax of each output row (first
 * maximum wins) compared with the label, which works on logits and probabilities alike.
 *
 * @module
 */

import { DataError } from '../core/errors.js';

const f = Math.fround;

/** Keras' `Mean` metric in float32. */
export class MeanMetric {
  private total = 0;
  private count = 0;

  reset(): void {
    this.total = 0;
    this.count = 0;
  }

  /** Adds `value` with weight `weight` (for the loss: the batch mean and the batch size). */
  update(value: number, weight: number): void {
    this.total = f(this.total + f(value * weight));
    this.count = f(this.count + weight);
  }

  /** total / count (0 before any update, as Keras' divide_no_nan). */
  result(): number {
    return this.count === 0 ? 0 : f(this.total / this.count);
  }
}

/** The metric names `compile({ metrics })` accepts. */
export type MetricName = 'accuracy' | 'acc' | 'sparse_categorical_accuracy' | 'categorical_accuracy';

const metricNames: readonly string[] = [
  'accuracy',
  'acc',
  'sparse_categorical_accuracy',
  'categorical_accuracy',
];

/** Checks metric names; they keep the name given (Keras logs `accuracy` when you ask for `accuracy`). */
export function checkMetricNames(metrics: readonly string[]): string[] {
  for (const m of metrics) {
    if (!metricNames.includes(m)) {
      throw new DataError({
        subject: 'metrics',
        expected: `names among ${metricNames.join(', ')}`,
        got: JSON.stringify(m),
      });
    }
  }
  return [...metrics];
}

/**
 * Number of rows of `pred` (rows x cols) whose first-maximum column equals the target class.
 * `target` holds labels (Int32Array) or one-hot rows (Float32Array, rows x cols; its argmax is the class).
 */
export function countCorrect(
  pred: Float32Array,
  rows: number,
  cols: number,
  target: Int32Array | Float32Array,
): number {
  let correct = 0;
  const sparse = target instanceof Int32Array;
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let best = 0;
    let bestValue = pred[o]!;
    for (let j = 1; j < cols; j++) {
      if (pred[o + j]! > bestValue) {
        bestValue = pred[o + j]!;
        best = j;
      }
    }
    let label: number;
    if (sparse) label = target[r]!;
    else {
      label = 0;
      for (let j = 1; j < cols; j++) if (target[o + j]! > target[o + label]!) label = j;
    }
    if (best === label) correct++;
  }
  return correct;
}
