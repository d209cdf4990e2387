// AssemblyScript source (compiled by scripts/build-wasm.ts). A whole stack of relu/linear Dense layers trained
// on one batch in one call: every forward pass, the cross-entropy of the logits with its gradient, every
// backward pass. At the lab's sizes a training step is mostly the cost of calls between JS and wasm, so the
// step's compute runs in one of them. Each layer runs the same code as its own wasm call would
// (denseForward / denseBackward), so the results are the same bits.
//
// Layer table: LAYER_INTS int32 per layer, in order: inDim, units, act (0 linear, 1 relu), w, b (0: no
// bias), y, dw, db (0: no bias), dx (0: not needed, the first layer). Layer l > 0 reads the previous
// layer's y; its backward pass gets the next layer's dx (overwritten) as its output gradient.

import { logitsCrossEntropy } from './cross-entropy';
import { denseBackward, denseForward } from './dense';

const LAYER_BYTES: usize = 36;

@inline
function field(table: usize, layer: i32, index: i32): i32 {
  return load<i32>(table + <usize>layer * LAYER_BYTES + (<usize>index << 2));
}

/** Every layer's forward pass on `rows` rows of x (rows x inDim of the first layer). */
export function mlpForward(table: usize, layers: i32, rows: i32, x: usize, work: usize): void {
  let input = x;
  for (let l = 0; l < layers; l++) {
    const y = <usize>field(table, l, 5);
    denseForward(
      rows,
      field(table, l, 0),
      field(table, l, 1),
      input,
      <usize>field(table, l, 3),
      <usize>field(table, l, 4),
      y,
      field(table, l, 2),
      work,
    );
    input = y;
  }
}

/**
 * Every layer's backward pass, last to first, given dy = dL/d(last output) (overwritten), after
 * {@link mlpForward} on the same x and rows.
 */
export function mlpBackward(table: usize, layers: i32, rows: i32, x: usize, dy: usize, work: usize): void {
  let gradient = dy;
  for (let l = layers - 1; l >= 0; l--) {
    const input = l == 0 ? x : <usize>field(table, l - 1, 5);
    const dx = l == 0 ? 0 : <usize>field(table, l, 8);
    denseBackward(
      rows,
      field(table, l, 0),
      field(table, l, 1),
      input,
      <usize>field(table, l, 3),
      <usize>field(table, l, 5),
      gradient,
      <usize>field(table, l, 6),
      <usize>field(table, l, 7),
      dx,
      field(table, l, 2),
      work,
    );
    gradient = dx;
  }
}

/**
 * One training pass: forward, Σ of the rows' cross-entropies of the last layer's output (logits) against
 * `target` with its gradient (scaled by `scale`) into `grad`, and, when the batch mean (rounded to float32,
 * as the caller reports it) is finite, backward. Returns the sum (see logitsCrossEntropy for the targets
 * and the scratch).
 */
export function mlpTrainPass(
  table: usize,
  layers: i32,
  rows: i32,
  x: usize,
  target: usize,
  sparse: i32,
  grad: usize,
  scale: f64,
  expScratch: usize,
  work: usize,
): f64 {
  mlpForward(table, layers, rows, x, work);
  const last = layers - 1;
  const logits = <usize>field(table, last, 5);
  const loss = logitsCrossEntropy(logits, rows, field(table, last, 1), target, sparse, grad, scale, expScratch);
  if (isFinite(<f32>(loss / <f64>rows))) mlpBackward(table, layers, rows, x, grad, work);
  return loss;
}

/**
 * dst (n x width) = rows index[start], index[start + 1], ... of src (row-major, width 4-byte values per
 * row): a batch gathered from a shuffled order. Float32 and int32 rows alike (the bits are copied).
 */
export function gatherRows(src: usize, width: i32, index: usize, start: i32, n: i32, dst: usize): void {
  const rowBytes = <usize>width << 2;
  let at = index + (<usize>start << 2);
  if (width == 1) {
    for (let r = 0; r < n; r++) {
      store<i32>(dst + (<usize>r << 2), load<i32>(src + (<usize>load<i32>(at) << 2)));
      at += 4;
    }
    return;
  }
  if (width == 2) {
    for (let r = 0; r < n; r++) {
      store<i64>(dst + (<usize>r << 3), load<i64>(src + (<usize>load<i32>(at) << 3)));
      at += 4;
    }
    return;
  }
  for (let r = 0; r < n; r++) {
    memory.copy(dst + <usize>r * rowBytes, src + <usize>load<i32>(at) * rowBytes, rowBytes);
    at += 4;
  }
}

/**
 * {@link mlpTrainPass} on rows index[start .. start + rows) of the training blocks xAll (inDim values per
 * row) and targetAll (targetWidth values per row: 1 for labels), gathered first into x and target.
 */
export function mlpTrainRows(
  table: usize,
  layers: i32,
  rows: i32,
  xAll: usize,
  targetAll: usize,
  targetWidth: i32,
  index: usize,
  start: i32,
  x: usize,
  target: usize,
  sparse: i32,
  grad: usize,
  scale: f64,
  expScratch: usize,
  work: usize,
): f64 {
  gatherRows(xAll, field(table, 0, 0), index, start, rows, x);
  gatherRows(targetAll, targetWidth, index, start, rows, target);
  return mlpTrainPass(table, layers, rows, x, target, sparse, grad, scale, expScratch, work);
}
