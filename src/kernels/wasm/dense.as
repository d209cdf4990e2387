// AssemblyScript source (compiled by scripts/build-wasm.ts). A Dense layer's whole forward or backward pass in
// one call, for the activations whose derivative is a mask or nothing (linear, relu): at the lab's sizes
// (tens of units) the cost of a step is mostly calls and loops around the products, not the products.
//
// Shapes (row-major, byte offsets): x rows x inDim, w inDim x units, b units, y rows x units.
// act: 0 linear, 1 relu.

import { isSmallProduct, sgemm, smallProduct, zerosIn } from './gemm';

/** y = x·w + b, then relu in place when act = 1 (max(z, 0): NaN stays NaN, −0 becomes +0, as Math.max). */
export function denseForward(
  rows: i32,
  inDim: i32,
  units: i32,
  x: usize,
  w: usize,
  b: usize,
  y: usize,
  act: i32,
  work: usize,
): void {
  if (isSmallProduct(rows, units, inDim)) {
    // Every row starts from the bias (or zeros) inside the product: no pass writes the bias rows first.
    smallProduct(0, 0, rows, units, inDim, x, inDim, w, units, y, units, work, b != 0 ? b : zerosIn(work), 0);
    if (act == 1) reluForward(y, rows * units);
    return;
  }
  const rowBytes = <usize>units * 4;
  if (b != 0) {
    for (let r = 0; r < rows; r++) {
      const dst = y + <usize>r * rowBytes;
      let j = 0;
      for (; j + 4 <= units; j += 4) v128.store(dst + (<usize>j << 2), v128.load(b + (<usize>j << 2)));
      for (; j < units; j++) store<f32>(dst + (<usize>j << 2), load<f32>(b + (<usize>j << 2)));
    }
  } else {
    memory.fill(y, 0, <usize>rows * rowBytes);
  }
  sgemm(0, 0, rows, units, inDim, x, inDim, w, units, y, units, work);
  if (act == 1) reluForward(y, rows * units);
}

/**
 * y = max(y, 0) over n values (NaN stays NaN, −0 becomes +0, as Math.max). As (y < 0 ? 0 : y) + 0: the plain
 * max instruction keeps NaN and −0, and adding +0 turns −0 into +0 and changes nothing else; two
 * instructions where wasm's max takes several.
 */
export function reluForward(y: usize, n: i32): void {
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const at = y + (<usize>i << 2);
    v128.store(at, f32x4.add(f32x4.pmax(v128.load(at), zero), zero));
  }
  for (; i < n; i++) {
    const at = y + (<usize>i << 2);
    const v = load<f32>(at);
    store<f32>(at, (v < 0 ? <f32>0 : v) + <f32>0);
  }
}

/** dy = dy where y > 0, else 0 (relu's derivative read off its output; TF's ReluGrad gives 0 at 0). */
export function reluBackward(dy: usize, y: usize, n: i32): void {
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    v128.store(dy + o, v128.and(v128.load(dy + o), f32x4.gt(v128.load(y + o), zero)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    if (!(load<f32>(y + o) > 0)) store<f32>(dy + o, 0);
  }
}

/**
 * out[j] = Σ_r a[r, j] (rows x n), summed row after row from 0 in float32 like the JS loop. Four column
 * vectors at a time stay in registers over all rows (four independent chains of adds), so no partial sum
 * goes through memory; the order of each column's additions is unchanged.
 */
export function columnSums(a: usize, rows: i32, n: i32, out: usize): void {
  const rowBytes = <usize>n * 4;
  let j = 0;
  for (; j + 16 <= n; j += 16) {
    let s0 = f32x4.splat(0);
    let s1 = f32x4.splat(0);
    let s2 = f32x4.splat(0);
    let s3 = f32x4.splat(0);
    let src = a + (<usize>j << 2);
    for (let r = 0; r < rows; r++) {
      s0 = f32x4.add(s0, v128.load(src));
      s1 = f32x4.add(s1, v128.load(src, 16));
      s2 = f32x4.add(s2, v128.load(src, 32));
      s3 = f32x4.add(s3, v128.load(src, 48));
      src += rowBytes;
    }
    const o = out + (<usize>j << 2);
    v128.store(o, s0);
    v128.store(o, s1, 16);
    v128.store(o, s2, 32);
    v128.store(o, s3, 48);
  }
  for (; j + 4 <= n; j += 4) {
    let s0 = f32x4.splat(0);
    let src = a + (<usize>j << 2);
    for (let r = 0; r < rows; r++) {
      s0 = f32x4.add(s0, v128.load(src));
      src += rowBytes;
    }
    v128.store(out + (<usize>j << 2), s0);
  }
  for (; j < n; j++) {
    let s: f32 = 0;
    let src = a + (<usize>j << 2);
    for (let r = 0; r < rows; r++) {
      s += load<f32>(src);
      src += rowBytes;
    }
    store<f32>(out + (<usize>j << 2), s);
  }
}

/**
 * Backward pass given dy (rows x units, overwritten by dz = dy ⊙ f'(z)), y the forward output:
 * db = Σ_rows dz (when db ≠ 0); dw = xᵀ·dz; dx = dz·wᵀ (when dx ≠ 0).
 */
export function denseBackward(
  rows: i32,
  inDim: i32,
  units: i32,
  x: usize,
  w: usize,
  y: usize,
  dy: usize,
  dw: usize,
  db: usize,
  dx: usize,
  act: i32,
  work: usize,
): void {
  if (act == 1) reluBackward(dy, y, rows * units);
  if (db != 0) columnSums(dy, rows, units, db);
  // Small products start from zeros inside the product (0 + s is s: the bits of zeroing C first).
  if (isSmallProduct(inDim, units, rows)) {
    smallProduct(1, 0, inDim, units, rows, x, inDim, dy, units, dw, units, work, zerosIn(work), 0);
  } else {
    memory.fill(dw, 0, <usize>inDim * units * 4);
    sgemm(1, 0, inDim, units, rows, x, inDim, dy, units, dw, units, work);
  }
  if (dx == 0) return;
  if (isSmallProduct(rows, inDim, units)) {
    smallProduct(0, 1, rows, inDim, units, dy, units, w, units, dx, inDim, work, zerosIn(work), 0);
  } else {
    memory.fill(dx, 0, <usize>rows * inDim * 4);
    sgemm(0, 1, rows, inDim, units, dy, units, w, units, dx, inDim, work);
  }
}
