/**
 * What the training worker computes for the pictures: the decision-region grid over the data, class
 * probabilities of any rows (softmax applied to a linear head's logits), and confusion counts.
 *
 * @module
 */

import { argmaxRow } from '../../core/argmax.js';
import { Matrix } from '../../core/matrix.js';
import { softmax } from '../../core/softmax.js';
import type { Sequential } from '../../model/index.js';
import type { ModelKind } from './lab-models.js';
import type { GridSpec } from './protocol.js';

/**
 * A grid covering the points of `x` (rows of 2) plus `margin` on every side, with `cells` cells along the
 * longer side and square cells (so the picture keeps the data's aspect ratio).
 *
 * @example
 * gridFor(new Float64Array([0, 0, 4, 2]), 100, 1); // { nx: 100, ny: 67, xMin: -1, xMax: 5, yMin: ≈ −1.01, yMax: ≈ 3.01 }
 */
export function gridFor(x: Float64Array, cells = 100, margin = 1): GridSpec {
  let xMin = Infinity;
  let xMax = -Infinity;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (let i = 0; i + 1 < x.length; i += 2) {
    xMin = Math.min(xMin, x[i]!);
    xMax = Math.max(xMax, x[i]!);
    yMin = Math.min(yMin, x[i + 1]!);
    yMax = Math.max(yMax, x[i + 1]!);
  }
  if (!Number.isFinite(xMin)) [xMin, xMax, yMin, yMax] = [0, 0, 0, 0];
  xMin -= margin;
  xMax += margin;
  yMin -= margin;
  yMax += margin;
  const w = xMax - xMin;
  const h = yMax - yMin;
  const step = Math.max(w, h) / cells;
  const nx = Math.max(1, Math.round(w / step));
  const ny = Math.max(1, Math.round(h / step));
  // Grow the shorter side to a whole number of square cells, keeping the data centred.
  const padX = (nx * step - w) / 2;
  const padY = (ny * step - h) / 2;
  return { nx, ny, xMin: xMin - padX, xMax: xMax + padX, yMin: yMin - padY, yMax: yMax + padY };
}

/** The centres of the grid's cells as float32 rows (x0, x1), in the grid's cell order (row 0 at the top). */
export function gridInputs(g: GridSpec): Matrix<Float32Array> {
  const data = new Float32Array(g.nx * g.ny * 2);
  const dx = (g.xMax - g.xMin) / g.nx;
  const dy = (g.yMax - g.yMin) / g.ny;
  let k = 0;
  for (let j = 0; j < g.ny; j++) {
    const y = g.yMax - (j + 0.5) * dy;
    for (let i = 0; i < g.nx; i++) {
      data[k++] = g.xMin + (i + 0.5) * dx;
      data[k++] = y;
    }
  }
  return new Matrix(g.nx * g.ny, 2, data);
}

/**
 * Class probabilities of every row of `inputs`: the obvious model outputs them; the preferred model outputs
 * logits, turned into probabilities by the stable softmax (as the lab does with `tf.nn.softmax`).
 */
export function classProbabilities(model: Sequential, kind: ModelKind, inputs: Matrix): Float32Array {
  const out = model.predict(inputs);
  return kind === 'obvious' ? out.data : softmax(out).data;
}

/** Confusion counts `k × k` (row = true class, column = argmax of the row's probabilities). */
export function confusionCounts(probs: Float32Array, labels: Int32Array, k: number): Int32Array {
  const counts = new Int32Array(k * k);
  for (let r = 0; r < labels.length; r++) counts[labels[r]! * k + argmaxRow(probs, r * k, k)]!++;
  return counts;
}
