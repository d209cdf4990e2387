/**
 * How large a model and a batch may be, checked before any weight or activation buffer is allocated.
 *
 * Weights, gradients, optimizer slots and activations live in the kernels' WebAssembly memory, which cannot
 * grow past 2 GiB. A layer such as `new Dense({ units: 1e9 })` would otherwise fill that memory (after
 * seconds of drawing initial weights) and fail with an engine `RangeError` naming nothing of ours. The budgets:
 *
 * - {@link MAX_MODEL_WEIGHTS} = 2^26 weights: with its gradient and up to three optimizer slots (Adam with
 *   amsgrad), each weight takes 20 bytes, so 1.25 GiB at most;
 * - {@link MAX_BATCH_VALUES} = 2^25 activation values per batch (rows x the sum of the layers' widths): the
 *   outputs, pre-activations, input gradients and loss gradients of a step take at most 4 such buffers, 512 MiB.
 *
 * @module
 */

import { DataError } from '../core/errors.js';

/** The most weights a model may have (2^26 = 67,108,864; 256 MiB of float32). */
export const MAX_MODEL_WEIGHTS = 2 ** 26;

/** The most activation values one batch may need: rows x (input width + every layer's output width). */
export const MAX_BATCH_VALUES = 2 ** 25;

/**
 * Refuses a weight count above {@link MAX_MODEL_WEIGHTS}. `detail` says how it came about, e.g.
 * `"2 inputs x 1000000000 units + 1000000000 biases"`.
 *
 * @throws {DataError} too many weights
 */
export function checkWeightCount(count: number, subject: string, detail: string): void {
  if (count <= MAX_MODEL_WEIGHTS) return;
  throw new DataError({
    subject,
    expected: `at most ${MAX_MODEL_WEIGHTS} weights (2^26)`,
    got: `${detail} = ${count} weights`,
    hint: 'Use fewer units or fewer input features.',
  });
}

/**
 * Refuses a batch whose activations would exceed {@link MAX_BATCH_VALUES}: `rows` rows through layers whose
 * widths (the input width, then each layer's output width) add up to `widthSum`.
 *
 * @throws {DataError} too many values, with the largest batch size that fits
 */
export function checkBatchValues(rows: number, widthSum: number, subject: string): void {
  const values = rows * widthSum;
  if (values <= MAX_BATCH_VALUES) return;
  const fits = Math.floor(MAX_BATCH_VALUES / widthSum);
  throw new DataError({
    subject,
    expected: `at most ${MAX_BATCH_VALUES} activation values per batch (rows x the sum of the layer widths)`,
    got: `${rows} rows x ${widthSum} = ${values}`,
    hint: fits >= 1 ? `Use a batch size of at most ${fits}.` : 'Use narrower layers.',
  });
}
