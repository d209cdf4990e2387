/**
 * A Dense layer's forward and backward passes on the wasm kernels, for the activations whose derivative
 * needs no extra buffer (linear and relu). Small layers run the whole pass in one wasm call; layers large
 * enough for the worker threads run the products threaded and the element-wise parts in wasm.
 *
 * They only run when every array lives in the kernels' shared memory (see `allocFloat32`) and return false
 * otherwise, leaving the pass to the caller's generic code.
 *
 * Shapes (row-major): x rows x inDim, w inDim x units, b units, y/dy rows x units, dw like w, dx like x.
 *
 * @module
 */

import { getThreadPool } from './thread-pool.js';
import { PARALLEL_MIN_MACS, scratchFor, wasmGemm } from './wasm-gemm.js';
import { residentOffset } from './wasm-memory.js';
import { getWasmKernels, type WasmKernels } from './wasm-module.js';

/** Activations with a fused kernel: 0 linear, 1 relu. */
export type FusedActivation = 'linear' | 'relu';

function threaded(kernels: WasmKernels, rows: number, inDim: number, units: number): boolean {
  if (rows * inDim * units < PARALLEL_MIN_MACS) return false;
  const pool = getThreadPool(kernels);
  return pool !== null && pool.size > 1;
}

/**
 * y = f(x·w + b) (b may be null: no bias). Returns false, doing nothing, when the arrays are not all in the
 * kernels' memory.
 */
export function denseForward(
  rows: number,
  inDim: number,
  units: number,
  x: Float32Array,
  w: Float32Array,
  b: Float32Array | null,
  y: Float32Array,
  activation: FusedActivation,
): boolean {
  const kernels = getWasmKernels();
  if (!kernels) return false;
  const ox = residentOffset(kernels, x);
  const ow = residentOffset(kernels, w);
  const ob = b ? residentOffset(kernels, b) : 0;
  const oy = residentOffset(kernels, y);
  if (ox < 0 || ow < 0 || ob < 0 || oy < 0) return false;
  const act = activation === 'relu' ? 1 : 0;
  const ex = kernels.exports;
  if (!threaded(kernels, rows, inDim, units)) {
    ex.denseForward(rows, inDim, units, ox, ow, ob, oy, act, scratchFor(kernels));
    return true;
  }
  if (b) for (let r = 0; r < rows; r++) y.set(b, r * units);
  else y.fill(0, 0, rows * units);
  wasmGemm(kernels, false, false, rows, units, inDim, x, w, y);
  if (act === 1) ex.reluForward(oy, rows * units);
  return true;
}

/**
 * Given dy (overwritten by dz = dy ⊙ f'(z)) and the forward output y: db = Σ_rows dz (when db is given),
 * dw = xᵀ·dz, dx = dz·wᵀ (when dx is given). Returns false, doing nothing, when the arrays are not all in
 * the kernels' memory.
 */
export function denseBackward(
  rows: number,
  inDim: number,
  units: number,
  x: Float32Array,
  w: Float32Array,
  y: Float32Array,
  dy: Float32Array,
  dw: Float32Array,
  db: Float32Array | null,
  dx: Float32Array | null,
  activation: FusedActivation,
): boolean {
  const kernels = getWasmKernels();
  if (!kernels) return false;
  const ox = residentOffset(kernels, x);
  const ow = residentOffset(kernels, w);
  const oy = residentOffset(kernels, y);
  const ody = residentOffset(kernels, dy);
  const odw = residentOffset(kernels, dw);
  const odb = db ? residentOffset(kernels, db) : 0;
  const odx = dx ? residentOffset(kernels, dx) : 0;
  if (ox < 0 || ow < 0 || oy < 0 || ody < 0 || odw < 0 || odb < 0 || odx < 0) return false;
  const act = activation === 'relu' ? 1 : 0;
  const ex = kernels.exports;
  if (!threaded(kernels, rows, inDim, units)) {
    ex.denseBackward(rows, inDim, units, ox, ow, oy, ody, odw, odb, odx, act, scratchFor(kernels));
    return true;
  }
  if (act === 1) ex.reluBackward(ody, oy, rows * units);
  if (db) ex.columnSums(ody, rows, units, odb);
  dw.fill(0);
  wasmGemm(kernels, true, false, inDim, units, rows, x, dy, dw);
  if (dx) {
    dx.fill(0, 0, rows * inDim);
    wasmGemm(kernels, false, true, rows, inDim, units, dy, w, dx);
  }
  return true;
}
