/**
 * Allocation-free cross-entropy row kernels shared by the sparse and categorical losses. A row's target is
 * either a class label (`weights === null`, one-hot at `label`) or the weights t_j = weights[off + j] of a
 * one-hot or soft target laid out like the predictions. Everything is computed in float64; `grad` receives
 * `scale · ∂ℓ/∂pred` for the row, rounded once on store.
 *
 * @module
 */

import type { FloatArray } from '../matrix.js';
import { rowCountPosInf, rowMax, rowSumExpOthers } from '../softmax-rows.js';
import { clipBoundsFor, type ProbabilityVariant } from './loss.js';

/** Target weights of a row: a one-hot/soft block laid out like the predictions, or null for a label. */
type Weights = Int32Array | Float32Array | Float64Array | null;

/**
 * Cross-entropy of one row of logits z: ℓ = Σ_j t_j (logsumexp(z) − z_j), through the stable log-softmax
 * (so ℓ = logsumexp(z) − z_y for a label). Gradient: ∂ℓ/∂z_j = (Σ_k t_k)·softmax(z)_j − t_j, which is the
 * familiar softmax(z) − onehot for targets that sum to 1. Row rules for ±Infinity and NaN follow
 * `softmax-rows.ts`: k logits at +Infinity give the label ℓ = log k if it is one of them, +Infinity if not.
 */
export function logitsCrossEntropyRow(
  z: FloatArray,
  off: number,
  cols: number,
  weights: Weights,
  label: number,
  grad: FloatArray | null,
  scale: number,
): number {
  const m = rowMax(z, off, cols);
  if (!Number.isFinite(m)) return nonFiniteLogitsRow(z, off, cols, weights, label, grad, scale, m);
  const others = rowSumExpOthers(z, off, cols, m);
  const logTotal = Math.log1p(others);
  let loss = 0;
  let weightSum = 1;
  if (weights === null) {
    loss = logTotal - (z[off + label]! - m);
  } else {
    weightSum = 0;
    for (let j = 0; j < cols; j++) {
      const t = weights[off + j]!;
      // 0 · (−log 0) counts as 0: a −Infinity logit outside the target must not turn the loss into NaN.
      if (t !== 0) loss += t * (logTotal - (z[off + j]! - m));
      weightSum += t;
    }
  }
  if (grad !== null) {
    const total = 1 + others;
    for (let j = 0; j < cols; j++) {
      const t = weights === null ? (j === label ? 1 : 0) : weights[off + j]!;
      grad[off + j] = scale * ((weightSum * Math.exp(z[off + j]! - m)) / total - t);
    }
  }
  return loss;
}

function nonFiniteLogitsRow(
  z: FloatArray,
  off: number,
  cols: number,
  weights: Weights,
  label: number,
  grad: FloatArray | null,
  scale: number,
  m: number,
): number {
  if (m !== Number.POSITIVE_INFINITY) {
    if (grad !== null) grad.fill(Number.NaN, off, off + cols);
    return Number.NaN;
  }
  const winners = rowCountPosInf(z, off, cols);
  const logWinners = Math.log(winners);
  let loss = 0;
  let weightSum = 0;
  for (let j = 0; j < cols; j++) {
    const t = weights === null ? (j === label ? 1 : 0) : weights[off + j]!;
    if (t !== 0)
      loss += t * (z[off + j] === Number.POSITIVE_INFINITY ? logWinners : Number.POSITIVE_INFINITY);
    weightSum += t;
  }
  if (grad !== null) {
    for (let j = 0; j < cols; j++) {
      const t = weights === null ? (j === label ? 1 : 0) : weights[off + j]!;
      const p = z[off + j] === Number.POSITIVE_INFINITY ? 1 / winners : 0;
      grad[off + j] = scale * (weightSum * p - t);
    }
  }
  return loss;
}

// NaN passes through both helpers on purpose: clip(NaN) is NaN, and TensorFlow's clip gradient lets NaN
// through (it only zeroes entries that are provably below or above the bounds).
function clip(p: number, lo: number, hi: number): number {
  return p < lo ? lo : Math.min(p, hi);
}

function clipPasses(p: number, lo: number, hi: number): boolean {
  return !(p < lo || p > hi);
}

/** Σ_{k≠j} of the row's entries, clipped or raw: the complement of a dominant entry, without cancellation. */
function sumExcept(
  p: FloatArray,
  off: number,
  cols: number,
  j: number,
  lo: number,
  hi: number,
  clipped: boolean,
) {
  let s = 0;
  for (let k = 0; k < cols; k++) if (k !== j) s += clipped ? clip(p[off + k]!, lo, hi) : p[off + k]!;
  return s;
}

/** ℓ = −Σ t_j log c(p_j); ∂ℓ/∂p_j = −t_j / c(p_j) where the clip passes, else 0. */
function plainClipRow(
  p: FloatArray,
  off: number,
  cols: number,
  weights: Weights,
  label: number,
  grad: FloatArray | null,
  scale: number,
  lo: number,
  hi: number,
): number {
  let loss = 0;
  for (let j = 0; j < cols; j++) {
    const t = weights === null ? (j === label ? 1 : 0) : weights[off + j]!;
    const pj = p[off + j]!;
    if (t !== 0) loss -= t * Math.log(clip(pj, lo, hi));
    if (grad !== null)
      grad[off + j] = t !== 0 && clipPasses(pj, lo, hi) ? (-scale * t) / clip(pj, lo, hi) : 0;
  }
  return loss;
}

