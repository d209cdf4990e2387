/**
 * Allocation-free softmax kernels on row-major blocks: the model's hot loop calls these on raw buffers.
 * The friendly, validating API is in `softmax.ts`.
 *
 * All kernels compute in float64 and round once when they store into `dst`, so a float32 `dst` holds the
 * float32 rounding of the float64 result. `src` and `dst` may be the same array (in-place).
 *
 * Row rules (shared by `softmax`, `logSoftmax` and the cross-entropy losses), with m = max_j z_j:
 * - m finite: the usual stable form, p_j = exp(z_j − m) / Σ_k exp(z_k − m);
 * - m = +Infinity: the k entries equal to +Infinity share the mass, p_j = 1/k there and 0 elsewhere
 *   (the limit of softmax as those logits grow together);
 * - m = −Infinity (every entry −Infinity): no distribution is defined, the row is NaN;
 * - any NaN in the row: the row is NaN.
 *
 * @module
 */

import type { FloatArray } from './matrix.js';

/**
 * max_j z_j over `src[off .. off + cols)`, or NaN when the row holds a NaN (so one test covers both
 * "has NaN" and "has a max").
 */
export function rowMax(src: FloatArray, off: number, cols: number): number {
  let m = Number.NEGATIVE_INFINITY;
  for (let j = off; j < off + cols; j++) {
    const v = src[j]!;
    if (v > m) m = v;
    else if (Number.isNaN(v)) return Number.NaN;
  }
  return m;
}

/**
 * Σ_j exp(z_j − m) over the row *without* the first entry equal to m (whose term is exactly 1), for a
 * finite m. Keeping the 1 apart lets callers take log1p of this sum: log Σ exp(z − m) stays accurate to
 * the last bit when one logit dominates, where log(1 + s) would lose every digit of s below 1e-16.
 */
export function rowSumExpOthers(src: FloatArray, off: number, cols: number, m: number): number {
  let s = 0;
  let skipped = false;
  for (let j = off; j < off + cols; j++) {
    const d = src[j]! - m;
    if (d === 0 && !skipped) {
      skipped = true;
      continue;
    }
    s += Math.exp(d);
  }
  return s;
}

/** Number of +Infinity entries of the row (the tied winners when m = +Infinity). */
export function rowCountPosInf(src: FloatArray, off: number, cols: number): number {
  let k = 0;
  for (let j = off; j < off + cols; j++) if (src[j] === Number.POSITIVE_INFINITY) k++;
  return k;
}

/**
 * Row-wise stable softmax of a `rows` x `cols` row-major block:
 * dst[i, j] = exp(z_ij − m_i) / Σ_k exp(z_ik − m_i), m_i = max_k z_ik (see the module notes for ±Infinity
 * and NaN). Allocates nothing.
 */
export function softmaxRowsInto(src: FloatArray, dst: FloatArray, rows: number, cols: number): void {
  for (let off = 0; off < rows * cols; off += cols) {
    const m = rowMax(src, off, cols);
    if (Number.isFinite(m)) {
      const total = 1 + rowSumExpOthers(src, off, cols, m);
      // exp is recomputed rather than cached in dst: a float32 dst would round the numerator twice.
      for (let j = off; j < off + cols; j++) dst[j] = Math.exp(src[j]! - m) / total;
    } else if (m === Number.POSITIVE_INFINITY) {
      const share = 1 / rowCountPosInf(src, off, cols);
      for (let j = off; j < off + cols; j++) dst[j] = src[j] === Number.POSITIVE_INFINITY ? share : 0;
    } else {
      dst.fill(Number.NaN, off, off + cols);
    }
  }
}

/**
 * Row-wise stable log-softmax: dst[i, j] = (z_ij − m_i) − log Σ_k exp(z_ik − m_i), with the log of the
 * sum taken as log1p of the non-maximal terms (see {@link rowSumExpOthers}). Same row rules as
 * {@link softmaxRowsInto}: a row with k entries at +Infinity gives −log k there and −Infinity elsewhere.
 */
export function logSoftmaxRowsInto(src: FloatArray, dst: FloatArray, rows: number, cols: number): void {
  for (let off = 0; off < rows * cols; off += cols) {
    const m = rowMax(src, off, cols);
    if (Number.isFinite(m)) {
      const logTotal = Math.log1p(rowSumExpOthers(src, off, cols, m));
      for (let j = off; j < off + cols; j++) dst[j] = src[j]! - m - logTotal;
    } else if (m === Number.POSITIVE_INFINITY) {
      // 0 − log k rather than −log k: a single winner must give +0, not −0.
      const logShare = 0 - Math.log(rowCountPosInf(src, off, cols));
      for (let j = off; j < off + cols; j++) {
        dst[j] = src[j] === Number.POSITIVE_INFINITY ? logShare : Number.NEGATIVE_INFINITY;
      }
    } else {
      dst.fill(Number.NaN, off, off + cols);
    }
  }
}

/**
 * The textbook softmax, exp(z_j) / Σ_k exp(z_k), *without* the max shift, computed in the precision of
 * `src` (every float32 step rounded with `Math.fround`). It exists to show why the stable form does:
 * exp overflows to Infinity above ln(max float) — z ≈ 88.72 in float32, z ≈ 709.78 in float64 — and
 * Infinity / Infinity is NaN; when every z is very negative all terms underflow and 0 / 0 is NaN too.
 */
export function naiveSoftmaxRowsInto(src: FloatArray, dst: FloatArray, rows: number, cols: number): void {
  const f32 = src instanceof Float32Array;
  for (let off = 0; off < rows * cols; off += cols) {
    let total = 0;
    for (let j = off; j < off + cols; j++) {
      total = f32 ? Math.fround(total + Math.fround(Math.exp(src[j]!))) : total + Math.exp(src[j]!);
    }
    for (let j = off; j < off + cols; j++) {
      const e = f32 ? Math.fround(Math.exp(src[j]!)) : Math.exp(src[j]!);
      dst[j] = f32 ? Math.fround(e / total) : e / total;
    }
  }
}
