/**
 * The benchmark's workloads and their data, identical for every library (issue #5):
 *
 * - W1, the lab fit: 2000 x 2 blobs (the lab's `make_blobs`), Dense 25 relu → 15 relu → 4 linear, sparse
 *   cross-entropy from logits, Adam(0.001), batch 32, 10 epochs (630 steps), shuffled, silent.
 * - W2: X ~ U[0, 1) float32 (fixed seed), labels argmax((X − 0.5)·W) for a fixed random W (784 x 10);
 *   Dense 128 relu → 10 linear, same loss and optimizer, batch 128, 1 epoch; plus inference on a 10000-row
 *   test set (which also gives the accuracy reached).
 * - W3: one float32 GEMM 1024 x 1024 x 1024 in each layout training uses (NN forward, NT and TN backward).
 *
 * @module
 */

import { makeBlobs } from '../src/data/make-blobs.js';

export type WorkloadName = 'W1' | 'W2' | 'W3';

/** The lab's data (float32 X, int labels). */
export interface LabData {
  x: Float32Array;
  y: Int32Array;
  rows: number;
}

export function labData(): LabData {
  const { X, y } = makeBlobs({
    nSamples: 2000,
    centers: [
      [-5, 2],
      [-2, -2],
      [1, 2],
      [5, -2],
    ],
    clusterStd: 1.0,
    randomState: 30,
  });
  return { x: Float32Array.from(X.data), y, rows: X.rows };
}

/** Mulberry32: a small, fast, seeded generator of uniform numbers in [0, 1) (data only, not model weights). */
function uniformStream(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const W2_FEATURES = 784;
export const W2_CLASSES = 10;
export const W2_TEST_ROWS = 10000;

/** W2's training and test sets. */
export interface W2Data {
  xTrain: Float32Array;
  yTrain: Int32Array;
  trainRows: number;
  xTest: Float32Array;
  yTest: Int32Array;
  testRows: number;
}

function labelRows(x: Float32Array, rows: number, w: Float64Array): Int32Array {
  const y = new Int32Array(rows);
  const scores = new Float64Array(W2_CLASSES);
  for (let r = 0; r < rows; r++) {
    scores.fill(0);
    const o = r * W2_FEATURES;
    for (let p = 0; p < W2_FEATURES; p++) {
      const v = x[o + p]! - 0.5;
      const wo = p * W2_CLASSES;
      for (let c = 0; c < W2_CLASSES; c++) scores[c]! += v * w[wo + c]!;
    }
    let best = 0;
    for (let c = 1; c < W2_CLASSES; c++) if (scores[c]! > scores[best]!) best = c;
    y[r] = best;
  }
  return y;
}

/** The first `trainRows` rows of W2's 60000-row training set (all of them by default) and the test set. */
export function w2Data(trainRows = 60000): W2Data {
  const next = uniformStream(20261128);
  const w = new Float64Array(W2_FEATURES * W2_CLASSES);
  for (let i = 0; i < w.length; i++) w[i] = next() * 2 - 1;
  const draw = (rows: number) => {
    const x = new Float32Array(rows * W2_FEATURES);
    for (let i = 0; i < x.length; i++) x[i] = next();
    return x;
  };
  // The test set is drawn first, so a shorter training slice leaves it unchanged.
  const xTest = draw(W2_TEST_ROWS);
  const xTrain = draw(trainRows);
  return {
    xTrain,
    yTrain: labelRows(xTrain, trainRows, w),
    trainRows,
    xTest,
    yTest: labelRows(xTest, W2_TEST_ROWS, w),
    testRows: W2_TEST_ROWS,
  };
}

export const W3_SIZE = 1024;
export type GemmVariant = 'NN' | 'NT' | 'TN';
export const GEMM_VARIANTS: readonly GemmVariant[] = ['NN', 'NT', 'TN'];

/** Two 1024 x 1024 float32 operands, U[−0.5, 0.5). */
export function w3Operands(): { a: Float32Array; b: Float32Array } {
  const next = uniformStream(1024);
  const a = new Float32Array(W3_SIZE * W3_SIZE);
  const b = new Float32Array(W3_SIZE * W3_SIZE);
  for (let i = 0; i < a.length; i++) a[i] = next() - 0.5;
  for (let i = 0; i < b.length; i++) b[i] = next() - 0.5;
  return { a, b };
}

/**
 * Largest |c − exact| / (Σ|a·b| terms) over 64 sampled entries of c = op(a)·op(b), with the exact value in
 * float64: a float32 GEMM of depth 1024 lands near 1e-7..1e-6; a wrong kernel lands near 1.
 */
export function gemmError(
  variant: GemmVariant,
  a: Float32Array,
  b: Float32Array,
  c: ArrayLike<number>,
): number {
  const n = W3_SIZE;
  const next = uniformStream(7);
  let worst = 0;
  for (let s = 0; s < 64; s++) {
    const i = Math.floor(next() * n);
    const j = Math.floor(next() * n);
    let exact = 0;
    let scale = 0;
    for (let p = 0; p < n; p++) {
      const av = variant === 'TN' ? a[p * n + i]! : a[i * n + p]!;
      const bv = variant === 'NT' ? b[j * n + p]! : b[p * n + j]!;
      exact += av * bv;
      scale += Math.abs(av * bv);
    }
    worst = Math.max(worst, Math.abs(c[i * n + j]! - exact) / scale);
  }
  return worst;
}

/** Fraction of rows whose argmax of `scores` (rows x cols) equals the label. */
export function accuracyOf(scores: ArrayLike<number>, labels: Int32Array, cols: number): number {
  let correct = 0;
  for (let r = 0; r < labels.length; r++) {
    let best = 0;
    for (let c = 1; c < cols; c++) if (scores[r * cols + c]! > scores[r * cols + best]!) best = c;
    if (best === labels[r]) correct++;
  }
  return correct / labels.length;
}