/**
 * ℓ = Σ t_j log(S / c_j), c = clip(p), S = Σ c_k; ∂ℓ/∂p_j = (Σ t)/S − t_j/c_j where the clip passes.
 * For the dominant entry (c_j > S/2) log(S / c_j) is taken as log1p(Σ_{k≠j} c_k / c_j): −log of a ratio
 * near 1 would otherwise keep only the rounding error of the ratio.
 */
function clipThenNormalizeRow(
  p: FloatArray,
  off: number,
  cols: number,
  weights: Weights,
  label: number,
  grad: FloatArray | null,
  scale: number,
  lo: number,
  hi: number,
): number {
  let total = 0;
  for (let j = 0; j < cols; j++) total += clip(p[off + j]!, lo, hi);
  let loss = 0;
  let weightSum = 0;
  for (let j = 0; j < cols; j++) {
    const t = weights === null ? (j === label ? 1 : 0) : weights[off + j]!;
    if (t === 0) continue;
    const c = clip(p[off + j]!, lo, hi);
    const nll =
      c > total / 2 ? Math.log1p(sumExcept(p, off, cols, j, lo, hi, true) / c) : Math.log(total / c);
    loss += t * nll;
    weightSum += t;
  }
  if (grad !== null) {
    for (let j = 0; j < cols; j++) {
      const t = weights === null ? (j === label ? 1 : 0) : weights[off + j]!;
      const pj = p[off + j]!;
      grad[off + j] = clipPasses(pj, lo, hi) ? scale * (weightSum / total - t / clip(pj, lo, hi)) : 0;
    }
  }
  return loss;
}

/**
 * q = p / S (S = Σ p_k), ℓ = −Σ t_j log c(q_j). With g_j = −t_j / c(q_j) where the clip passes (else 0),
 * ∂ℓ/∂p_k = (g_k − Σ_j g_j q_j) / S: the gradient flows through the renormalisation. An unclipped
 * dominant q_j (> 1/2) takes −log q_j as log1p(Σ_{k≠j} p_k / p_j), for the reason given above.
 */
function normalizeThenClipRow(
  p: FloatArray,
  off: number,
  cols: number,
  weights: Weights,
  label: number,
  grad: FloatArray | null,
  scale: number,
  lo: number,
  hi: number,
): number {
  let total = 0;
  for (let j = 0; j < cols; j++) total += p[off + j]!;
  let loss = 0;
  let gq = 0;
  for (let j = 0; j < cols; j++) {
    const t = weights === null ? (j === label ? 1 : 0) : weights[off + j]!;
    if (t === 0) continue;
    const pj = p[off + j]!;
    const q = pj / total;
    const c = clip(q, lo, hi);
    loss +=
      t * (c === q && q > 0.5 ? Math.log1p(sumExcept(p, off, cols, j, lo, hi, false) / pj) : -Math.log(c));
    if (clipPasses(q, lo, hi)) gq -= (t / c) * q;
  }
  if (grad !== null) {
    for (let j = 0; j < cols; j++) {
      const t = weights === null ? (j === label ? 1 : 0) : weights[off + j]!;
      const q = p[off + j]! / total;
      const g = t !== 0 && clipPasses(q, lo, hi) ? -t / clip(q, lo, hi) : 0;
      grad[off + j] = (scale * (g - gq)) / total;
    }
  }
  return loss;
}

/** Cross-entropy of one row of probabilities with the chosen {@link ProbabilityVariant}. */
export function probabilityCrossEntropyRow(
  p: FloatArray,
  off: number,
  cols: number,
  weights: Weights,
  label: number,
  grad: FloatArray | null,
  scale: number,
  variant: ProbabilityVariant,
  lo: number,
  hi: number,
): number {
  if (variant === 'clip_then_normalize') {
    return clipThenNormalizeRow(p, off, cols, weights, label, grad, scale, lo, hi);
  }
  if (variant === 'normalize_then_clip') {
    return normalizeThenClipRow(p, off, cols, weights, label, grad, scale, lo, hi);
  }
  return plainClipRow(p, off, cols, weights, label, grad, scale, lo, hi);
}

/**
 * The cross-entropy of a `rows` x `cols` block: returns Σ_i ℓ_i, stores ℓ_i into `perExample` when given,
 * and `scale · ∂(Σ ℓ)/∂pred` into `grad` when given. `target` holds one label per row when `sparse`, else
 * a block of target weights laid out like `pred`. Probability clip bounds follow `pred`'s dtype.
 * No validation: callers check labels and shapes once.
 */
export function crossEntropyRows(
  pred: FloatArray,
  rows: number,
  cols: number,
  target: Int32Array | Float32Array | Float64Array,
  sparse: boolean,
  fromLogits: boolean,
  variant: ProbabilityVariant,
  grad: FloatArray | null,
  scale: number,
  perExample: Float64Array | null,
): number {
  const bounds = clipBoundsFor(pred);
  const lo = bounds[0];
  const hi = bounds[1];
  const weights = sparse ? null : target;
  let sum = 0;
  for (let i = 0; i < rows; i++) {
    const off = i * cols;
    const label = sparse ? target[i]! : -1;
    const loss = fromLogits
      ? logitsCrossEntropyRow(pred, off, cols, weights, label, grad, scale)
      : probabilityCrossEntropyRow(pred, off, cols, weights, label, grad, scale, variant, lo, hi);
    if (perExample !== null) perExample[i] = loss;
    sum += loss;
  }
  return sum;
}
