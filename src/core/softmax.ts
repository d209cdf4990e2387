/**
 * Softmax and log-softmax of a vector or, row by row, of a matrix; plus the naive textbook form for
 * teaching. The allocation-free kernels behind them are in `softmax-rows.ts`.
 *
 * @module
 */

import {
  allocFloat,
  type FloatArray,
  isMatrixLike,
  Matrix,
  type MatrixLike,
  toMatrix,
  toVector,
} from './matrix.js';
import { logSoftmaxRowsInto, naiveSoftmaxRowsInto, softmaxRowsInto } from './softmax-rows.js';

type RowKernel = (src: FloatArray, dst: FloatArray, rows: number, cols: number) => void;

function applyRowwise(
  z: readonly number[] | FloatArray | MatrixLike,
  kernel: RowKernel,
): FloatArray | Matrix {
  if (isMatrixLike(z)) {
    const m = toMatrix(z, 'z');
    const out = allocFloat(m.dtype, m.data.length);
    kernel(m.data, out, m.rows, m.cols);
    return new Matrix(m.rows, m.cols, out);
  }
  const v = toVector(z as readonly number[] | FloatArray, 'z');
  const out = v instanceof Float32Array ? new Float32Array(v.length) : new Float64Array(v.length);
  kernel(v, out, 1, v.length);
  return out;
}

/**
 * Softmax: p_j = exp(z_j − m) / Σ_k exp(z_k − m), m = max_k z_k (subtracting the max keeps every exp in
 * [0, 1], so no input magnitude overflows). Shapes: z [n] → [n]; z [rows, n] → [rows, n], row by row.
 *
 * Output dtype: a Float32Array (or float32 Matrix) gives float32, computed in float64 and rounded once;
 * Float64Array, plain arrays and nested arrays give float64.
 *
 * Edge cases, row by row: `[Infinity, 1]` → `[1, 0]`; k entries at +Infinity share the mass equally
 * (`[Infinity, Infinity, 0]` → `[0.5, 0.5, 0]`); a row of only −Infinity has no defined distribution and
 * gives NaN (numpy and TensorFlow give NaN too); a NaN anywhere makes the whole row NaN.
 *
 * @throws {ShapeError} empty or ragged input
 * @throws {DataError} an entry that is not a number
 * @example
 * softmax([1, 2, 3, 4]); // ≈ Float64Array [0.0321, 0.0871, 0.2369, 0.6439]
 * softmax([[1000, 1000.5, 999]]).toArray(); // ≈ [[0.3315, 0.5465, 0.1220]]
 */
export function softmax(z: Float32Array): Float32Array;
export function softmax(z: Float64Array | readonly number[]): Float64Array;
export function softmax<T extends FloatArray>(z: Matrix<T>): Matrix<T>;
export function softmax(z: MatrixLike): Matrix;
export function softmax(z: readonly number[] | FloatArray | MatrixLike): FloatArray | Matrix {
  return applyRowwise(z, softmaxRowsInto);
}

/**
 * Log-softmax: log p_j = (z_j − m) − log Σ_k exp(z_k − m), m = max_k z_k, computed directly (never as
 * log(softmax(z)), which would give −Infinity as soon as p_j underflows). The log of the sum is taken as
 * log1p of the non-maximal terms, so it stays exact when one logit dominates.
 * Shapes and dtypes as {@link softmax}.
 *
 * Edge cases, row by row: `[Infinity, 1]` → `[0, −Infinity]`; k entries at +Infinity give −log k there
 * and −Infinity elsewhere; a row of only −Infinity gives NaN; a NaN anywhere makes the whole row NaN.
 *
 * @throws {ShapeError} empty or ragged input
 * @throws {DataError} an entry that is not a number
 * @example
 * logSoftmax([1000, 0, -1000]); // Float64Array [0, -1000, -2000]
 */
export function logSoftmax(z: Float32Array): Float32Array;
export function logSoftmax(z: Float64Array | readonly number[]): Float64Array;
export function logSoftmax<T extends FloatArray>(z: Matrix<T>): Matrix<T>;
export function logSoftmax(z: MatrixLike): Matrix;
export function logSoftmax(z: readonly number[] | FloatArray | MatrixLike): FloatArray | Matrix {
  return applyRowwise(z, logSoftmaxRowsInto);
}

/**
 * The textbook softmax p_j = exp(z_j) / Σ_k exp(z_k), without the max shift, computed in the input's own
 * precision (float32 inputs round every step to float32). For teaching only: it breaks exactly where the
 * stable {@link softmax} does not. exp(z) overflows for z above ln(3.4028235e38) ≈ 88.72 in float32 and
 * ln(1.797e308) ≈ 709.78 in float64, and Infinity / Infinity is NaN; when every z is below about −104
 * (float32) or −745 (float64) all terms underflow to 0 and 0 / 0 is NaN. Shapes and dtypes as {@link softmax}.
 *
 * @example
 * naiveSoftmax(new Float32Array([89, 0])); // Float32Array [NaN, 0]: exp(89) overflows float32
 * naiveSoftmax([709, 0]); // Float64Array [1, 1.2e-308]: still fine in float64
 */
export function naiveSoftmax(z: Float32Array): Float32Array;
export function naiveSoftmax(z: Float64Array | readonly number[]): Float64Array;
export function naiveSoftmax<T extends FloatArray>(z: Matrix<T>): Matrix<T>;
export function naiveSoftmax(z: MatrixLike): Matrix;
export function naiveSoftmax(z: readonly number[] | FloatArray | MatrixLike): FloatArray | Matrix {
  return applyRowwise(z, naiveSoftmaxRowsInto);
}
