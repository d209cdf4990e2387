/**
 * argmax (the predicted class) and oneHot (its inverse for targets).
 *
 * @module
 */

import { checkNumClasses, type LabelsLike, toLabels } from './labels.js';
import { checkArraySize } from './limits.js';
import { type FloatArray, isMatrixLike, Matrix, type MatrixLike, toMatrix, toVector } from './matrix.js';

/**
 * Index of the largest entry of `src[off .. off + cols)`, with numpy's rules: the first maximum wins ties,
 * and a NaN counts as the maximum, so the index of the first NaN is returned.
 */
export function argmaxRow(src: FloatArray, off: number, cols: number): number {
  let best = 0;
  let bestValue = src[off]!;
  if (Number.isNaN(bestValue)) return 0;
  for (let j = 1; j < cols; j++) {
    const v = src[off + j]!;
    if (v > bestValue) {
      best = j;
      bestValue = v;
    } else if (Number.isNaN(v)) {
      return j;
    }
  }
  return best;
}

/** Row-wise {@link argmaxRow} of a `rows` x `cols` block into `out` (length ≥ rows). Allocates nothing. */
export function argmaxRowsInto(src: FloatArray, rows: number, cols: number, out: Int32Array): Int32Array {
  for (let i = 0; i < rows; i++) out[i] = argmaxRow(src, i * cols, cols);
  return out;
}

/**
 * argmax of a vector (a number), or row-wise argmax of a matrix (an `Int32Array`, one class per row):
 * the predicted class of probabilities or logits alike, as `np.argmax(p, axis=-1)`.
 * Ties go to the first maximum; a NaN wins (numpy returns the index of the first NaN).
 *
 * @throws {ShapeError} empty or ragged input
 * @throws {DataError} an entry that is not a number
 * @example
 * argmax([0.1, 0.7, 0.7]); // 1
 * argmax([[1, 2], [5, 0]]); // Int32Array [1, 0]
 */
export function argmax(z: readonly number[] | FloatArray): number;
export function argmax(z: MatrixLike): Int32Array;
export function argmax(z: readonly number[] | FloatArray | MatrixLike): number | Int32Array {
  if (isMatrixLike(z)) {
    const m = toMatrix(z, 'z');
    return argmaxRowsInto(m.data, m.rows, m.cols, new Int32Array(m.rows));
  }
  const v = toVector(z as readonly number[] | FloatArray, 'z');
  return argmaxRow(v, 0, v.length);
}

/**
 * One-hot encoding: row i is all zeros except a 1 in column labels[i]. Shapes: labels [N] (or [N, 1]) →
 * float32 Matrix [N, numClasses], the dtype Keras trains with.
 *
 * @throws {LabelError} a label that is not an integer in [0, numClasses) (naming the row and value)
 * @throws {DataError} numClasses is not a positive integer, or the result would exceed 1 GiB (refused before
 *   allocating)
 * @example
 * oneHot([2, 0], 3).toArray(); // [[0, 0, 1], [1, 0, 0]]
 */
export function oneHot(labels: LabelsLike, numClasses: number): Matrix<Float32Array> {
  checkNumClasses(numClasses);
  const y = toLabels(labels, numClasses, 'labels');
  checkArraySize(y.length * numClasses, 'float32', 'oneHot', `${y.length} labels x ${numClasses} classes`);
  const data = new Float32Array(y.length * numClasses);
  for (let i = 0; i < y.length; i++) data[i * numClasses + y[i]!] = 1;
  return new Matrix(y.length, numClasses, data);
}
