/**
 * The training step's cross-entropy from logits with its gradient, in one pass per row: the formulas of
 * `src/core/losses/cross-entropy-rows.ts` (float64, stable log-softmax with log1p of the non-maximal terms,
 * the same ±Infinity / NaN row rules), with each exp computed once and reused for the gradient, and exp /
 * log1p from `portable-math.ts`. Runs in wasm when the logits, targets and gradient live in the kernels'
 * memory, else in the TypeScript twin below; both give the same bits.
 *
 * The public losses (`SparseCategoricalCrossentropy.call`, `gradient`, ...) keep `Math.exp` / `Math.log1p`;
 * the two agree to within a few ulp of float64, far inside the float32 the training path stores.
 *
 * @module
 */

import { expNonPositive, log1pNonNegative } from './portable-math.js';
import { allocBytes, residentOffset } from './wasm-memory.js';
import { getWasmKernels, type WasmKernels } from './wasm-module.js';

/** Targets: one class label per row, or float32 rows of target weights laid out like the logits. */
export type LogitsTargets = Int32Array | Float32Array;

let jsScratch = new Float64Array(16);
let wasmScratch = -1;
let wasmScratchBytes = 0;
let wasmScratchOwner: WasmKernels | undefined;

/** A float64 scratch of 4·`cols` values in the kernels' memory, kept and grown as needed. */
function wasmExpScratch(kernels: WasmKernels, cols: number): number {
  if (wasmScratchOwner !== kernels || wasmScratchBytes < cols * 32) {
    wasmScratchBytes = Math.max(cols * 32, 256);
    wasmScratch = allocBytes(kernels, wasmScratchBytes);
    wasmScratchOwner = kernels;
  }
  return wasmScratch;
}

/**
 * Σ_i ℓ_i over a `rows` x `cols` block of logits z, with ℓ_i = Σ_j t_ij (logsumexp(z_i) − z_ij)
 * (= logsumexp(z_i) − z_{i,y_i} for a label); when `grad` is given, grad_ij = scale · ((Σ_k t_ik) ·
 * softmax(z_i)_j − t_ij), rounded once to float32. `target` holds labels when `sparse` (checked by the
 * caller), else target rows. Allocates nothing once warm.
 *
 * @example
 * const grad = new Float32Array(4);
 * logitsCrossEntropy(Float32Array.of(1, 2, 3, 4), 1, 4, Int32Array.of(3), true, grad, 1); // ≈ 0.44019
 */
export function logitsCrossEntropy(
  z: Float32Array,
  rows: number,
  cols: number,
  target: LogitsTargets,
  sparse: boolean,
  grad: Float32Array | null,
  scale: number,
): number {
  const kernels = getWasmKernels();
  if (kernels) {
    const oz = residentOffset(kernels, z);
    const ot = residentOffset(kernels, target);
    const og = grad ? residentOffset(kernels, grad) : 0;
    if (oz >= 0 && ot >= 0 && og >= 0) {
      const scratch = wasmExpScratch(kernels, cols);
      return kernels.exports.logitsCrossEntropy(oz, rows, cols, ot, sparse ? 1 : 0, og, scale, scratch);
    }
  }
  return logitsCrossEntropyJs(z, rows, cols, target, sparse, grad, scale);
}

/** max of the row, NaN when it holds a NaN (Math.max: +0 counts above −0, as wasm's max). */
function rowMax(z: Float32Array, off: number, cols: number): number {
  let m = Number.NEGATIVE_INFINITY;
  for (let j = off; j < off + cols; j++) m = Math.max(m, z[j]!);
  return m;
}

function nonFiniteRow(
  z: Float32Array,
  off: number,
  cols: number,
  target: LogitsTargets,
  sparse: boolean,
  label: number,
  grad: Float32Array | null,
  scale: number,
  m: number,
): number {
  if (m !== Number.POSITIVE_INFINITY) {
    grad?.fill(Number.NaN, off, off + cols);
    return Number.NaN;
  }
  let winners = 0;
  for (let j = 0; j < cols; j++) if (z[off + j] === Number.POSITIVE_INFINITY) winners++;
  const logWinners = log1pNonNegative(winners - 1);
  let loss = 0;
  let weightSum = 0;
  for (let j = 0; j < cols; j++) {
    const t = sparse ? (j === label ? 1 : 0) : target[off + j]!;
    loss +=
      t !== 0 ? t * (z[off + j] === Number.POSITIVE_INFINITY ? logWinners : Number.POSITIVE_INFINITY) : 0;
    weightSum += t;
  }
  if (grad) {
    for (let j = 0; j < cols; j++) {
      const t = sparse ? (j === label ? 1 : 0) : target[off + j]!;
      const p = z[off + j] === Number.POSITIVE_INFINITY ? 1 / winners : 0;
      grad[off + j] = scale * (weightSum * p - t);
    }
  }
  return loss;
}

/** The TypeScript twin of the wasm kernel `logitsCrossEntropy` (same operations, same order). */
export function logitsCrossEntropyJs(
  z: Float32Array,
  rows: number,
  cols: number,
  target: LogitsTargets,
  sparse: boolean,
  grad: Float32Array | null,
  scale: number,
): number {
  if (jsScratch.length < cols) jsScratch = new Float64Array(cols);
  const exps = jsScratch;
  let sum = 0;
  for (let i = 0; i < rows; i++) {
    const off = i * cols;
    const label = sparse ? target[i]! : -1;
    const m = rowMax(z, off, cols);
    if (!Number.isFinite(m)) {
      sum += nonFiniteRow(z, off, cols, target, sparse, label, grad, scale, m);
      continue;
    }
    let others = 0;
    let skipped = false;
    for (let j = 0; j < cols; j++) {
      const d = z[off + j]! - m;
      const e = expNonPositive(d);
      exps[j] = e;
      if (d === 0 && !skipped) skipped = true;
      else others += e;
    }
    const logTotal = log1pNonNegative(others);
    let loss = 0;
    let weightSum = 1;
    if (sparse) {
      loss = logTotal - (z[off + label]! - m);
    } else {
      weightSum = 0;
      for (let j = 0; j < cols; j++) {
        const t = target[off + j]!;
        // 0·(−log 0) counts as 0: a −Infinity logit outside the target must not make the loss NaN.
        loss += t !== 0 ? t * (logTotal - (z[off + j]! - m)) : 0;
        weightSum += t;
      }
    }
    if (grad) {
      const total = 1 + others;
      for (let j = 0; j < cols; j++) {
        const t = sparse ? (j === label ? 1 : 0) : target[off + j]!;
        grad[off + j] = scale * ((weightSum * exps[j]!) / total - t);
      }
    }
    sum += loss;
  }
  return sum;
}
